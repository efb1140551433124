import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callNext,
  changeWindowState,
  completeTicket,
  issueTicket,
  startService,
} from '../../server/src/app/index.js';
import type { HallEvent, Ticket } from '../../server/src/domain/index.js';
import type { RectificationCase } from '../../server/src/domain/rectification/index.js';
import { ratingDeadlinesJob } from '../../server/src/jobs/rating-deadlines.js';
import type { EvaluationLevel } from '../../server/src/store/port.js';
import {
  createHall,
  createService,
  createUser,
  createWindow,
  setupAdmin,
  type Api,
} from '../helpers/api-fixtures.js';
import type { TestHub } from '../helpers/hub.js';
import { Clock, rate, startSimHub } from '../stats/support.js';

/**
 * 差评 follow-up end to end over HTTP: a bad rating opens a case (live, and
 * by the job's catch-up when its event was never seen), supervisors work it,
 * the deadline counts working days of the hall calendar, the job flags it
 * overdue, and an appeal needs a second person.
 */

const WEEKDAY = [{ open: '09:00', close: '17:00' }];
const CALENDAR = {
  weekly: [[], WEEKDAY, WEEKDAY, WEEKDAY, WEEKDAY, WEEKDAY, []],
  // 清明 on Friday 4 April; Sunday 6 April is a duty day (周末轮值).
  holidays: ['2025-04-04'],
  special: { '2025-04-06': [{ open: '09:00', close: '12:00' }] },
};
/** Thursday 3 April 2025, 10:00 in Shanghai. */
const THURSDAY_10H = Date.UTC(2025, 3, 3, 2, 0);
const shanghaiMidnight = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) - 8 * 3_600_000;

const clock = new Clock(THURSDAY_10H);
let t: TestHub;
let admin: Api;
let supA: Api;
let supB: Api;
let supAId: string;
let clerk: { id: string };
let clerkApi: Api;
let otherHallSupervisor: Api;
let hallId: string;
let serviceId: string;
let windowId: string;

async function servedTicket(): Promise<Ticket> {
  await issueTicket(t.deps, { hallId, serviceId, channel: 'kiosk' });
  const actor = { type: 'user' as const, id: clerk.id };
  await callNext(t.deps, { windowId, actor });
  await startService(t.deps, { windowId, actor });
  return completeTicket(t.deps, { windowId, actor });
}

/** Resolves with the first committed event of `type` (no sleeps: the followed log says when it happened). */
function nextEvent(type: string): Promise<HallEvent> {
  return new Promise((resolve) => {
    const stop = t.deps.store.followEvents({ allHalls: true }, ({ events }) => {
      const found = events.find((e) => e.type === type);
      if (found) {
        stop();
        resolve(found);
      }
    });
  });
}

async function badRating(level: EvaluationLevel = 2): Promise<{ ticket: Ticket; c: RectificationCase }> {
  const ticket = await servedTicket();
  const opened = nextEvent('rectification.opened');
  await rate(t.deps, ticket, level, { comment: '等候太久，窗口态度冷淡', clerkId: clerk.id });
  await opened;
  const reply = await supA.get<{ rectification: RectificationCase }>(`${base()}/${ticket.id}`);
  expect(reply.status).toBe(200);
  return { ticket, c: reply.body.rectification };
}

const base = () => `/api/v1/halls/${hallId}/rectifications`;

beforeAll(async () => {
  t = await startSimHub({ now: clock.now });
  admin = await setupAdmin(t);
  const hall = await createHall(admin, { timeZone: 'Asia/Shanghai', calendar: CALENDAR });
  hallId = hall.id;
  serviceId = (await createService(admin, hallId)).id;
  const c = await createUser(t, admin, { hallIds: [hallId] });
  clerk = c.user;
  clerkApi = c.api;
  windowId = (await createWindow(admin, hallId, { clerkIds: [clerk.id] })).id;
  await changeWindowState(t.deps, { windowId, move: 'open', actor: { type: 'user', id: clerk.id } });
  const a = await createUser(t, admin, { role: 'supervisor', hallIds: [hallId] });
  supA = a.api;
  supAId = a.user.id;
  supB = (await createUser(t, admin, { role: 'supervisor', hallIds: [hallId] })).api;
  const other = await createHall(admin);
  otherHallSupervisor = (await createUser(t, admin, { role: 'supervisor', hallIds: [other.id] })).api;
});
afterAll(async () => t.close());

