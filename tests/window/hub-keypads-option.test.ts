import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeHid } from '../../server/src/devices/keypad/fake-hid.js';
import { ConfigError, loadConfig } from '../../server/src/config.js';
import type { HubKeypads } from '../../server/src/devices/keypad/hub-keypads.js';
import {
  type Api,
  createHall,
  createService,
  createWindow,
  expectStatus,
  issue,
  openWindow,
  setupAdmin,
} from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';

/**
 * KEYPADS=hid: the hub starts its own keypad driver on the HID layer it is
 * given (here the fake one, which behaves like node-hid), a press acts for
 * the keypad's window, and closing the hub closes the keypads.
 */

const F1 = [0x02, 3, 0xaa, 0x10, 0xaa ^ 0x10, ...new Array(11).fill(0), 1];
const KEYPAD = { path: '/dev/hidraw4', vendorId: 0x2e3c, productId: 0x5750, usagePage: 0xff00 };

describe('the KEYPADS option', () => {
  it('is off by default, takes hid, and refuses anything else naming the variable', () => {
    expect(loadConfig({}).KEYPADS).toBe('off');
    expect(loadConfig({ KEYPADS: 'hid' }).KEYPADS).toBe('hid');
    expect(() => loadConfig({ KEYPADS: 'usb' })).toThrow(ConfigError);
    expect(() => loadConfig({ KEYPADS: 'usb' })).toThrow(/KEYPADS/);
  });

  it('a hub without the option starts no keypad driver', async () => {
    const plain = await startTestHub();
    try {
      expect(plain.hub.keypads).toBeNull();
    } finally {
      await plain.close();
    }
  });
});

describe('a hub started with keypads on the hub machine', () => {
  let t: TestHub;
  let admin: Api;
  let hid: FakeHid;
  let keypads: HubKeypads;
  let closed = false;

  beforeAll(async () => {
    hid = new FakeHid();
    t = await startTestHub({ options: { keypads: { binding: hid, scanMs: 60_000, log: () => undefined } } });
    admin = await setupAdmin(t);
    const started = await t.hub.keypads;
    if (!started) throw new Error('the hub did not start its keypads');
    keypads = started;
  });
  afterAll(async () => {
    if (!closed) await t.close();
  });

  it('reads a registered keypad, acts for its window with the keypad as actor, and closes it with the hub', async () => {
    const hallId = (await createHall(admin)).id;
    const serviceId = (await createService(admin, hallId)).id;
    const w4 = (await createWindow(admin, hallId, { number: 4 })).id;
    await openWindow(admin, w4);
    const kp = expectStatus(
      await admin.post<{ device: { id: string } }>(`/api/v1/halls/${hallId}/keypads`, {
        name: '4号窗口键盘',
        windowId: w4,
        config: { profile: 'vendor', serial: 'KP-4' },
      }),
      201,
      'register keypad',
    );
    hid.plug({ ...KEYPAD, serialNumber: 'KP-4' });
    await keypads.driver.scan();
    expect(keypads.driver.attachedKeypads()).toContain(kp.device.id);

    const ticket = await issue(admin, hallId, serviceId);
    const calledEvent = new Promise<void>((resolve) => {
      const off = t.deps.store.followEvents({ allHalls: true }, ({ events }) => {
        if (events.some((e) => e.type === 'ticket.called')) {
          off();
          resolve();
        }
      });
    });
    await hid.emitData(KEYPAD.path, F1);
    await calledEvent;
    const called = await t.store.listTickets(hallId, { statuses: ['called'] });
    expect(called.map((c) => [c.number, c.windowId])).toEqual([[ticket.number, w4]]);
    const event = (await t.store.listEvents(hallId, 0, 1000)).find((e) => e.type === 'ticket.called');
    expect(event?.actor).toEqual({ type: 'device', id: kp.device.id });
    expect(hid.openHandles(KEYPAD.path)).toHaveLength(1);

    // Closing the hub stops its driver: the keypad is closed and a later scan opens nothing.
    closed = true;
    await t.close();
    expect(hid.handles.length).toBeGreaterThan(0);
    expect(hid.handles.every((h) => h.closed)).toBe(true);
    await keypads.driver.scan();
    expect(hid.openHandles(KEYPAD.path)).toHaveLength(0);
  });
});
