import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeHid } from '../../server/src/devices/keypad/fake-hid.js';
import { startHubKeypads, type HubKeypads } from '../../server/src/devices/keypad/hub-keypads.js';
import { type Api, createHall, createWindow, expectStatus, setupAdmin } from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';

/**
 * The hub's own keypad driver touches the store in the background (last
 * seen, registry reloads). A store error there is logged; it must never be
 * an unhandled rejection, which would stop the hub process.
 */
describe('hub keypads when the store fails in the background', () => {
  let t: TestHub;
  let admin: Api;
  let keypads: HubKeypads;
  const logged: string[] = [];

  beforeAll(async () => {
    t = await startTestHub();
    admin = await setupAdmin(t);
  });
  afterAll(async () => {
    await keypads?.stop();
    await t.close();
  });

  it('logs a failed last-seen write instead of rejecting unhandled', async () => {
    const hallId = (await createHall(admin)).id;
    const windowId = (await createWindow(admin, hallId, { number: 3 })).id;
    const reply = await admin.post(`/api/v1/halls/${hallId}/keypads`, {
      name: '3号窗口键盘',
      windowId,
      config: { profile: 'vendor', serial: 'KP-ERR' },
    });
    expectStatus(reply, 201, 'register keypad');
    const hid = new FakeHid();
    keypads = await startHubKeypads(t.deps, hid, { scanMs: 60_000, log: (m) => logged.push(m) });
    const store = t.deps.store;
    const touch = store.touchDevice.bind(store);
    store.touchDevice = () => Promise.reject(new Error('database is locked'));
    try {
      hid.plug({
        path: '/dev/hidraw9',
        vendorId: 0x2e3c,
        productId: 0x5750,
        usagePage: 0xff00,
        serialNumber: 'KP-ERR',
      });
      await keypads.driver.scan();
      // The rejection is handled on a later tick: wait for its log line.
      await expect.poll(() => logged.some((m) => m.includes('database is locked'))).toBe(true);
    } finally {
      store.touchDevice = touch;
    }
  });
});
