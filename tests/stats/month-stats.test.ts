import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../server/src/domain/index.js';
import type { StatsReport } from '../../server/src/domain/stats/index.js';
import {
  createDevice,
  createHall,
  createService,
  createUser,
  createWindow,
  setupAdmin,
  type Api,
} from '../helpers/api-fixtures.js';
import type { TestHub } from '../helpers/hub.js';
import { simulateMonth, type LedgerEntry, type SimWindow } from './month-simulation.js';
import { Clock, startSimHub } from './support.js';

/**
 * Statistics of a simulated month, over HTTP, against figures the test works
 * out itself from the simulation's ledger.
 */

const HOUR = 3_600_000;
let t: TestHub;
let supervisor: Api;
let clerkApi: Api;
let hallId: string;
let services: Service[];
let sim: SimWindow[];
const ledger = new Map<string, LedgerEntry>();
const domainOf = new Map<string, string>();
const clock = new Clock(Date.UTC(2025, 2, 1, 0, 0));

/** March 2025 weekdays, opening 09:00 in Shanghai (01:00 UTC). */
const DAYS = Array.from({ length: 31 }, (_, i) => i + 1)
  .map((d) => ({ day: `2025-03-${String(d).padStart(2, '0')}`, opensAt: Date.UTC(2025, 2, d, 1, 0) }))
  .filter(({ opensAt }) => ![0, 6].includes(new Date(opensAt).getUTCDay()));

interface Expected {
  issued: number;
  served: number;
  noShows: number;
  cancelled: number;
  expired: number;
  open: number;
  transfers: number;
  transferredTickets: number;
  wait: number[];
  service: number[];
  priorityTickets: number;
  priorityWait: number[];
  normalWait: number[];
  issuedByHour: number[];
  servedByHour: number[];
  ratings: number[];
}

const shanghaiHour = (at: number) => new Date(at + 8 * HOUR).getUTCHours();

function expected(entries: LedgerEntry[]): Expected {
  const x: Expected = {
    issued: entries.length,
    served: 0,
    noShows: 0,
    cancelled: 0,
    expired: 0,
    open: 0,
    transfers: 0,
    transferredTickets: 0,
    wait: [],
    service: [],
    priorityTickets: 0,
    priorityWait: [],
    normalWait: [],
    issuedByHour: Array(24).fill(0) as number[],
    servedByHour: Array(24).fill(0) as number[],
    ratings: [0, 0, 0, 0, 0],
  };
  for (const e of entries) {
    if (e.outcome === 'completed') x.served += 1;
    if (e.outcome === 'no_show') x.noShows += 1;
    if (e.outcome === 'cancelled') x.cancelled += 1;
    if (e.outcome === 'expired') x.expired += 1;
    if (e.outcome === null) x.open += 1;
    x.transfers += e.transfers;
    if (e.transfers > 0) x.transferredTickets += 1;
    if (e.priority) x.priorityTickets += 1;
    if (e.firstCalledAt !== null) {
      const w = e.firstCalledAt - e.issuedAt;
      x.wait.push(w);
      (e.priority ? x.priorityWait : x.normalWait).push(w);
    }
    if (e.outcome === 'completed' && e.serviceMs !== null) x.service.push(e.serviceMs);
    x.issuedByHour[shanghaiHour(e.issuedAt)] += 1;
    if (e.outcome === 'completed' && e.endedAt !== null) x.servedByHour[shanghaiHour(e.endedAt)] += 1;
    if (e.rating !== null) x.ratings[e.rating - 1] += 1;
  }
  return x;
}

const mean = (v: number[]) => (v.length === 0 ? null : v.reduce((s, n) => s + n, 0) / v.length);
/** Nearest rank: the value at rank ceil(0.9·n) in ascending order. */
const p90 = (v: number[]) => {
  if (v.length === 0) return null;
  const sorted = [...v].sort((a, b) => a - b);
  return sorted[Math.ceil(0.9 * sorted.length) - 1] as number;
};
/** Half the histogram bucket at that value, as docs/statistics.md states it. */
const tolerance = (ms: number) => (ms < 10 * 60_000 ? 7_500 : ms < 3_600_000 ? 30_000 : 150_000);