describe('a 差评 opens a case that supervisors follow up', () => {
  it('opens with ticket, window, clerk, matter and reason; the deadline skips the weekend and the holiday', async () => {
    clock.at = THURSDAY_10H;
    const { ticket, c } = await badRating(2);
    expect(c).toMatchObject({
      ticketId: ticket.id,
      ticketNumber: ticket.number,
      windowId,
      clerkId: clerk.id,
      serviceId,
      level: 2,
      reasons: ['态度不好'],
      comment: '等候太久，窗口态度冷淡',
      status: 'open',
      overdue: false,
      // Fri 4 (holiday) and Sat 5 do not count; Sun 6 (duty day), Mon 7 … Thu 10 do.
      deadlineDay: '2025-04-10',
      deadlineAt: shanghaiMidnight(2025, 4, 11),
    });
    // A good rating opens nothing.
    const fine = await servedTicket();
    await rate(t.deps, fine, 4);
    expect((await supA.get(`${base()}/${fine.id}`)).status).toBe(404);
  });

  it('is assigned, contacted and closed, each step audited; steps out of order are refused with 409', async () => {
    clock.at = THURSDAY_10H + 3_600_000;
    const { ticket } = await badRating(1);
    const url = `${base()}/${ticket.id}`;
    const before = await t.store.lastSeq(hallId);
    const early = await supA.post(`${url}/close`, { rectification: '已整改' });
    expect([early.status, early.body.code]).toEqual([409, 'invalid_state']);
    const noContact = await supA.post(`${url}/contact`, { channel: 'phone', note: '回访' });
    expect([noContact.status, noContact.body.code]).toEqual([409, 'invalid_state']);
    expect(await t.store.lastSeq(hallId)).toBe(before);

    expect((await supA.post(`${url}/assign`, { assigneeId: 'nobody-here' })).status).toBe(404);
    expect((await supA.post(`${url}/assign`, { assigneeId: clerk.id })).body.rectification).toMatchObject({
      status: 'assigned',
      assigneeId: clerk.id,
    });
    const contacted = await supA.post(`${url}/contact`, {
      channel: 'phone',
      note: '已电话回访，群众表示理解',
    });
    expect(contacted.body.rectification).toMatchObject({ status: 'contacted' });
    const closed = await supA.post(`${url}/close`, { rectification: '窗口人员已接受服务规范培训' });
    expect(closed.body.rectification).toMatchObject({
      status: 'closed',
      rectification: '窗口人员已接受服务规范培训',
    });
    const again = await supA.post(`${url}/close`, { rectification: '再次关闭' });
    expect([again.status, again.body.code]).toEqual([409, 'invalid_state']);

    const log = await t.store.listEvents(hallId, before, 100);
    expect(log.map((e) => e.type)).toEqual([
      'rectification.assigned',
      'rectification.contacted',
      'rectification.closed',
    ]);
    expect(log.every((e) => e.actor.type === 'user' && e.actor.id === supAId)).toBe(true);
  });

  it('lets only supervisors and admins of the hall in', async () => {
    const { ticket } = await badRating(2);
    expect((await clerkApi.get(base())).status).toBe(403);
    expect((await otherHallSupervisor.get(`${base()}/${ticket.id}`)).status).toBe(403);
    expect((await clerkApi.post(`${base()}/${ticket.id}/appeal`, { reason: '误评' })).status).toBe(403);
    expect((await admin.get(`${base()}/${ticket.id}`)).status).toBe(200);
  });

  it('needs a second person to decide an appeal; approved voids the case, rejected returns it', async () => {
    const first = await badRating(1);
    const url = `${base()}/${first.ticket.id}`;
    await supA.post(`${url}/assign`, { assigneeId: clerk.id });
    const appealed = await supA.post(`${url}/appeal`, { reason: '评价人误按，录像显示办结无争议' });
    expect(appealed.body.rectification).toMatchObject({
      status: 'appealed',
      appeal: { statusBefore: 'assigned' },
    });
    const self = await supA.post(`${url}/decide-appeal`, { decision: 'approved', note: '同意' });
    expect([self.status, self.body.code]).toEqual([403, 'forbidden']);
    const twice = await supA.post(`${url}/appeal`, { reason: '再申诉' });
    expect(twice.status).toBe(409);
    const decided = await supB.post(`${url}/decide-appeal`, {
      decision: 'approved',
      note: '经核查录像，同意申诉',
    });
    expect(decided.body.rectification).toMatchObject({ status: 'voided', appeal: { decision: 'approved' } });

    const second = await badRating(2);
    const url2 = `${base()}/${second.ticket.id}`;
    await supB.post(`${url2}/appeal`, { reason: '恶意评价' });
    const rejected = await supA.post(`${url2}/decide-appeal`, { decision: 'rejected', note: '证据不足' });
    expect(rejected.body.rectification).toMatchObject({ status: 'open', appeal: { decision: 'rejected' } });
    const once = await supB.post(`${url2}/appeal`, { reason: '再次申诉' });
    expect([once.status, once.body.code]).toEqual([409, 'invalid_state']);
  });

  it('is flagged overdue by the job once its last working day is over', async () => {
    clock.at = THURSDAY_10H;
    const { ticket, c } = await badRating(2);
    // The last working day: reminded, not yet overdue.
    clock.at = shanghaiMidnight(2025, 4, 10) + 9 * 3_600_000;
    await ratingDeadlinesJob.perform(t.deps);
    let listed = await supA.get<{ rectifications: RectificationCase[] }>(`${base()}?overdue=true`);
    expect(listed.body.rectifications.map((x) => x.ticketId)).not.toContain(ticket.id);
    expect((await t.store.getRectification(c.id))?.remindedAt).toBe(clock.at);

    clock.at = c.deadlineAt;
    const flagged = nextEvent('rectification.overdue');
    await ratingDeadlinesJob.perform(t.deps);
    const overdue = await flagged;
    expect(overdue.type === 'rectification.overdue' && overdue.data.ticketId).toMatch(/./);
    listed = await supA.get<{ rectifications: RectificationCase[] }>(`${base()}?overdue=true`);
    const mine = listed.body.rectifications.find((x) => x.ticketId === ticket.id);
    expect(mine).toMatchObject({ overdue: true, overdueAt: c.deadlineAt });
    // Flagged once: a second run appends nothing for it.
    const seq = await t.store.lastSeq(hallId);
    await ratingDeadlinesJob.perform(t.deps);
    const later = await t.store.listEvents(hallId, seq, 100);
    expect(later.filter((e) => e.type === 'rectification.overdue' && e.data.ticketId === ticket.id)).toEqual(
      [],
    );
  });

  it('opens the case of a 差评 whose event was never seen, once, from the job', async () => {
    clock.at = THURSDAY_10H;
    const ticket = await servedTicket();
    await rate(t.deps, ticket, 1, { publish: false });
    expect((await supA.get(`${base()}/${ticket.id}`)).status).toBe(404);
    await ratingDeadlinesJob.perform(t.deps);
    const reply = await supA.get<{ rectification: RectificationCase }>(`${base()}/${ticket.id}`);
    expect(reply.body.rectification).toMatchObject({ status: 'open', level: 1 });
    await ratingDeadlinesJob.perform(t.deps);
    const all = await t.store.listRectifications(hallId);
    expect(all.filter((x) => x.ticketId === ticket.id)).toHaveLength(1);
  });

  it('uses the hall setting for the number of working days', async () => {
    expect(
      (await supA.put(`/api/v1/halls/${hallId}/rectification-settings`, { deadlineWorkingDays: 2 })).status,
    ).toBe(403);
    const bad = await admin.put(`/api/v1/halls/${hallId}/rectification-settings`, { deadlineWorkingDays: 0 });
    expect(bad.status).toBe(400);
    const ok = await admin.put(`/api/v1/halls/${hallId}/rectification-settings`, { deadlineWorkingDays: 2 });
    expect(ok.body).toEqual({ settings: { deadlineWorkingDays: 2 } });
    clock.at = THURSDAY_10H;
    const { c } = await badRating(2);
    // Sun 6 (duty day) and Mon 7.
    expect(c.deadlineDay).toBe('2025-04-07');
  });
});
