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

/** The clerk's buttons beyond next/start/complete, over real HTTP. */

const T0 = Date.UTC(2025, 2, 3, 2, 0);
const clock = { now: T0 };
const MINUTE = 60_000;
let t: TestHub;
let admin: Api;
let anon: Api;

beforeAll(async () => {
  t = await startTestHub({ deps: { now: () => clock.now } });
  admin = await setupAdmin(t);
  anon = new Api(t.url);
});
afterAll(async () => t.close());

type TicketReply = { ticket: StaffTicketView };
type Next = { outcome: string; ticket: StaffTicketView | null };

/** A hall with two matters, window 3 (comprehensive) and window 5 (dedicated to 不动产), both open. */
async function hall() {
  const h = await createHall(admin);
  const social = await createService(admin, h.id, { prefix: 'A', domain: '社保' });
  const estate = await createService(admin, h.id, { prefix: 'D', domain: '不动产' });
  const clerk = await createUser(t, admin, { hallIds: [h.id] });
  const w3 = await createWindow(admin, h.id, { number: 3, clerkIds: [clerk.user.id] });
  const w5 = await createWindow(admin, h.id, {
    number: 5,
    kind: 'domain',
    domains: ['不动产'],
    clerkIds: [clerk.user.id],
  });
  await openWindow(clerk.api, w3.id);
  await openWindow(clerk.api, w5.id);
  const act = (w: { id: string }, action: string, body: unknown = {}) =>
    clerk.api.post<TicketReply>(`/api/v1/windows/${w.id}/${action}`, body);
  const tick = () => (clock.now += 3000); // past the call-next idempotency window
  return { h, social, estate, clerk, w3, w5, act, tick };
}

describe('transfer', () => {
  it('sends the ticket to another matter and window queue, keeping its issue time and place', async () => {
    const { h, social, estate, w3, w5, act, tick } = await hall();
    const first = await issue(anon, h.id, social.id);
    clock.now += MINUTE;
    const laterEstate = await issue(anon, h.id, estate.id);
    const called = await act(w3, 'call-next');
    expect(called.body.ticket.number).toBe(first.number);

    const moved = await act(w3, 'transfer', { serviceId: estate.id, reason: '需办理不动产登记' });
    expect(moved.status).toBe(200);
    expect(moved.body.ticket).toMatchObject({ status: 'waiting', serviceId: estate.id, transferCount: 1 });
    expect(moved.body.ticket.issuedAt).toBe(called.body.ticket.issuedAt);

    tick();
    // Window 5 takes the transferred ticket before the 不动产 ticket issued after it.
    const at5 = await act(w5, 'call-next');
    expect(at5.body.ticket.number).toBe(first.number);
    expect(laterEstate.number).toBe('D001');

    const refused = await act(w3, 'transfer', { reason: 'x' });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'validation_failed' });
  });

  it('to a window of another hall is refused and changes nothing', async () => {
    const { h, social, w3, act } = await hall();
    const other = await hall();
    await issue(anon, h.id, social.id);
    await act(w3, 'call-next');
    const seq = await t.store.lastSeq(h.id);
    const refused = await act(w3, 'transfer', { targetWindowId: other.w3.id, reason: '错窗' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'invalid_transfer' });
    expect(await t.store.lastSeq(h.id)).toBe(seq);
  });
});

describe('hold and call back', () => {
  it('sets a citizen aside, serves the next, then calls the held one back first', async () => {
    const { h, social, w3, act, tick } = await hall();
    const a = await issue(anon, h.id, social.id);
    const b = await issue(anon, h.id, social.id);
    const first = await act(w3, 'call-next');
    await act(w3, 'start');
    const held = await act(w3, 'hold', { reason: '缺少户口本' });
    expect(held.body.ticket).toMatchObject({ number: a.number, status: 'held', windowId: w3.id });

    tick();
    const second = await clerkNext(act, w3);
    expect(second.ticket?.number).toBe(b.number);

    const back = await act(w3, 'call-back', { ticketId: first.body.ticket.id });
    expect(back.body.ticket).toMatchObject({ number: a.number, status: 'called' });
    const view = await admin.get<{ current: StaffTicketView; held: StaffTicketView[] }>(
      `/api/v1/windows/${w3.id}`,
    );
    expect(view.body.current.number).toBe(a.number);
    expect(view.body.held).toEqual([]);

    const noReason = await act(w3, 'hold', {});
    expect(noReason.status).toBe(400);
  });
});

