import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { defaultDeps, hallStats } from '../../server/src/app/index.js';
import { aggregateFacts, addDays } from '../../server/src/domain/stats/index.js';
import { openSqliteStore } from '../../server/src/store/sqlite/index.js';
import { buildHall } from '../helpers/factories.js';
import { prng } from '../stats/support.js';
import type { Part } from './report.js';

/**
 * (d) Statistics of a year of a busy hall (a million tickets). The ticket
 * facts are written directly with SQL and rolled up per day (the fold from
 * events is tested in tests/stats); then the year's statistics query is
 * timed against a raw COUNT/AVG over the same million rows.
 */

const DAY_MS = 86_400_000;

export async function statsBench(opts: { tickets: number; runs: number }): Promise<Part> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-stats-'));
  const store = openSqliteStore({ file: path.join(dir, 'hall.db'), synchronous: 'NORMAL' });
  try {
    const hall = (await store.saveHall(buildHall({ timeZone: 'Asia/Shanghai' }), [])).hall;
    const days: string[] = [];
    for (let i = 0; days.length < 250; i += 1) {
      const day = addDays('2025-01-01', i);
      const wd = new Date(Date.UTC(2025, 0, 1) + i * DAY_MS).getUTCDay();
      if (wd !== 0 && wd !== 6) days.push(day);
    }
    const perDay = Math.ceil(opts.tickets / days.length);
    const random = prng(2025);
    const insert = store.db.prepare(
      `INSERT INTO ticket_facts (ticket_id, hall_id, business_day, issue_hour, service_id, domain, window_id, clerk_id,
         actor_clerk_id, call_clerk_id, priority, issued_at, wait_ms, started_at, service_ms, outcome, end_hour,
         transfers, rating) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, NULL, ?, ?, ?, ?, ?)`,
    );
    const domains = ['社保', '医保', '公安', '不动产', '税务'];
    const started = performance.now();
    let n = 0;
    store.db.transaction(() => {
      for (const day of days) {
        for (let i = 0; i < perDay && n < opts.tickets; i += 1, n += 1) {
          const hour = 9 + Math.floor(random() * 8);
          const window = Math.floor(random() * 12);
          const roll = random();
          const outcome =
            roll < 0.85 ? 'completed' : roll < 0.93 ? 'no_show' : roll < 0.97 ? 'cancelled' : 'expired';
          insert.run(
            `t${n}`,
            hall.id,
            day,
            hour,
            `s${Math.floor(random() * 25)}`,
            domains[window % 5],
            `w${window}`,
            `c${window + (random() < 0.2 ? 12 : 0)}`,
            random() < 0.2 ? 1 : 0,
            0,
            Math.floor(random() ** 2 * 3_600_000),
            outcome === 'completed' ? Math.floor(random() * 1_200_000) : null,
            outcome,
            hour,
            random() < 0.05 ? 1 : 0,
            outcome === 'completed' && random() < 0.6 ? 1 + Math.floor(random() * 5) : null,
          );
        }
      }
    })();
    for (const day of days) {
      const facts = await store.listTicketFacts(hall.id, { days: [day] });
      await store.saveStatsRollup({
        hallId: hall.id,
        expectedSeq: 0,
        cursor: { seq: 0, windowClerks: {} },
        facts: [],
        days: [day],
        aggregates: aggregateFacts(facts),
      });
    }
    const generatedS = (performance.now() - started) / 1000;
    const deps = defaultDeps(store);
    const from = days[0] as string;
    const to = days[days.length - 1] as string;
    const raw = store.db.prepare(
      `SELECT COUNT(*) AS n, AVG(wait_ms) AS w, SUM(outcome = 'completed') AS s FROM ticket_facts
       WHERE hall_id = ? AND business_day BETWEEN ? AND ?`,
    );
    const time = async (fn: () => unknown) => {
      const t0 = performance.now();
      for (let i = 0; i < opts.runs; i += 1) await fn();
      return (performance.now() - t0) / opts.runs;
    };
    // The first query after the roll-up sums the period's whole months and keeps the sums; later ones read them.
    const t0 = performance.now();
    await hallStats(deps, { hallId: hall.id, from, to });
    const first = performance.now() - t0;
    const ours = await time(() => hallStats(deps, { hallId: hall.id, from, to }));
    const baseline = await time(() => raw.get(hall.id, from, to));
    const check = await hallStats(deps, { hallId: hall.id, from, to });
    const rows = store.db.prepare('SELECT COUNT(*) AS n FROM stats_daily').get() as { n: number };
    const months = store.db.prepare('SELECT COUNT(*) AS n FROM stats_months').get() as { n: number };
    return {
      title: '(d) statistics of a year of a busy hall',
      ours: `GET-equivalent hallStats over ${days.length} days (catch-up, month sums and daily aggregates, p90 from histograms)`,
      baseline: 'raw SQL COUNT/AVG over the same ticket fact rows',
      figures: [
        { figure: 'year query', unit: 'ms', ours, baseline, better: 'lower', target: 1.2 },
        { figure: 'year query, first after the roll-up', unit: 'ms', ours: first, baseline, better: 'lower' },
      ],
      notes: [
        `${n} tickets, ${rows.n} aggregate rows, generated and rolled up in ${generatedS.toFixed(1)} s; report counted ${check.report.issued} issued`,
        `the first query after the roll-up sums ${months.n} whole months from their days and keeps the sums; the ${opts.runs} timed queries read them`,
        `target < 1000 ms: ${ours < 1000 ? 'met' : 'missed'} (${ours.toFixed(0)} ms)`,
      ],
    };
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

// Runnable alone: `npx tsx tests/bench/stats-query.ts`.
if (import.meta.url === `file://${process.argv[1]}`) {
  const part = await statsBench({ tickets: Number(process.env.BENCH_STATS_TICKETS ?? 1_000_000), runs: 5 });
  console.log(JSON.stringify(part, null, 2));
}
