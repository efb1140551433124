import { describe, expect, it } from 'vitest';
import {
  compareQueue,
  estimateFromGroups,
  estimateWait,
  groupQueue,
  serviceTimes,
  type QueuedTicket,
  type Service,
  type ServiceSample,
  type ServiceWindow,
} from '../../../server/src/domain/index.js';
import { MINUTE, T0, buildContext, buildService, buildWindow } from '../../helpers/domain-builders.js';

const socialSecurity = buildService({ id: 'sb', domain: '社保', expectedMinutes: 10 });
const medical = buildService({ id: 'yb', domain: '医保', expectedMinutes: 6 });
const crossRegion = buildService({ id: 'kstb', domain: '社保', crossRegion: true, expectedMinutes: 20 });
const services: Service[] = [socialSecurity, medical, crossRegion];

const sample = (serviceId: string, minutes: number): ServiceSample => ({
  serviceId,
  serviceMs: minutes * MINUTE,
});

describe('serviceTimes', () => {
  it('uses the catalogue expected minutes when there are no samples', () => {
    const times = serviceTimes(services, []);
    expect(times.get('sb')).toBe(10 * MINUTE);
    expect(times.get('yb')).toBe(6 * MINUTE);
    expect(times.size).toBe(services.length);
  });

  it('blends the expected minutes in when there are few samples', () => {
    // One sample of 5 min weighs 1/5 against the expected 10 min: 0.2·5 + 0.8·10 = 9.
    expect(serviceTimes(services, [sample('sb', 5)]).get('sb')).toBeCloseTo(9 * MINUTE, 6);
    // Three samples averaging 4 min weigh 3/5: 0.6·4 + 0.4·10 = 6.4.
    const three = [sample('sb', 3), sample('sb', 4), sample('sb', 5)];
    expect(serviceTimes(services, three).get('sb')).toBeCloseTo(6.4 * MINUTE, 6);
  });

  it('uses the live mean alone once there are many samples', () => {
    const five = [2, 3, 4, 5, 6].map((m) => sample('sb', m));
    expect(serviceTimes(services, five).get('sb')).toBeCloseTo(4 * MINUTE, 6);
    const many = Array.from({ length: 40 }, (_, i) => sample('sb', i % 2 === 0 ? 1 : 3));
    expect(serviceTimes(services, many).get('sb')).toBeCloseTo(2 * MINUTE, 6);
  });

  it('moves towards live data as samples accumulate', () => {
    const estimate = (n: number) =>
      serviceTimes(
        services,
        Array.from({ length: n }, () => sample('sb', 2)),
      ).get('sb') as number;
    const series = [0, 1, 2, 3, 4, 5, 6].map(estimate);
    for (let i = 1; i < series.length; i += 1) expect(series[i]).toBeLessThanOrEqual(series[i - 1] as number);
    expect(series[0]).toBe(10 * MINUTE);
    expect(series[5]).toBeCloseTo(2 * MINUTE, 6);
    expect(series[6]).toBeCloseTo(2 * MINUTE, 6);
  });

  it('keeps matters apart and ignores samples of unknown matters', () => {
    const times = serviceTimes(services, [
      ...[1, 1, 1, 1, 1].map((m) => sample('yb', m)),
      sample('gone', 99),
    ]);
    expect(times.get('yb')).toBeCloseTo(MINUTE, 6);
    expect(times.get('sb')).toBe(10 * MINUTE);
    expect(times.has('gone')).toBe(false);
  });

  it('ignores zero, negative and non-numeric service times', () => {
    const bad: ServiceSample[] = [
      { serviceId: 'sb', serviceMs: 0 },
      { serviceId: 'sb', serviceMs: -5 * MINUTE },
      { serviceId: 'sb', serviceMs: Number.NaN },
    ];
    expect(serviceTimes(services, bad).get('sb')).toBe(10 * MINUTE);
  });
});

