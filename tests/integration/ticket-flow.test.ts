import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffTicketView } from '../../server/src/http/presenters/tickets.js';
import {
  Api,
  createHall,
  createService,
  createUser,
  createWindow,
  issue,
  openWindow,
  setupAdmin,
} from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';

/** A citizen's visit end to end over real HTTP, with the clock driven by the test. */

const T0 = Date.UTC(2025, 2, 3, 2, 0); // Monday 10:00 in Shanghai
const clock = { now: T0 };
let t: TestHub;
let admin: Api;
let anon: Api;

beforeAll(async () => {
  t = await startTestHub({ deps: { now: () => clock.now } });
  admin = await setupAdmin(t);
  anon = new Api(t.url);
});
afterAll(async () => t.close());

async function hallWithClerk() {
  const hall = await createHall(admin);
  const service = await createService(admin, hall.id, { prefix: 'A', expectedMinutes: 10 });
  const clerk = await createUser(t, admin, { hallIds: [hall.id] });
  const window = await createWindow(admin, hall.id, { number: 3, clerkIds: [clerk.user.id] });
  return { hall, service, clerk, window };
}

type TicketReply = { ticket: StaffTicketView };

describe('a visit from ticket to completion', () => {
  it('issues, calls, starts and completes, recording the clerk on each event', async () => {
    const { hall, service, clerk, window } = await hallWithClerk();
    await openWindow(clerk.api, window.id);

    const issued = await issue(anon, hall.id, service.id);
    expect(issued).toMatchObject({ number: 'A001', status: 'waiting', ahead: 0, estimatedMinutes: 0 });
    expect(issued.statusToken).toMatch(/^[A-Za-z0-9_-]{16,}$/);

    const next = await clerk.api.post<{ outcome: string; ticket: StaffTicketView }>(
      `/api/v1/windows/${window.id}/call-next`,
    );
    expect(next.status).toBe(200);
    expect(next.body.outcome).toBe('called');
    expect(next.body.ticket).toMatchObject({ number: 'A001', status: 'called', windowId: window.id });

    const started = await clerk.api.post<TicketReply>(`/api/v1/windows/${window.id}/start`);
    expect(started.body.ticket.status).toBe('serving');
    clock.now += 5 * 60_000;
    const done = await clerk.api.post<TicketReply>(`/api/v1/windows/${window.id}/complete`);
    expect(done.body.ticket.status).toBe('completed');

    const status = await anon.get(`/api/v1/tickets/status/${issued.statusToken}`);
    expect(status.body).toMatchObject({ number: 'A001', status: 'completed' });

    const events = await t.store.listEvents(hall.id, 0, 100);
    const ticketEvents = events.filter(
      (e) => e.ticketId === next.body.ticket.id && e.type !== 'ticket.issued',
    );
    expect(ticketEvents.map((e) => e.type)).toEqual(['ticket.called', 'ticket.started', 'ticket.completed']);
    for (const e of ticketEvents) expect(e.actor).toEqual({ type: 'user', id: clerk.user.id });
  });
});
