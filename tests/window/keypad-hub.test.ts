import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeHid } from '../../server/src/devices/keypad/fake-hid.js';
import type { KeypadPressResult } from '../../server/src/app/index.js';
import { startHubKeypads, type HubKeypads } from '../../server/src/devices/keypad/hub-keypads.js';
import type { CallOut } from '../../server/src/protocol/index.js';
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
import { closeClients, connectDisplay, waitFor } from '../realtime/support.js';

/**
 * Keypad → hub → display, end to end: a report from the fake HID layer goes
 * through the same driver as a real keypad, the use cases act with the keypad
 * as the actor, and a real socket.io display client sees the call.
 */

const F1 = (seq: number) => [0x02, 3, 0xaa, 0x10, 0xaa ^ 0x10, ...new Array(11).fill(0), seq];
const F3 = [0x02, 3, 0xaa, 0x12, 0xaa ^ 0x12, ...new Array(11).fill(0)];
const F4 = [0x02, 3, 0xaa, 0x13, 0xaa ^ 0x13, ...new Array(11).fill(0)];

let t: TestHub;
let admin: Api;
let hallId: string;
let serviceId: string;
let w3: string;
let w5: string;
let hid: FakeHid;
let keypads: HubKeypads;
const presses: { deviceId: string; result: KeypadPressResult }[] = [];
let waiters: ((n: number) => boolean)[] = [];

/** Resolves once the hub has handled `n` presses in total. */
function handled(n: number): Promise<void> {
  if (presses.length >= n) return Promise.resolve();
  return new Promise((resolve) =>
    waiters.push((count) => {
      if (count < n) return false;
      resolve();
      return true;
    }),
  );
}

/** Start and complete the window's ticket through the API, leaving the window free. */
async function finish(windowId: string): Promise<void> {
  expectStatus(await admin.post(`/api/v1/windows/${windowId}/start`), 200, 'start');
  expectStatus(await admin.post(`/api/v1/windows/${windowId}/complete`), 200, 'complete');
}

async function registerKeypad(body: Record<string, unknown>) {
  const r = await admin.post<{ device: { id: string }; token: string }>(
    `/api/v1/halls/${hallId}/keypads`,
    body,
  );
  return expectStatus(r, 201, 'register keypad');
}

beforeAll(async () => {
  t = await startTestHub();
  admin = await setupAdmin(t);
  hallId = (await createHall(admin)).id;
  serviceId = (await createService(admin, hallId)).id;
  w3 = (await createWindow(admin, hallId, { number: 3 })).id;
  w5 = (await createWindow(admin, hallId, { number: 5 })).id;
  await openWindow(admin, w3);
  await openWindow(admin, w5);
  hid = new FakeHid();
  keypads = await startHubKeypads(t.deps, hid, {
    scanMs: 60_000,
    onPress: (deviceId, result) => {
      presses.push({ deviceId, result });
      waiters = waiters.filter((w) => !w(presses.length));
    },
  });
});
afterEach(() => closeClients());
afterAll(async () => {
  await keypads.stop();
  await t.close();
});

