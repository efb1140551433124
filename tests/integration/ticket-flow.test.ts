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

describe('the kiosk menu', () => {
  it('groups enabled matters by domain with waiting counts and live estimates', async () => {
    const { hall, service, clerk, window } = await hallWithClerk();
    const other = await createService(admin, hall.id, { domain: '公安', prefix: 'C', expectedMinutes: 6 });
    const off = await createService(admin, hall.id, { domain: '公安', prefix: 'D', enabled: false });
    for (let i = 0; i < 3; i += 1) await issue(anon, hall.id, service.id);
    await issue(anon, hall.id, other.id);

    type Menu = {
      domains: {
        domain: string;
        waiting: number;
        services: { id: string; waiting: number; estimate: { ahead: number; minutes: number | null } }[];
      }[];
    };
    const closed = await anon.get<Menu>(`/api/v1/halls/${hall.id}/kiosk-menu`);
    expect(closed.status).toBe(200);
    expect(closed.body.domains.map((d) => [d.domain, d.waiting])).toEqual([
      ['社保', 3],
      ['公安', 1],
    ]);
    const social = closed.body.domains[0]?.services[0];
    // No open window serves it yet: no estimate rather than a made-up one.
    expect(social).toMatchObject({ id: service.id, waiting: 3, estimate: { minutes: null } });
    expect(closed.body.domains[1]?.services.map((s) => s.id)).toEqual([other.id]);
    expect(JSON.stringify(closed.body)).not.toContain(off.id);

    await openWindow(clerk.api, window.id);
    const open = await anon.get<Menu>(`/api/v1/halls/${hall.id}/kiosk-menu`);
    // One window serves both matters: 3 × 10 min + 1 × 6 min of work ahead of a newcomer.
    expect(open.body.domains[0]?.services[0]?.estimate).toEqual({ ahead: 4, minutes: 36 });
  });
});

describe('public ticket status', () => {
  it('follows the ticket by its token and shows where to go, without personal data', async () => {
    const { hall, service, clerk, window } = await hallWithClerk();
    await openWindow(clerk.api, window.id);
    await issue(anon, hall.id, service.id);
    const mine = await issue(anon, hall.id, service.id, { categories: ['pregnant'], assistance: true });
    expect(mine.priority).toBe(true);
    expect(JSON.stringify(mine)).not.toContain('pregnant');

    const waiting = await anon.get(`/api/v1/tickets/status/${mine.statusToken}`);
    expect(waiting.body).toMatchObject({ number: mine.number, status: 'waiting', ahead: 0, window: null });
    const stored = await t.store.getTicketByToken(mine.statusToken);
    for (const secret of ['statusToken', mine.statusToken, 'categories', 'pregnant', stored?.id ?? '?']) {
      expect(JSON.stringify(waiting.body)).not.toContain(secret);
    }

    await clerk.api.post(`/api/v1/windows/${window.id}/call-next`);
    const called = await anon.get(`/api/v1/tickets/status/${mine.statusToken}`);
    expect(called.body).toMatchObject({ status: 'called', window: { number: 3 } });

    const unknown = await anon.get('/api/v1/tickets/status/NoSuchToken123');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'not_found' });
  });
});

describe('call-next idempotency', () => {
  it('answers a double press with the same ticket, then calls the next one after the idempotency window', async () => {
    const { hall, service, clerk, window } = await hallWithClerk();
    await openWindow(clerk.api, window.id);
    await issue(anon, hall.id, service.id);
    await issue(anon, hall.id, service.id);
    const path = `/api/v1/windows/${window.id}/call-next`;
    type Next = { outcome: string; ticket: StaffTicketView | null };

    const first = await clerk.api.post<Next>(path);
    const again = await clerk.api.post<Next>(path);
    expect(first.body.outcome).toBe('called');
    expect(again.body.outcome).toBe('repeated');
    expect(again.body.ticket?.id).toBe(first.body.ticket?.id);
    const waiting = await t.store.listTickets(hall.id, { statuses: ['waiting'] });
    expect(waiting.map((w) => w.number)).toEqual(['A002']);

    clock.now += (hall.rules.idempotencyMs ?? 2000) + 1;
    const later = await clerk.api.post<Next>(path);
    expect(later.body).toMatchObject({ outcome: 'called', ticket: { number: 'A002' } });
    const previous = await t.store.getTicket(first.body.ticket?.id ?? '');
    expect(previous?.status).toBe('completed');

    clock.now += (hall.rules.idempotencyMs ?? 2000) + 1;
    await clerk.api.post(`/api/v1/windows/${window.id}/start`);
    await clerk.api.post(`/api/v1/windows/${window.id}/complete`);
    const empty = await clerk.api.post<Next>(path);
    expect(empty.body).toEqual({ outcome: 'empty', ticket: null });
  });
});