async function clerkNext(
  act: (w: { id: string }, a: string) => Promise<{ body: unknown }>,
  w: { id: string },
) {
  return (await act(w, 'call-next')).body as Next;
}

describe('call a specific number', () => {
  it('calls that waiting ticket out of order, and refuses numbers that are not waiting', async () => {
    const { h, social, w3, act } = await hall();
    await issue(anon, h.id, social.id);
    await issue(anon, h.id, social.id);
    const third = await issue(anon, h.id, social.id);
    const called = await act(w3, 'call-number', { number: third.number.toLowerCase() });
    expect(called.status).toBe(200);
    expect(called.body.ticket).toMatchObject({ number: 'A003', status: 'called' });

    const again = await act(w3, 'call-number', { number: 'A003' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'invalid_state' });
    const missing = await act(w3, 'call-number', { number: 'A999' });
    expect(missing.status).toBe(404);
  });
});

describe('no-show and re-activation', () => {
  it('re-enters a missed ticket behind the queue, once, and only within the allowed time', async () => {
    const { h, social, w3, act, tick, clerk } = await hall();
    const missed = await issue(anon, h.id, social.id);
    await act(w3, 'call-next');
    await act(w3, 'recall');
    const gone = await act(w3, 'no-show');
    expect(gone.body.ticket.status).toBe('no_show');
    for (let i = 0; i < 4; i += 1) {
      clock.now += 1000;
      await issue(anon, h.id, social.id);
    }

    clock.now += 10 * MINUTE;
    // By number only for staff of the hall (the citizen at the counter); anyone else needs the status token.
    const before = await t.store.getTicketByToken(missed.statusToken);
    for (const number of [missed.number, 'A999']) {
      const guessed = await anon.post(`/api/v1/halls/${h.id}/tickets/reactivate`, { number });
      expect(guessed.status).toBe(403);
      expect(guessed.body).toMatchObject({ code: 'forbidden' });
    }
    expect(await t.store.getTicketByToken(missed.statusToken)).toEqual(before);
    const back = await clerk.api.post(`/api/v1/halls/${h.id}/tickets/reactivate`, { number: missed.number });
    expect(back.status).toBe(200);
    // Behind the hall's reentryBehind (3) waiting tickets.
    expect(back.body).toMatchObject({ number: missed.number, status: 'waiting', ahead: 3 });
    const twice = await anon.post(`/api/v1/halls/${h.id}/tickets/reactivate`, {
      statusToken: missed.statusToken,
    });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'invalid_state' });

    tick();
    const late = await issue(anon, h.id, social.id);
    await act(w3, 'call-number', { number: late.number });
    await act(w3, 'no-show');
    clock.now += 31 * MINUTE;
    const expired = await anon.post(`/api/v1/halls/${h.id}/tickets/reactivate`, {
      statusToken: late.statusToken,
    });
    expect(expired.status).toBe(409);
    expect(expired.body).toMatchObject({ code: 'reactivation_expired' });
  });
});

describe('pause and resume', () => {
  it('needs a reason to pause, shows it, and resumes', async () => {
    const { w3, clerk } = await hall();
    const path = `/api/v1/windows/${w3.id}`;
    for (const body of [{}, { reason: '   ' }, { reason: 42 }]) {
      const refused = await clerk.api.post(`${path}/pause`, body);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({
        code: 'validation_failed',
        errors: [{ in: 'body', path: 'reason' }],
      });
    }
    const paused = await clerk.api.post(`${path}/pause`, { reason: '午休' });
    expect(paused.body).toMatchObject({ window: { state: 'paused', pauseReason: '午休' } });
    const next = await clerk.api.post(`${path}/call-next`);
    expect(next.status).toBe(409);
    expect(next.body).toMatchObject({ code: 'window_not_open' });
    const resumed = await clerk.api.post(`${path}/resume`);
    expect(resumed.body).toMatchObject({ window: { state: 'open', pauseReason: null } });
    const closed = await clerk.api.post(`${path}/close`);
    expect(closed.body).toMatchObject({ window: { state: 'closed' } });
  });
});