function expectDuration(
  actual: { count: number; avgMs: number | null; p90Ms: number | null },
  values: number[],
) {
  expect(actual.count).toBe(values.length);
  const avg = mean(values);
  const p = p90(values);
  if (avg === null || p === null) {
    expect(actual.avgMs).toBeNull();
    expect(actual.p90Ms).toBeNull();
    return;
  }
  expect(Math.abs((actual.avgMs as number) - avg)).toBeLessThanOrEqual(1);
  expect(Math.abs((actual.p90Ms as number) - p)).toBeLessThanOrEqual(tolerance(p));
}

function expectReport(r: StatsReport, entries: LedgerEntry[]) {
  const x = expected(entries);
  expect(x.issued).toBeGreaterThan(0);
  expect({
    issued: r.issued,
    served: r.served,
    noShows: r.noShows,
    cancelled: r.cancelled,
    expired: r.expired,
    open: r.open,
    transfers: r.transfers,
    transferredTickets: r.transferredTickets,
    priorityTickets: r.priority.tickets,
  }).toEqual({
    issued: x.issued,
    served: x.served,
    noShows: x.noShows,
    cancelled: x.cancelled,
    expired: x.expired,
    open: x.open,
    transfers: x.transfers,
    transferredTickets: x.transferredTickets,
    priorityTickets: x.priorityTickets,
  });
  expect(r.priority.share).toBeCloseTo(x.priorityTickets / x.issued, 10);
  expectDuration(r.wait, x.wait);
  expectDuration(r.service, x.service);
  expectDuration(r.priority.wait, x.priorityWait);
  expectDuration(r.normal.wait, x.normalWait);
  expect(r.hourly.map((h) => h.issued)).toEqual(x.issuedByHour);
  expect(r.hourly.map((h) => h.served)).toEqual(x.servedByHour);
  expect(r.ratings.levels.map((l) => l.count)).toEqual(x.ratings);
  expect(r.ratings.bad).toBe(x.ratings[0] + x.ratings[1]);
}

async function stats(query: string): Promise<StatsReport> {
  const reply = await supervisor.get<{ report: StatsReport }>(`/api/v1/halls/${hallId}/stats?${query}`);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.report;
}

const inPeriod = (from: string, to: string) =>
  [...ledger.values()].filter((e) => e.day >= from && e.day <= to);

beforeAll(async () => {
  t = await startSimHub({ now: clock.now });
  const admin = await setupAdmin(t);
  const hall = await createHall(admin, { timeZone: 'Asia/Shanghai' });
  hallId = hall.id;
  services = [
    await createService(admin, hallId, { domain: '社保', prefix: 'A' }),
    await createService(admin, hallId, { domain: '医保', prefix: 'B' }),
    await createService(admin, hallId, { domain: '公安', prefix: 'C' }),
  ];
  for (const s of services) domainOf.set(s.id, s.domain);
  const clerks: { id: string }[] = [];
  for (let i = 0; i < 4; i += 1) clerks.push((await createUser(t, admin, { hallIds: [hallId] })).user);
  const c = (i: number) => (clerks[i] as { id: string }).id;
  const windows = [
    await createWindow(admin, hallId, { kind: 'comprehensive', clerkIds: [c(0)] }),
    await createWindow(admin, hallId, { kind: 'comprehensive', clerkIds: [c(1)] }),
    await createWindow(admin, hallId, { kind: 'domain', domains: ['公安'], clerkIds: [c(2)] }),
    await createWindow(admin, hallId, { kind: 'green_channel', clerkIds: [c(3)] }),
  ];
  const keypad = await createDevice(admin, hallId, { kind: 'keypad', windowId: windows[3]?.id });
  sim = windows.map((window, i) => ({
    window,
    clerkId: c(i),
    // Window 4 is worked with a keypad: its clerk is the one who opened the window.
    actor: i === 3 ? { type: 'device', id: keypad.device.id } : { type: 'user', id: c(i) },
  }));
  supervisor = (await createUser(t, admin, { role: 'supervisor', hallIds: [hallId] })).api;
  clerkApi = (await createUser(t, admin, { hallIds: [hallId] })).api;
}, 60_000);
afterAll(async () => t.close());