describe('estimateWait', () => {
  const times = serviceTimes(services, []);
  let n = 0;
  function queued(serviceId: string, minutesAfterT0: number, more: Partial<QueuedTicket> = {}): QueuedTicket {
    n += 1;
    const at = T0 + minutesAfterT0 * MINUTE;
    return {
      id: `q-${n}`,
      serviceId,
      categories: [],
      assistance: false,
      targetWindowId: null,
      issuedAt: at,
      effectiveAt: at,
      number: `A${String(n).padStart(3, '0')}`,
      ...more,
    };
  }
  const comprehensive = (more: Partial<ServiceWindow> = {}) =>
    buildWindow({ kind: 'comprehensive', ...more });
  const domainWindow = (domain: string, more: Partial<ServiceWindow> = {}) =>
    buildWindow({ kind: 'domain', domains: [domain], ...more });

  it('shares the work ahead among the open windows that can serve the ticket', () => {
    const ctx = buildContext(services, [comprehensive(), domainWindow('社保')]);
    const waiting = [queued('sb', 0), queued('sb', 1), queued('yb', 2)];
    const me = queued('sb', 5);
    // 10 + 10 + 6 = 26 minutes of work over 2 windows.
    expect(estimateWait(me, [...waiting, me], ctx, times)).toEqual({ ahead: 3, minutes: 13, windows: 2 });
  });

  it('divides by every open eligible window', () => {
    const ctx = buildContext(services, [comprehensive(), comprehensive(), comprehensive()]);
    const waiting = [0, 1, 2, 3, 4, 5].map((m) => queued('sb', m));
    expect(estimateWait(queued('sb', 10), waiting, ctx, times)).toEqual({
      ahead: 6,
      minutes: 20,
      windows: 3,
    });
  });

  it('counts only the tickets ahead that share a window with it', () => {
    const ctx = buildContext(services, [
      domainWindow('社保'),
      domainWindow('医保'),
      buildWindow({ kind: 'cross_region' }),
    ]);
    const waiting = [queued('yb', 0), queued('kstb', 1), queued('sb', 2), queued('yb', 3)];
    expect(estimateWait(queued('sb', 5), waiting, ctx, times)).toEqual({ ahead: 1, minutes: 10, windows: 1 });
  });

  it('does not count tickets behind it, nor itself', () => {
    const ctx = buildContext(services, [comprehensive()]);
    const me = queued('sb', 5);
    const waiting = [queued('sb', 0), me, queued('sb', 6), queued('sb', 7)];
    expect(estimateWait(me, waiting, ctx, times)).toMatchObject({ ahead: 1, minutes: 10 });
  });

  it('counts a later priority ticket whose head start puts it ahead', () => {
    const ctx = buildContext(services, [comprehensive()]);
    const me = queued('sb', 5);
    const elderly = queued('yb', 10, { categories: ['elderly'], effectiveAt: T0 - 5 * MINUTE });
    expect(estimateWait(me, [me, elderly], ctx, times)).toMatchObject({ ahead: 1, minutes: 6 });
  });

  it('uses the live service times it is given', () => {
    const ctx = buildContext(services, [comprehensive()]);
    const live = serviceTimes(
      services,
      [1, 2, 3, 2, 2].map((m) => sample('sb', m)),
    );
    const waiting = [queued('sb', 0), queued('sb', 1), queued('sb', 2)];
    expect(estimateWait(queued('sb', 5), waiting, ctx, live)).toMatchObject({ ahead: 3, minutes: 6 });
  });

  it('rounds minutes up', () => {
    const ctx = buildContext(services, [comprehensive(), comprehensive()]);
    const waiting = [queued('sb', 0), queued('yb', 1)];
    // 10 + 6 = 16 minutes: over 2 windows 8, over 3 windows 5.33 → 6.
    expect(estimateWait(queued('sb', 5), waiting, ctx, times).minutes).toBe(8);
    const three = buildContext(services, [comprehensive(), comprehensive(), comprehensive()]);
    expect(estimateWait(queued('sb', 5), waiting, three, times).minutes).toBe(6);
  });

  it('falls back to 10 minutes for a matter without a known service time', () => {
    const ctx = buildContext(services, [comprehensive()]);
    const waiting = [queued('sb', 0)];
    expect(estimateWait(queued('sb', 5), waiting, ctx, new Map()).minutes).toBe(10);
  });

  it('gives 0 minutes when nobody is ahead', () => {
    const ctx = buildContext(services, [comprehensive()]);
    expect(estimateWait(queued('sb', 5), [], ctx, times)).toEqual({ ahead: 0, minutes: 0, windows: 1 });
  });

  it('does not count paused windows as capacity', () => {
    const ctx = buildContext(services, [comprehensive(), domainWindow('社保', { state: 'paused' })]);
    const waiting = [queued('sb', 0), queued('sb', 1)];
    expect(estimateWait(queued('sb', 5), waiting, ctx, times)).toEqual({ ahead: 2, minutes: 20, windows: 1 });
  });

  it('gives null minutes when every window that can serve the ticket is paused', () => {
    const ctx = buildContext(services, [domainWindow('社保', { state: 'paused' }), domainWindow('医保')]);
    const waiting = [queued('sb', 0)];
    expect(estimateWait(queued('sb', 5), waiting, ctx, times)).toEqual({
      ahead: 1,
      minutes: null,
      windows: 0,
    });
  });

  it('gives null minutes when no open window can serve the ticket at all', () => {
    const ctx = buildContext(services, [domainWindow('医保'), comprehensive({ state: 'closed' })]);
    expect(estimateWait(queued('sb', 5), [queued('sb', 0)], ctx, times)).toMatchObject({
      minutes: null,
      windows: 0,
    });
  });

  it('counts only the target window for a ticket transferred to it', () => {
    const target = domainWindow('社保');
    const ctx = buildContext(services, [comprehensive(), comprehensive(), target]);
    const me = queued('sb', 5, { targetWindowId: target.id });
    const waiting = [queued('sb', 0), queued('yb', 1)];
    // Only the 社保 ticket can be called at the target window before it.
    expect(estimateWait(me, waiting, ctx, times)).toEqual({ ahead: 1, minutes: 10, windows: 1 });
  });

  it('counts a ticket waiting for another window only where that window could also serve this one', () => {
    const other = comprehensive();
    const ctx = buildContext(services, [comprehensive(), other]);
    const waiting = [queued('sb', 0, { targetWindowId: other.id }), queued('sb', 1)];
    const me = queued('sb', 5);
    // Untargeted, it can go to either window, so the ticket waiting for `other` is ahead of it too.
    expect(estimateWait(me, waiting, ctx, times)).toMatchObject({ ahead: 2, windows: 2 });
    const targeted = queued('sb', 5, { targetWindowId: ctx.windows[0]!.id });
    expect(estimateWait(targeted, waiting, ctx, times)).toMatchObject({ ahead: 1, windows: 1 });
  });

  it('counts the help desk only for tickets that asked for assistance', () => {
    const ctx = buildContext(services, [comprehensive(), buildWindow({ kind: 'assisted' })]);
    const waiting = [queued('sb', 0, { assistance: true }), queued('sb', 1)];
    expect(estimateWait(queued('sb', 5), waiting, ctx, times)).toEqual({ ahead: 1, minutes: 10, windows: 1 });
    expect(estimateWait(queued('sb', 5, { assistance: true }), waiting, ctx, times)).toEqual({
      ahead: 1,
      minutes: 10,
      windows: 1,
    });
  });
});

