import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  callBackTicket,
  callNext,
  callSpecific,
  changeWindowState,
  completeTicket,
  expireDay,
  holdTicket,
  issueTicket,
  markNoShow,
  reactivateTicket,
  recallTicket,
  startService,
  transferTicket,
} from '../../server/src/app/index.js';
import { DomainError, type ServiceWindow } from '../../server/src/domain/index.js';
import { seedDemoHall, type DemoHall } from '../../server/src/demo/seed.js';
import { openAppFixture, type AppFixture } from './store-fixture.js';

const CLERK = { type: 'user' as const, id: 'clerk-1' };
const MIN = 60_000;
const T0 = Date.parse('2026-11-27T10:00:00+08:00');

async function refused(p: Promise<unknown>, code: string): Promise<void> {
  await expect(p).rejects.toSatisfy((e: unknown) => e instanceof DomainError && e.code === code);
}

describe('a window through the day (use cases on a real store)', () => {
  let fx: AppFixture;
  let demo: DemoHall;
  let w1: ServiceWindow;
  let w2: ServiceWindow;
  const sb = () => demo.services.find((s) => s.code === 'SB001')!.id;
  const issue = async (more: { categories?: ['elderly'] } = {}) => {
    const r = await issueTicket(fx.deps, {
      hallId: demo.hall.id,
      serviceId: sb(),
      channel: 'kiosk',
      ...more,
    });
    fx.clock.now += MIN;
    return r.ticket;
  };
  const next = (w: ServiceWindow) => callNext(fx.deps, { windowId: w.id, actor: CLERK });

  beforeEach(async () => {
    fx = await openAppFixture(T0);
    demo = await seedDemoHall(fx.deps);
    // Only two comprehensive windows open, so every 社保 ticket goes to them.
    for (const w of demo.windows.filter((x) => ![1, 2].includes(x.number))) {
      await changeWindowState(fx.deps, { windowId: w.id, actor: CLERK, move: 'close' });
    }
    w1 = demo.windows.find((w) => w.number === 1)!;
    w2 = demo.windows.find((w) => w.number === 2)!;
  });
  afterEach(() => fx.close());

  it('a double press inside the idempotency window calls nobody new; after it, the next one', async () => {
    const a = await issue();
    const b = await issue();
    expect((await next(w1)).ticket?.id).toBe(a.id);
    fx.clock.now += 1500;
    expect(await next(w1)).toMatchObject({ outcome: 'repeated', ticket: { id: a.id } });
    fx.clock.now += 1000;
    const third = await next(w1);
    expect(third).toMatchObject({ outcome: 'called', ticket: { id: b.id } });
    // The first was finished by the second press (completeOnNext), not skipped.
    expect((await fx.deps.store.getTicket(a.id))?.status).toBe('completed');
  });

  it('an elderly applicant goes ahead of those who came in the last 15 minutes only', async () => {
    const early = await issue();
    fx.clock.now += 20 * MIN;
    const recent = await issue();
    const elderly = await issue({ categories: ['elderly'] });
    const order = [];
    for (let i = 0; i < 3; i++) {
      order.push((await next(w1)).ticket?.id);
      fx.clock.now += 3000;
    }
    expect(order).toEqual([early.id, elderly.id, recent.id]);
  });

  it('recall up to the limit, then no-show, then re-activation behind K', async () => {
    const missed = await issue();
    const others = [await issue(), await issue(), await issue(), await issue()];
    await next(w1);
    await recallTicket(fx.deps, { windowId: w1.id, actor: CLERK });
    await recallTicket(fx.deps, { windowId: w1.id, actor: CLERK });
    await refused(recallTicket(fx.deps, { windowId: w1.id, actor: CLERK }), 'recall_limit_reached');
    await markNoShow(fx.deps, { windowId: w1.id, actor: CLERK });
    fx.clock.now += 5 * MIN;
    const back = await reactivateTicket(fx.deps, {
      hallId: demo.hall.id,
      number: missed.number.toLowerCase(),
      actor: CLERK,
    });
    expect(back.status).toBe('waiting');
    const calls = [];
    for (let i = 0; i < 5; i++) {
      calls.push((await next(w2)).ticket?.id);
      fx.clock.now += 3000;
    }
    // Behind three (the hall's K) of the four who waited.
    expect(calls).toEqual([others[0]!.id, others[1]!.id, others[2]!.id, missed.id, others[3]!.id]);
  });

  it('re-activation is refused after the allowed time', async () => {
    const t = await issue();
    await next(w1);
    await markNoShow(fx.deps, { windowId: w1.id, actor: CLERK });
    fx.clock.now += 31 * MIN;
    await refused(
      reactivateTicket(fx.deps, { hallId: demo.hall.id, number: t.number, actor: CLERK }),
      'reactivation_expired',
    );
    expect((await fx.deps.store.getTicket(t.id))?.status).toBe('no_show');
  });

  it('re-activation by the QR code is refused once the business day has changed', async () => {
    fx.clock.now = Date.parse('2026-11-27T23:50:00+08:00');
    const t = await issue();
    await next(w1);
    await markNoShow(fx.deps, { windowId: w1.id, actor: CLERK });
    fx.clock.now = Date.parse('2026-11-28T00:05:00+08:00');
    await refused(
      reactivateTicket(fx.deps, { hallId: demo.hall.id, statusToken: t.statusToken, actor: CLERK }),
      'reactivation_expired',
    );
    expect((await fx.deps.store.getTicket(t.id))?.status).toBe('no_show');
  });

  it('hold frees the window; call back brings the citizen back ahead of the queue', async () => {
    const held = await issue();
    const waiting = await issue();
    await next(w1);
    await startService(fx.deps, { windowId: w1.id, actor: CLERK });
    await holdTicket(fx.deps, { windowId: w1.id, actor: CLERK, reason: '缺户口本复印件' });
    const served = await next(w1);
    expect(served.ticket?.id).toBe(waiting.id);
    await startService(fx.deps, { windowId: w1.id, actor: CLERK });
    await completeTicket(fx.deps, { windowId: w1.id, actor: CLERK });
    const back = await callBackTicket(fx.deps, { windowId: w1.id, actor: CLERK, ticketId: held.id });
    expect(back).toMatchObject({ status: 'called', windowId: w1.id });
    await refused(
      callBackTicket(fx.deps, { windowId: w2.id, actor: CLERK, ticketId: held.id }),
      'invalid_state',
    );
  });

  it('a transfer keeps the issue time, so the citizen does not queue again', async () => {
    const moved = await issue();
    const later = await issue();
    await next(w1);
    const gjj = demo.services.find((s) => s.code === 'GJJ001')!.id;
    const t = await transferTicket(fx.deps, {
      windowId: w1.id,
      actor: CLERK,
      serviceId: gjj,
      reason: '需办理公积金提取',
    });
    expect(t).toMatchObject({
      status: 'waiting',
      serviceId: gjj,
      issuedAt: moved.issuedAt,
      transferCount: 1,
    });
    fx.clock.now += 3000;
    expect((await next(w2)).ticket?.id).toBe(moved.id);
    expect((await next(w1)).ticket?.id).toBe(later.id);
  });

  it('calls a number typed by the clerk, and refuses one that is not waiting', async () => {
    await issue();
    const wanted = await issue();
    expect((await callSpecific(fx.deps, { windowId: w1.id, actor: CLERK, number: wanted.number })).id).toBe(
      wanted.id,
    );
    await refused(
      callSpecific(fx.deps, { windowId: w2.id, actor: CLERK, number: wanted.number }),
      'invalid_state',
    );
    await refused(callSpecific(fx.deps, { windowId: w2.id, actor: CLERK, number: 'Q999' }), 'not_found');
  });

  it('a paused window calls nobody and cannot close while a citizen is at it', async () => {
    await issue();
    await next(w1);
    await refused(
      changeWindowState(fx.deps, { windowId: w1.id, actor: CLERK, move: 'close' }),
      'window_busy',
    );
    await refused(
      changeWindowState(fx.deps, { windowId: w2.id, actor: CLERK, move: 'pause' }),
      'invalid_state',
    );
    await changeWindowState(fx.deps, { windowId: w2.id, actor: CLERK, move: 'pause', reason: '午休' });
    await refused(next(w2), 'window_not_open');
  });

  it('end of day expires what still waits after closing, and leaves a served citizen alone', async () => {
    const hall = {
      ...demo.hall,
      calendar: {
        ...demo.hall.calendar,
        weekly: Array.from({ length: 7 }, () => [{ open: '09:00', close: '17:30' }]),
      },
    };
    await fx.deps.store.saveHall(hall, []);
    await issue();
    const waiting = await issue();
    await next(w1);
    await startService(fx.deps, { windowId: w1.id, actor: CLERK });
    expect(await expireDay(fx.deps, { hallId: demo.hall.id })).toEqual([]);
    fx.clock.now = Date.parse('2026-11-27T17:31:00+08:00');
    const expired = await expireDay(fx.deps, { hallId: demo.hall.id });
    expect(expired.map((t) => t.id)).toEqual([waiting.id]);
    expect((await fx.deps.store.getTicket(waiting.id))?.status).toBe('expired');
    const events = await fx.deps.store.listEvents(demo.hall.id, 0, 1000);
    expect(events.filter((e) => e.type === 'ticket.expired')).toHaveLength(1);
  });
});
