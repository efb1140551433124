import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Api,
  createDevice,
  createHall,
  createService,
  createUser,
  createWindow,
  expectStatus,
  issue,
  openWindow,
  setupAdmin,
} from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';

/** 好差评 over real HTTP: the evaluator at the window, the QR page, and who may not rate. */

let now = Date.UTC(2026, 10, 27, 2, 0, 0);
let t: TestHub;
let admin: Api;
let clerk: Api;
let evaluator: Api;
let hallId: string;
let serviceId: string;
let w3: string;
let w5: string;

/** Issues a ticket and serves it to completion at window 3; returns its status token and id. */
async function serveOne(): Promise<{ token: string; id: string }> {
  const issued = await issue(admin, hallId, serviceId);
  now += 60_000;
  expectStatus(await clerk.post(`/api/v1/windows/${w3}/call-next`), 200, 'call');
  expectStatus(await clerk.post(`/api/v1/windows/${w3}/start`), 200, 'start');
  now += 5 * 60_000;
  expectStatus(await clerk.post(`/api/v1/windows/${w3}/complete`), 200, 'complete');
  const ticket = await t.store.getTicketByToken(issued.statusToken);
  return { token: issued.statusToken, id: ticket!.id };
}

beforeAll(async () => {
  t = await startTestHub({ deps: { now: () => now } });
  admin = await setupAdmin(t);
  hallId = (await createHall(admin)).id;
  serviceId = (await createService(admin, hallId)).id;
  const c = await createUser(t, admin, { hallIds: [hallId], displayName: '王芳', staffNo: 'YC0312' });
  clerk = c.api;
  w3 = (await createWindow(admin, hallId, { number: 3, clerkIds: [c.user.id] })).id;
  w5 = (await createWindow(admin, hallId, { number: 5 })).id;
  await openWindow(clerk, w3);
  evaluator = (await createDevice(admin, hallId, { kind: 'evaluator', windowId: w3 })).api;
});
afterAll(() => t.close());

describe('rating at the window', () => {
  it('the counter view shows the clerk and, after completion, the ticket to rate', async () => {
    const served = await serveOne();
    const view = await evaluator.get<Record<string, unknown>>(`/api/v1/windows/${w3}/counter`);
    expect(view.body).toMatchObject({
      window: { number: 3 },
      clerk: { displayName: '王芳', staffNo: 'YC0312' },
      evaluable: { ticketId: served.id },
    });
    const rated = await evaluator.post(`/api/v1/windows/${w3}/evaluations`, {
      ticketId: served.id,
      level: 5,
    });
    expect(rated.status).toBe(201);
    const again = await evaluator.post(`/api/v1/windows/${w3}/evaluations`, {
      ticketId: served.id,
      level: 4,
    });
    expect(again.body).toMatchObject({ code: 'conflict' });
    expect((await t.store.getEvaluationByTicket(served.id))?.level).toBe(5);
    const after = await evaluator.get<{ evaluable: unknown }>(`/api/v1/windows/${w3}/counter`);
    expect(after.body.evaluable).toBeNull();
  });

  it('only the ticket just completed, only within the time, never by a clerk or another window', async () => {
    const older = await serveOne();
    const latest = await serveOne();
    const refusedOlder = await evaluator.post(`/api/v1/windows/${w3}/evaluations`, {
      ticketId: older.id,
      level: 5,
    });
    expect(refusedOlder.body).toMatchObject({ code: 'invalid_state' });
    const byClerk = await clerk.post(`/api/v1/windows/${w3}/evaluations`, { ticketId: latest.id, level: 5 });
    expect(byClerk.status).toBe(403);
    const elsewhere = await evaluator.post(`/api/v1/windows/${w5}/evaluations`, {
      ticketId: latest.id,
      level: 5,
    });
    expect(elsewhere.status).toBe(403);
    now += 11 * 60_000; // past the default 10 minutes
    const late = await evaluator.post(`/api/v1/windows/${w3}/evaluations`, { ticketId: latest.id, level: 5 });
    expect(late.body).toMatchObject({ code: 'invalid_state' });
    expect(await t.store.getEvaluationByTicket(latest.id)).toBeNull();
  });

  it('a 差评 needs a reason, is flagged for follow-up, and the QR page rates what the window did not', async () => {
    const served = await serveOne();
    const anon = admin.as({});
    const noReason = await anon.post(`/api/v1/tickets/status/${served.token}/evaluation`, { level: 1 });
    expect(noReason.body).toMatchObject({ code: 'validation_failed' });
    const state = await anon.get(`/api/v1/tickets/status/${served.token}/evaluation`);
    expect(state.body).toMatchObject({ canRate: true, rated: false });
    const asStaff = await clerk.post(`/api/v1/tickets/status/${served.token}/evaluation`, { level: 5 });
    expect(asStaff.status).toBe(403);
    const rated = await anon.post(`/api/v1/tickets/status/${served.token}/evaluation`, {
      level: 2,
      reasons: ['long_wait'],
      comment: '等了很久',
    });
    expect(rated.status).toBe(201);
    const event = (await t.store.listEvents(hallId, 0, 1000))
      .filter((e) => e.type === 'evaluation.submitted')
      .at(-1);
    expect(event).toMatchObject({
      ticketId: served.id,
      actor: { type: 'citizen' },
      data: { level: 2, negative: true, reasons: ['long_wait'], channel: 'qr' },
    });
    const atWindow = await evaluator.post(`/api/v1/windows/${w3}/evaluations`, {
      ticketId: served.id,
      level: 5,
    });
    expect(atWindow.body).toMatchObject({ code: 'conflict' });
  });

  it('a ticket not yet served cannot be rated by its QR code', async () => {
    const waiting = await issue(admin, hallId, serviceId);
    const r = await admin
      .as({})
      .post(`/api/v1/tickets/status/${waiting.statusToken}/evaluation`, { level: 5 });
    expect(r.body).toMatchObject({ code: 'invalid_state' });
  });
});
