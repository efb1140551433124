import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  callNext,
  completeTicket,
  hallStats,
  issueTicket,
  startService,
} from '../../server/src/app/index.js';
import { seedDemoHall, type DemoHall } from '../../server/src/demo/seed.js';
import { openAppFixture, type AppFixture } from './store-fixture.js';

/**
 * A citizen called and never started (the clerk pressed call-next again) is
 * finished as 办结 without a service: no invented service time, credited to
 * whoever pressed, and counted apart in the statistics.
 */
const CLERK = { type: 'user' as const, id: 'clerk-7' };
const MIN = 60_000;
const T0 = Date.parse('2026-11-27T10:00:00+08:00');

describe('a ticket finished without being started', () => {
  let fx: AppFixture;
  let demo: DemoHall;
  beforeEach(async () => {
    fx = await openAppFixture(T0);
    demo = await seedDemoHall(fx.deps);
  });
  afterEach(() => fx.close());

  it('has no service time and is counted apart from served tickets', async () => {
    const w = demo.windows.find((x) => x.number === 1)!;
    const serviceId = demo.services.find((s) => s.code === 'SB001')!.id;
    for (let i = 0; i < 2; i++) {
      await issueTicket(fx.deps, { hallId: demo.hall.id, serviceId, channel: 'kiosk' });
      fx.clock.now += MIN;
    }
    const first = (await callNext(fx.deps, { windowId: w.id, actor: CLERK })).ticket!;
    fx.clock.now += 5 * MIN;
    await callNext(fx.deps, { windowId: w.id, actor: CLERK });
    const finished = await fx.deps.store.getTicket(first.id);
    expect(finished).toMatchObject({ status: 'completed', startedAt: null });
    const events = await fx.deps.store.listTicketEvents(first.id);
    const completed = events.find((e) => e.type === 'ticket.completed');
    expect(completed?.data).toMatchObject({ started: false, serviceMs: null });
    expect(completed?.actor).toEqual(CLERK);
    expect(events.some((e) => e.type === 'ticket.started')).toBe(false);

    await startService(fx.deps, { windowId: w.id, actor: CLERK });
    fx.clock.now += 4 * MIN;
    await completeTicket(fx.deps, { windowId: w.id, actor: CLERK });
    const stats = await hallStats(fx.deps, { hallId: demo.hall.id, from: '2026-11-27', to: '2026-11-27' });
    expect(stats.report).toMatchObject({ served: 2, servedWithoutStart: 1 });
    expect(stats.report.service.count).toBe(1);
  });
});