describe('estimateFromGroups', () => {
  it('gives exactly what estimateWait gives, for many random queues and halls', () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const kinds = ['comprehensive', 'domain', 'green_channel', 'assisted', 'cross_region'] as const;
    const states = ['open', 'paused', 'closed'] as const;
    for (let round = 0; round < 200; round++) {
      const windows = Array.from({ length: 1 + rnd(5) }, (_, i) =>
        buildWindow({
          id: `w${i}`,
          kind: kinds[rnd(kinds.length)]!,
          domains: ['社保'],
          state: states[rnd(3)]!,
        }),
      );
      const ctx = buildContext(services, windows);
      const times = serviceTimes(services, []);
      const waiting: QueuedTicket[] = Array.from({ length: rnd(30) }, (_, i) => ({
        id: `t${i}`,
        serviceId: services[rnd(services.length)]!.id,
        categories: rnd(4) === 0 ? ['elderly'] : [],
        assistance: rnd(5) === 0,
        targetWindowId: rnd(8) === 0 ? `w${rnd(6)}` : null,
        issuedAt: T0 + i * MINUTE,
        effectiveAt: T0 + i * MINUTE - (rnd(4) === 0 ? 15 * MINUTE : 0),
        number: `A${String(i).padStart(3, '0')}`,
      }));
      const me = waiting[rnd(Math.max(1, waiting.length))] ?? waiting[0];
      if (!me) continue;
      const ahead = waiting.filter((t) => compareQueue(t, me) < 0);
      expect(estimateFromGroups(me, groupQueue(ahead), ctx, times)).toEqual(
        estimateWait(me, waiting, ctx, times),
      );
    }
  });
});

describe('serviceTimes with summed samples', () => {
  it('treats one sample of count n as n samples of the mean', () => {
    const single = [6, 8, 10, 12].map((m) => sample('sb', m));
    const summed = [{ serviceId: 'sb', serviceMs: 36 * MINUTE, count: 4 }];
    expect(serviceTimes(services, summed)).toEqual(serviceTimes(services, single));
    expect(serviceTimes(services, [{ serviceId: 'sb', serviceMs: 5 * MINUTE, count: 0 }]).get('sb')).toBe(
      10 * MINUTE,
    );
  });
});
