import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeHid } from '../../server/src/devices/keypad/fake-hid.js';
import { startKeypadAgent } from '../../server/src/devices/keypad/agent.js';
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

/** The keypad agent on a window PC: the same driver, presses sent to a real hub over HTTP with the keypad's token. */

let t: TestHub;
let admin: Api;
beforeAll(async () => {
  t = await startTestHub();
  admin = await setupAdmin(t);
});
afterAll(() => t.close());

describe('keypad agent', () => {
  it('a press on the agent calls at its window; a double press calls one citizen; the keypad shows online', async () => {
    const hallId = (await createHall(admin)).id;
    const serviceId = (await createService(admin, hallId)).id;
    const windowId = (await createWindow(admin, hallId)).id;
    await openWindow(admin, windowId);
    const reg = expectStatus(
      await admin.post<{ device: { id: string }; token: string }>(`/api/v1/halls/${hallId}/keypads`, {
        name: '6号窗口键盘',
        windowId,
        config: { profile: 'keyboard', vendorId: 0x04d9, productId: 0x1203, serial: 'NUM-6' },
      }),
      201,
      'register',
    );
    const first = await issue(admin, hallId, serviceId);
    await issue(admin, hallId, serviceId);
    const hid = new FakeHid();
    hid.plug({ path: '/dev/hidraw2', vendorId: 0x04d9, productId: 0x1203, serialNumber: 'NUM-6' });
    const answers: { outcome: string; ticketNumber: string | null }[] = [];
    let done: () => void = () => undefined;
    const two = new Promise<void>((resolve) => (done = resolve));
    const agent = await startKeypadAgent({
      hub: t.url,
      token: reg.token,
      binding: hid,
      scanMs: 60_000,
      log: () => undefined,
      onAnswer: (a) => {
        answers.push(a);
        if (answers.length === 2) done();
      },
    });
    const up = [0, 0, 0, 0, 0, 0, 0, 0];
    const plus = [0, 0, 0x57, 0, 0, 0, 0, 0];
    for (const r of [plus, up, plus, up]) await hid.emitData('/dev/hidraw2', r);
    await two;
    await agent.stop();
    expect(answers.map((a) => a.ticketNumber)).toEqual([first.number, first.number]);
    expect(answers.map((a) => a.outcome)).toEqual(['done', 'repeated']);
    expect(await t.store.listTickets(hallId, { statuses: ['called'] })).toHaveLength(1);
    const list = await admin.get<{ keypads: { device: { id: string }; online: boolean; via: string }[] }>(
      `/api/v1/halls/${hallId}/keypads`,
    );
    expect(list.body.keypads[0]).toMatchObject({ device: { id: reg.device.id }, online: true, via: 'agent' });
  });
});
