import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  callNext,
  changeWindowState,
  issueTicket,
  markNoShow,
  reactivateTicket,
} from '../../server/src/app/index.js';
import type { PriorityCategory, ServiceWindow, Ticket } from '../../server/src/domain/index.js';
import { seedDemoHall, type DemoHall } from '../../server/src/demo/seed.js';
import { openAppFixture, type AppFixture } from './store-fixture.js';

const CLERK = { type: 'user' as const, id: 'clerk-1' };
const SECOND = 1_000;
const MIN = 60 * SECOND;
const T0 = Date.parse('2026-11-27T10:00:00+08:00');

describe('过号重排 in a hall with overflow windows (use cases on a real store)', () => {
  let fx: AppFixture;
  let demo: DemoHall;
  const win = (n: number): ServiceWindow => demo.windows.find((w) => w.number === n)!;
  const service = (code: string) => demo.services.find((s) => s.code === code)!.id;
  const issue = async (code: string, categories: PriorityCategory[] = []): Promise<Ticket> =>
    (
      await issueTicket(fx.deps, {
        hallId: demo.hall.id,
        serviceId: service(code),
        channel: 'kiosk',
        categories,
      })
    ).ticket;
  const next = async (w: ServiceWindow): Promise<string | undefined> => {
    const r = await callNext(fx.deps, { windowId: w.id, actor: CLERK });
    // Past the double-press window, so each press calls someone new.
    fx.clock.now += 3 * SECOND;
    return r.ticket?.id;
  };
  const onlyOpen = async (numbers: number[]) => {
    for (const w of demo.windows.filter((x) => !numbers.includes(x.number))) {
      await changeWindowState(fx.deps, { windowId: w.id, actor: CLERK, move: 'close' });
    }
  };

  beforeEach(async () => {
    fx = await openAppFixture(T0);
    demo = await seedDemoHall(fx.deps);
  });
  afterEach(() => fx.close());

  it('a green-channel ticket is not called at a comprehensive window ahead of tickets that were ahead of it', async () => {
    // 综合窗口 1 and the green channel (7, which takes overflow) are open.
    await onlyOpen([1, 7]);
    const ahead: Ticket[] = [];
    for (let i = 0; i < 10; i += 1) {
      ahead.push(await issue('SB001'));
      fx.clock.now += 10 * SECOND;
    }
    // An elderly citizen arriving 16 minutes later: the 15-minute head start still leaves all ten ahead.
    fx.clock.now = T0 + 16 * MIN + 40 * SECOND;
    const elderly = await issue('SB001', ['elderly']);
    expect(ahead.every((t) => t.effectiveAt < elderly.effectiveAt)).toBe(true);

    expect(await next(win(7))).toBe(elderly.id);
    await markNoShow(fx.deps, { windowId: win(7).id, actor: CLERK });
    fx.clock.now += MIN;
    const back = await reactivateTicket(fx.deps, {
      hallId: demo.hall.id,
      statusToken: elderly.statusToken,
      actor: CLERK,
    });
    expect(back.effectiveAt).toBeGreaterThanOrEqual(elderly.effectiveAt);

    const calls: (string | undefined)[] = [];
    for (let i = 0; i < 11; i += 1) calls.push(await next(win(1)));
    expect(calls).toEqual([...ahead.map((t) => t.id), elderly.id]);
  });

  it('at a window that takes overflow it re-enters behind K tickets of its own group', async () => {
    // 社保医保窗口 4 (overflow), 不动产登记窗口 5 and the green channel 7 are open.
    await onlyOpen([4, 5, 7]);
    const elderly = await issue('SB001', ['elderly']);
    expect(await next(win(7))).toBe(elderly.id);
    await markNoShow(fx.deps, { windowId: win(7).id, actor: CLERK });

    // 不动产 tickets that the green channel's overflow could call, then 社保 tickets: only the
    // latter compete with the missed ticket for the same windows.
    for (let i = 0; i < 3; i += 1) {
      fx.clock.now += 10 * SECOND;
      await issue('BDC001');
    }
    const social: Ticket[] = [];
    for (let i = 0; i < 5; i += 1) {
      fx.clock.now += 10 * SECOND;
      social.push(await issue('SB001'));
    }
    fx.clock.now += MIN;
    await reactivateTicket(fx.deps, { hallId: demo.hall.id, number: elderly.number, actor: CLERK });

    const calls: (string | undefined)[] = [];
    for (let i = 0; i < 4; i += 1) calls.push(await next(win(4)));
    expect(calls).toEqual([social[0]!.id, social[1]!.id, social[2]!.id, elderly.id]);
  });
  it('at a window that calls it only as overflow it also waits behind K of its own group', async () => {
    // 不动产登记窗口 5, 企业开办窗口 6 (社保 is overflow there) and the green channel 7 are open.
    await onlyOpen([5, 6, 7]);
    const elderly = await issue('SB001', ['elderly']);
    expect(await next(win(7))).toBe(elderly.id);
    await markNoShow(fx.deps, { windowId: win(7).id, actor: CLERK });
    const property: Ticket[] = [];
    for (let i = 0; i < 3; i += 1) {
      fx.clock.now += 10 * SECOND;
      property.push(await issue('BDC001'));
    }
    const social: Ticket[] = [];
    for (let i = 0; i < 5; i += 1) {
      fx.clock.now += 10 * SECOND;
      social.push(await issue('SB001'));
    }
    fx.clock.now += MIN;
    await reactivateTicket(fx.deps, { hallId: demo.hall.id, statusToken: elderly.statusToken, actor: CLERK });

    const calls: (string | undefined)[] = [];
    for (let i = 0; i < 7; i += 1) calls.push(await next(win(6)));
    // The 不动产 tickets came earlier and window 6 takes them as overflow too; among its own
    // group the re-activated ticket is behind three.
    expect(calls).toEqual([...property.map((t) => t.id), ...social.slice(0, 3).map((t) => t.id), elderly.id]);
  });
});
