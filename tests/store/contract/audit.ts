import { expect, it } from 'vitest';
import type { HallEvent, NewEvent } from '../../../server/src/domain/index.js';
import type { Store } from '../../../server/src/store/port.js';
import {
  buildDevice,
  buildEvent,
  buildHall,
  buildService,
  buildSession,
  buildUser,
  buildWindow,
} from '../../helpers/factories.js';
import { callDirectly, expectDomainError, issue, seedHall, useStore, type MakeStore } from './setup.js';

/**
 * One convention for every write of the port: it takes the events it must
 * append, appends them in the same atomic step, and returns them with their
 * `seq`; a refused write appends nothing.
 */
export function auditContract(makeStore: MakeStore): void {
  const store = useStore(makeStore);

  /** Runs `write` with one audit event and checks it came back with the next seq and is in the log. */
  async function expectAudited(
    hallId: string,
    write: (audit: NewEvent[]) => Promise<{ events: HallEvent[] }>,
    label: string,
  ): Promise<void> {
    const before = await store().lastSeq(hallId);
    const audit = buildEvent(hallId, { change: { label } });
    const { events } = await write([audit]);
    expect(events, label).toEqual([{ ...audit, seq: before + 1 }]);
    expect(await store().listEvents(hallId, before, 10), label).toEqual(events);
  }

  async function expectRefusedSilently(
    s: Store,
    hallId: string,
    write: (audit: NewEvent[]) => Promise<unknown>,
    code: 'conflict' | 'not_found',
    label: string,
  ): Promise<void> {
    const before = await s.lastSeq(hallId);
    await expectDomainError(write([buildEvent(hallId, { change: { label } })]), code);
    expect(await s.lastSeq(hallId), label).toBe(before);
  }

  it('returns each configuration write with its audit event, which the log then holds', async () => {
    const hall = buildHall();
    await expectAudited(hall.id, (a) => store().saveHall(hall, a), 'saveHall');
    const service = buildService(hall);
    await expectAudited(hall.id, (a) => store().saveService(service, a), 'saveService');
    const window = buildWindow(hall);
    await expectAudited(hall.id, (a) => store().saveWindow(window, a), 'saveWindow');
    const device = buildDevice(hall);
    await expectAudited(hall.id, (a) => store().saveDevice(device, a), 'saveDevice');
    const user = buildUser({ hallIds: [hall.id] });
    await expectAudited(hall.id, (a) => store().saveUser(user, a), 'saveUser');
    await expectAudited(
      hall.id,
      (a) => store().createSession(buildSession(user, { kind: 'bearer' }), a),
      'createSession',
    );
    await expectAudited(
      hall.id,
      (a) => store().saveHallSetting(hall.id, 'voice', { rate: 1 }, 0, a),
      'saveHallSetting',
    );
    await expectAudited(hall.id, (a) => store().deleteUser(user.id, a), 'deleteUser');
    await expectAudited(hall.id, (a) => store().deleteDevice(device.id, a), 'deleteDevice');
    await expectAudited(hall.id, (a) => store().deleteWindow(window.id, a), 'deleteWindow');
    await expectAudited(hall.id, (a) => store().deleteService(service.id, a), 'deleteService');
    // The hall's log outlives it: its own deletion is the last line.
    await expectAudited(hall.id, (a) => store().deleteHall(hall.id, a), 'deleteHall');
    expect(await store().getHall(hall.id)).toBeNull();
  });

  it('returns what it saved with the events', async () => {
    const hall = buildHall();
    expect((await store().saveHall(hall, [])).hall).toEqual(hall);
    const service = buildService(hall);
    expect(await store().saveService(service, [])).toEqual({ service, events: [] });
    const window = buildWindow(hall);
    expect((await store().saveWindow(window, [])).window).toEqual(window);
    const user = buildUser({ hallIds: [hall.id] });
    expect(await store().saveUser(user, [])).toEqual({ user, events: [] });
    const device = buildDevice(hall);
    expect(await store().saveDevice(device, [])).toEqual({ device, events: [] });
    expect(await store().deleteDevice(device.id, [])).toEqual({ events: [] });
  });

  it('appends nothing when it refuses a write', async () => {
    const s = store();
    const { hall, services, windows } = await seedHall(s);
    const ticket = await issue(s, services[0]);
    await callDirectly(s, ticket, windows[0], 1);
    const clerk = (await s.saveUser(buildUser({ username: 'wang', hallIds: [hall.id] }), [])).user;
    const device = (await s.saveDevice(buildDevice(hall), [])).device;

    await expectRefusedSilently(s, hall.id, (a) => s.deleteHall(hall.id, a), 'conflict', 'hall in use');
    await expectRefusedSilently(
      s,
      hall.id,
      (a) => s.saveService(buildService(hall, { code: services[0].code }), a),
      'conflict',
      'matter code taken',
    );
    await expectRefusedSilently(
      s,
      hall.id,
      (a) => s.deleteService(services[0].id, a),
      'conflict',
      'matter with tickets',
    );
    await expectRefusedSilently(
      s,
      hall.id,
      (a) => s.saveWindow(buildWindow(hall, { number: windows[0].number }), a),
      'conflict',
      'window number taken',
    );
    await expectRefusedSilently(
      s,
      hall.id,
      (a) => s.deleteWindow(windows[0].id, a),
      'conflict',
      'window with a ticket',
    );
    await expectRefusedSilently(
      s,
      hall.id,
      (a) => s.saveUser(buildUser({ username: clerk.username, hallIds: [hall.id] }), a),
      'conflict',
      'username taken',
    );
    await expectRefusedSilently(s, hall.id, (a) => s.deleteUser('no-user', a), 'not_found', 'no user');
    await expectRefusedSilently(
      s,
      hall.id,
      (a) => s.saveDevice(buildDevice(hall, { tokenHash: device.tokenHash }), a),
      'conflict',
      'device token taken',
    );
    await expectRefusedSilently(s, hall.id, (a) => s.deleteDevice('no-device', a), 'not_found', 'no device');
  });
}
