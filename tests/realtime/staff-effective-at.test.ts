import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issueTicket, markNoShow, reactivateTicket } from '../../server/src/app/index.js';
import type { TicketChangedMessage } from '../../server/src/protocol/index.js';
import type { TestHub } from '../helpers/hub.js';
import {
  CLERK,
  HallDriver,
  seedHall,
  seedUser,
  startRealtimeHub,
  type SeededHall,
} from '../helpers/realtime-fixtures.js';
import { closeClients, connectStaff, MessageLog } from './support.js';

/** `/staff` ticket events carry the queue place (`effectiveAt`), so consoles can order the queue. */
describe('staff ticket events and the queue place', () => {
  let hub: TestHub;
  let seeded: SeededHall;
  let drive: HallDriver;

  beforeEach(async () => {
    const started = await startRealtimeHub();
    hub = started.hub;
    seeded = await seedHall(hub.store);
    drive = new HallDriver(hub.deps, started.clock, seeded);
  });
  afterEach(async () => {
    closeClients();
    await hub.close();
  });

  it('give the head start of a priority ticket and the place a re-activated one was given', async () => {
    const { token } = await seedUser(hub.store, { role: 'supervisor', hallIds: [seeded.hall.id] });
    const log = new MessageLog(connectStaff(hub.url, { token }));
    await log.next('display:snapshot');

    const { ticket: elderly } = await issueTicket(hub.deps, {
      hallId: seeded.hall.id,
      serviceId: seeded.social.id,
      channel: 'kiosk',
      categories: ['elderly'],
    });
    const issued = await log.next<TicketChangedMessage>(
      'ticket:changed',
      (m) => m.cause === 'ticket.issued' && m.ticket.id === elderly.id,
    );
    expect(issued.ticket.effectiveAt).toBe(elderly.effectiveAt);
    expect(issued.ticket.effectiveAt).toBeLessThan(issued.ticket.issuedAt);

    for (let i = 0; i < 4; i += 1) await drive.issue();
    await drive.callNext(seeded.w3);
    await markNoShow(hub.deps, { windowId: seeded.w3.id, actor: CLERK });
    const back = await reactivateTicket(hub.deps, {
      hallId: seeded.hall.id,
      statusToken: elderly.statusToken,
      actor: CLERK,
    });
    const reactivated = await log.next<TicketChangedMessage>(
      'ticket:changed',
      (m) => m.cause === 'ticket.reactivated',
    );
    expect(reactivated.ticket).toMatchObject({
      id: elderly.id,
      status: 'waiting',
      effectiveAt: back.effectiveAt,
    });
  });
});