describe('statistics of a seeded month', () => {
  it('match the ledger for the first two weeks, folded while the month goes on', async () => {
    const first = await simulateMonth({
      deps: t.deps,
      clock,
      hallId,
      services,
      windows: sim,
      days: DAYS.slice(0, 10),
      seed: 6,
      ledger,
    });
    expect(first).toBe(ledger);
    expectReport(await stats('from=2025-03-01&to=2025-03-14'), inPeriod('2025-03-01', '2025-03-14'));
  }, 120_000);

  it('match the ledger for the whole month, a week, an area, a window and a clerk', async () => {
    const rest = await simulateMonth({
      deps: t.deps,
      clock,
      hallId,
      services,
      windows: sim,
      days: DAYS.slice(10),
      seed: 7,
      ledger,
    });
    expect(rest).toBe(ledger);
    const month = [...ledger.values()];
    expect(month.some((e) => e.outcome === 'no_show')).toBe(true);
    expect(month.some((e) => e.transfers > 0)).toBe(true);
    expect(month.some((e) => e.outcome === 'expired')).toBe(true);
    expect(month.some((e) => e.outcome === null)).toBe(true);

    expectReport(await stats('from=2025-03-01&to=2025-03-31'), month);
    expectReport(await stats('from=2025-03-10&to=2025-03-14'), inPeriod('2025-03-10', '2025-03-14'));

    const police = month.filter((e) => domainOf.get(e.serviceId) === '公安');
    expectReport(await stats(`from=2025-03-01&to=2025-03-31&domain=${encodeURIComponent('公安')}`), police);

    const w3 = sim[2]?.window.id as string;
    expectReport(
      await stats(`from=2025-03-01&to=2025-03-31&windowId=${w3}`),
      month.filter((e) => e.windowId === w3),
    );

    // The keypad window's tickets are the clerk's who opened it.
    const c4 = sim[3]?.clerkId as string;
    const byKeypadClerk = month.filter((e) => e.clerkId === c4);
    expect(byKeypadClerk.length).toBeGreaterThan(0);
    expectReport(await stats(`from=2025-03-01&to=2025-03-31&clerkId=${c4}`), byKeypadClerk);
  }, 180_000);

  it('exports the same figures as CSV with a BOM for Excel', async () => {
    const res = await fetch(`${t.url}/api/v1/halls/${hallId}/stats.csv?from=2025-03-01&to=2025-03-31`, {
      headers: { authorization: `Bearer ${supervisor.identity.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const x = expected([...ledger.values()]);
    expect(text).toContain(`取号 issued,${x.issued}\r\n`);
    expect(text).toContain(`办结 served,${x.served}\r\n`);
    expect(text).toContain(`过号 no-shows,${x.noShows}\r\n`);
    expect(text).toContain(`5 非常满意 very satisfied,${x.ratings[4]}\r\n`);
  });

  it('refuses bad periods and filters with 400, a clerk with 403, an unknown hall with 404', async () => {
    const base = `/api/v1/halls/${hallId}/stats`;
    for (const q of [
      'from=2025-02-30&to=2025-03-01',
      'from=2025-03-10&to=2025-03-01',
      'from=2024-01-01&to=2025-03-01',
      'from=yesterday',
      'from=2025-03-01&to=2025-03-31&windowId=not%20an%20id',
      'from=2025-03-01&to=2025-03-31&colour=red',
      // Only the start: the end defaults to today, and the 400-day limit still holds.
      'from=1900-01-01',
    ]) {
      const reply = await supervisor.get(`${base}?${q}`);
      expect(reply.status, q).toBe(400);
      expect(reply.body.code).toBe('validation_failed');
    }
    expect((await clerkApi.get(`${base}?from=2025-03-01&to=2025-03-31`)).status).toBe(403);
    const unknown = await supervisor.get('/api/v1/halls/no-such-hall/stats');
    expect([403, 404]).toContain(unknown.status);
  });
});