describe('keypads in the hub', () => {
  it('a press calls the next citizen; the display hears it; the keypad shows the number; the keypad is the actor', async () => {
    const kp = await registerKeypad({
      name: '3号窗口键盘',
      windowId: w3,
      config: { profile: 'vendor', serial: 'KP-3' },
    });
    hid.plug({
      path: '/dev/hidraw3',
      vendorId: 0x2e3c,
      productId: 0x5750,
      usagePage: 0xff00,
      serialNumber: 'KP-3',
    });
    await keypads.driver.scan();
    expect(keypads.driver.attachedKeypads()).toContain(kp.device.id);

    const ticket = await issue(admin, hallId, serviceId);
    const display = connectDisplay(t.url, hallId);
    await waitFor(display, 'display:snapshot');
    const called = waitFor<CallOut>(display, 'ticket:called');
    const before = presses.length;
    await hid.emitData('/dev/hidraw3', F1(1));
    await handled(before + 1);
    const call = await called;
    expect(call.ticketNumber).toBe(ticket.number);
    expect(call.window.number).toBe(3);
    expect(presses.at(-1)!.result).toMatchObject({ outcome: 'done', ticketNumber: ticket.number });
    expect(hid.lastWrite('/dev/hidraw3')?.slice(0, 6)).toEqual([
      0x03,
      0x44,
      ...[...ticket.number].map((c) => c.charCodeAt(0)),
    ]);
    const events = await t.store.listEvents(hallId, 0, 1000);
    expect(events.find((e) => e.type === 'ticket.called')?.actor).toEqual({
      type: 'device',
      id: kp.device.id,
    });

    // Start and complete it from the keypad too, so the window is free for the next test.
    await hid.emitData('/dev/hidraw3', F3);
    await hid.emitData('/dev/hidraw3', F4);
    await handled(before + 3);
    expect(presses.at(-1)!.result.outcome).toBe('done');

    const list = await admin.get<{ keypads: { device: { id: string }; online: boolean; bound: boolean }[] }>(
      `/api/v1/halls/${hallId}/keypads`,
    );
    expect(list.body.keypads.find((k) => k.device.id === kp.device.id)).toMatchObject({
      online: true,
      bound: true,
    });
  });

  it('a double press and a console press at the same moment call exactly one citizen', async () => {
    const first = await issue(admin, hallId, serviceId);
    const second = await issue(admin, hallId, serviceId);
    const before = presses.length;
    const [, , consoleReply] = await Promise.all([
      hid.emitData('/dev/hidraw3', F1(2)),
      hid.emitData('/dev/hidraw3', F1(3)),
      admin.post<{ outcome: string; ticket: { number: string } | null }>(`/api/v1/windows/${w3}/call-next`),
    ]);
    await handled(before + 2);
    const called = await t.store.listTickets(hallId, { statuses: ['called'] });
    expect(called.map((c) => c.number)).toEqual([first.number]);
    const waiting = await t.store.listTickets(hallId, { statuses: ['waiting'] });
    expect(waiting.map((w) => w.number)).toEqual([second.number]);
    expect(consoleReply.body.ticket?.number).toBe(first.number);
    const outcomes = presses.slice(before).map((p) => p.result);
    expect(outcomes.every((r) => r.ticketNumber === first.number)).toBe(true);
    await finish(w3);
  });

  it('an action that does not fit is refused, beeps, and is logged with the keypad as actor', async () => {
    const before = presses.length;
    await hid.emitData('/dev/hidraw3', F4); // complete, but nobody is at the window
    await handled(before + 1);
    expect(presses.at(-1)!.result).toMatchObject({ outcome: 'refused', code: 'window_has_no_ticket' });
    expect(hid.lastWrite('/dev/hidraw3')?.slice(0, 3)).toEqual([0x03, 0x42, 2]);
    const last = (await t.store.listEvents(hallId, 0, 1000)).filter((e) => e.type === 'device.status').at(-1);
    expect(last).toMatchObject({
      actor: { type: 'device' },
      data: { status: 'refused', code: 'window_has_no_ticket' },
    });
  });

  it('one wireless receiver, keypads of two windows: each acts only for its own window', async () => {
    const a = await registerKeypad({
      name: 'A',
      windowId: w3,
      config: { profile: 'wireless', receiverAddress: '000000A3' },
    });
    const b = await registerKeypad({
      name: 'B',
      windowId: w5,
      config: { profile: 'wireless', receiverAddress: '000000B5' },
    });
    hid.plug({ path: '/dev/hidraw7', vendorId: 0x2e3c, productId: 0x5752, usagePage: 0xff00 });
    await keypads.driver.scan();
    expect(keypads.driver.attachedKeypads()).toEqual(expect.arrayContaining([a.device.id, b.device.id]));
    await issue(admin, hallId, serviceId);
    const before = presses.length;
    await hid.emitData('/dev/hidraw7', [0x05, 0, 0, 0, 0xb5, 0x10, 1, 90]);
    await handled(before + 1);
    const called = await t.store.listTickets(hallId, { statuses: ['called'] });
    expect(called.map((c) => [c.number, c.windowId])).toEqual([[presses.at(-1)!.result.ticketNumber, w5]]);
    expect(presses.at(-1)!.deviceId).toBe(b.device.id);
    // Window 5's keypad token cannot act for window 3 through the API either.
    const asB = admin.as({ token: b.token });
    expect((await asB.post(`/api/v1/windows/${w3}/call-next`)).status).toBe(403);
    await finish(w5);
  });

  it('an unbound keypad does nothing and is reported', async () => {
    const kp = await registerKeypad({ name: '备用键盘', config: { profile: 'vendor', serial: 'KP-SPARE' } });
    hid.plug({ path: '/dev/hidraw9', vendorId: 0x2e3c, productId: 0x5750, serialNumber: 'KP-SPARE' });
    await keypads.driver.scan();
    await issue(admin, hallId, serviceId);
    const waitingBefore = await t.store.listTickets(hallId, { statuses: ['waiting'] });
    const before = presses.length;
    await hid.emitData('/dev/hidraw9', F1(9));
    await handled(before + 1);
    expect(presses.at(-1)!.result.outcome).toBe('unbound');
    expect(await t.store.listTickets(hallId, { statuses: ['waiting'] })).toHaveLength(waitingBefore.length);
    const list = await admin.get<{
      keypads: { device: { id: string }; bound: boolean; lastUnboundPressAt: number | null }[];
    }>(`/api/v1/halls/${hallId}/keypads`);
    const row = list.body.keypads.find((k) => k.device.id === kp.device.id);
    expect(row).toMatchObject({ bound: false });
    expect(row?.lastUnboundPressAt).toBeTypeOf('number');

    // Bound, the same keypad works: binding reloads the driver's keypads.
    expectStatus(
      await admin.post(`/api/v1/halls/${hallId}/keypads/${kp.device.id}/bind`, { windowId: w5 }),
      200,
      'bind',
    );
    await keypads.driver.scan();
    const n = presses.length;
    await hid.emitData('/dev/hidraw9', F1(10));
    await handled(n + 1);
    expect(presses.at(-1)!.result.outcome).toBe('done');
  });
});
