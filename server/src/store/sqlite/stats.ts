import { DomainError } from '../../domain/index.js';
import type { DayAggregate, FactOutcome, Histogram, TicketFact } from '../../domain/stats/index.js';
import { monthsOfDays } from '../../domain/stats/index.js';
import type {
  DayAggregateQuery,
  MonthAggregatesUpdate,
  StatsCursor,
  StatsRollupUpdate,
  TicketFactQuery,
} from '../port.js';
import { readTx, sql, writeTx, type Db } from './connection.js';

/** The statistics roll-up: ticket facts, daily aggregates and the cursor that says how far the log is folded. */

interface FactRow {
  ticket_id: string;
  hall_id: string;
  business_day: string;
  issue_hour: number;
  service_id: string;
  domain: string;
  window_id: string | null;
  clerk_id: string | null;
  actor_clerk_id: string | null;
  call_clerk_id: string | null;
  priority: number;
  issued_at: number;
  wait_ms: number | null;
  started_at: number | null;
  service_ms: number | null;
  outcome: string | null;
  end_hour: number | null;
  transfers: number;
  rating: number | null;
}

function toFact(r: FactRow): TicketFact {
  return {
    ticketId: r.ticket_id,
    hallId: r.hall_id,
    businessDay: r.business_day,
    issueHour: r.issue_hour,
    serviceId: r.service_id,
    domain: r.domain,
    windowId: r.window_id,
    clerkId: r.clerk_id,
    actorClerkId: r.actor_clerk_id,
    callClerkId: r.call_clerk_id,
    priority: r.priority === 1,
    issuedAt: r.issued_at,
    waitMs: r.wait_ms,
    startedAt: r.started_at,
    serviceMs: r.service_ms,
    outcome: r.outcome as FactOutcome | null,
    endHour: r.end_hour,
    transfers: r.transfers,
    rating: r.rating,
  };
}

interface DailyRow {
  hall_id: string;
  business_day: string;
  domain: string;
  window_id: string;
  clerk_id: string;
  priority: number;
  issued: number;
  completed: number;
  no_show: number;
  cancelled: number;
  expired: number;
  open: number;
  transfers: number;
  transferred_tickets: number;
  wait_count: number;
  wait_sum_ms: number;
  wait_hist: string;
  service_count: number;
  service_sum_ms: number;
  service_hist: string;
  issued_by_hour: string;
  served_by_hour: string;
  ratings: string;
}

function toAggregate(r: DailyRow): DayAggregate {
  return {
    hallId: r.hall_id,
    businessDay: r.business_day,
    domain: r.domain,
    windowId: r.window_id === '' ? null : r.window_id,
    clerkId: r.clerk_id === '' ? null : r.clerk_id,
    priority: r.priority === 1,
    issued: r.issued,
    completed: r.completed,
    noShow: r.no_show,
    cancelled: r.cancelled,
    expired: r.expired,
    open: r.open,
    transfers: r.transfers,
    transferredTickets: r.transferred_tickets,
    waitCount: r.wait_count,
    waitSumMs: r.wait_sum_ms,
    waitHist: JSON.parse(r.wait_hist) as Histogram,
    serviceCount: r.service_count,
    serviceSumMs: r.service_sum_ms,
    serviceHist: JSON.parse(r.service_hist) as Histogram,
    issuedByHour: JSON.parse(r.issued_by_hour) as number[],
    servedByHour: JSON.parse(r.served_by_hour) as number[],
    ratings: JSON.parse(r.ratings) as number[],
  };
}

export function getStatsCursor(db: Db, hallId: string): StatsCursor {
  const row = sql(db, 'SELECT seq, window_clerks FROM stats_cursors WHERE hall_id = ?').get(hallId) as
    { seq: number; window_clerks: string } | undefined;
  if (!row) return { seq: 0, windowClerks: {} };
  return { seq: row.seq, windowClerks: JSON.parse(row.window_clerks) as Record<string, string | null> };
}

/** Lists are chunked: SQLite caps the number of bound parameters. */
function chunks<T>(list: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

export function listTicketFacts(db: Db, hallId: string, q: TicketFactQuery): TicketFact[] {
  return readTx(db, () => {
    const rows: FactRow[] = [];
    for (const ids of chunks(q.ticketIds ?? [])) {
      const text = `SELECT * FROM ticket_facts WHERE hall_id = ? AND ticket_id IN (${ids.map(() => '?').join(', ')})`;
      rows.push(...(db.prepare(text).all(hallId, ...ids) as FactRow[]));
    }
    for (const day of q.days ?? []) {
      rows.push(
        ...(sql(db, 'SELECT * FROM ticket_facts WHERE hall_id = ? AND business_day = ?').all(
          hallId,
          day,
        ) as FactRow[]),
      );
    }
    return rows.map(toFact);
  });
}

const FACT_COLUMNS = [
  'ticket_id',
  'hall_id',
  'business_day',
  'issue_hour',
  'service_id',
  'domain',
  'window_id',
  'clerk_id',
  'actor_clerk_id',
  'call_clerk_id',
  'priority',
  'issued_at',
  'wait_ms',
  'started_at',
  'service_ms',
  'outcome',
  'end_hour',
  'transfers',
  'rating',
];
const UPSERT_FACT = `INSERT INTO ticket_facts (${FACT_COLUMNS.join(', ')})
  VALUES (${FACT_COLUMNS.map(() => '?').join(', ')})
  ON CONFLICT (ticket_id) DO UPDATE SET ${FACT_COLUMNS.slice(1)
    .map((c) => `${c} = excluded.${c}`)
    .join(', ')}`;

function factArgs(f: TicketFact): unknown[] {
  return [
    f.ticketId,
    f.hallId,
    f.businessDay,
    f.issueHour,
    f.serviceId,
    f.domain,
    f.windowId,
    f.clerkId,
    f.actorClerkId,
    f.callClerkId,
    f.priority ? 1 : 0,
    f.issuedAt,
    f.waitMs,
    f.startedAt,
    f.serviceMs,
    f.outcome,
    f.endHour,
    f.transfers,
    f.rating,
  ];
}

const DAILY_COLUMNS = [
  'hall_id',
  'business_day',
  'domain',
  'window_id',
  'clerk_id',
  'priority',
  'issued',
  'completed',
  'no_show',
  'cancelled',
  'expired',
  'open',
  'transfers',
  'transferred_tickets',
  'wait_count',
  'wait_sum_ms',
  'wait_hist',
  'service_count',
  'service_sum_ms',
  'service_hist',
  'issued_by_hour',
  'served_by_hour',
  'ratings',
];
const insertInto = (
  table: 'stats_daily' | 'stats_monthly',
) => `INSERT INTO ${table} (${DAILY_COLUMNS.join(', ')})
  VALUES (${DAILY_COLUMNS.map(() => '?').join(', ')})`;
const INSERT_DAILY = insertInto('stats_daily');
const INSERT_MONTHLY = insertInto('stats_monthly');

function dailyArgs(a: DayAggregate): unknown[] {
  return [
    a.hallId,
    a.businessDay,
    a.domain,
    a.windowId ?? '',
    a.clerkId ?? '',
    a.priority ? 1 : 0,
    a.issued,
    a.completed,
    a.noShow,
    a.cancelled,
    a.expired,
    a.open,
    a.transfers,
    a.transferredTickets,
    a.waitCount,
    a.waitSumMs,
    JSON.stringify(a.waitHist),
    a.serviceCount,
    a.serviceSumMs,
    JSON.stringify(a.serviceHist),
    JSON.stringify(a.issuedByHour),
    JSON.stringify(a.servedByHour),
    JSON.stringify(a.ratings),
  ];
}

export function saveStatsRollup(db: Db, u: StatsRollupUpdate): void {
  writeTx(db, () => {
    const current = getStatsCursor(db, u.hallId);
    if (current.seq !== u.expectedSeq) {
      throw new DomainError('conflict', 'The statistics roll-up moved meanwhile; read it again.', {
        hallId: u.hallId,
        seq: current.seq,
        expectedSeq: u.expectedSeq,
      });
    }
    const days = new Set(u.days);
    for (const a of u.aggregates) {
      if (a.hallId !== u.hallId || !days.has(a.businessDay)) {
        throw new DomainError('conflict', `An aggregate of ${a.businessDay} is outside the days replaced.`);
      }
    }
    for (const f of u.facts) {
      if (f.hallId !== u.hallId) throw new DomainError('conflict', `Fact ${f.ticketId} is of another hall.`);
      sql(db, UPSERT_FACT).run(...factArgs(f));
    }
    for (const day of days)
      sql(db, 'DELETE FROM stats_daily WHERE hall_id = ? AND business_day = ?').run(u.hallId, day);
    for (const a of u.aggregates) sql(db, INSERT_DAILY).run(...dailyArgs(a));
    for (const month of monthsOfDays(days)) dropMonth(db, u.hallId, month);
    sql(
      db,
      `INSERT INTO stats_cursors (hall_id, seq, window_clerks) VALUES (?, ?, ?)
       ON CONFLICT (hall_id) DO UPDATE SET seq = excluded.seq, window_clerks = excluded.window_clerks`,
    ).run(u.hallId, u.cursor.seq, JSON.stringify(u.cursor.windowClerks));
  });
}

function dropMonth(db: Db, hallId: string, month: string): void {
  sql(db, 'DELETE FROM stats_monthly WHERE hall_id = ? AND business_day = ?').run(hallId, month);
  sql(db, 'DELETE FROM stats_months WHERE hall_id = ? AND month = ?').run(hallId, month);
}

export function saveMonthAggregates(db: Db, u: MonthAggregatesUpdate): boolean {
  for (const a of u.aggregates) {
    if (a.hallId !== u.hallId || a.businessDay !== u.month) {
      throw new DomainError('conflict', `A sum of ${a.businessDay} is not of ${u.month}.`);
    }
  }
  return writeTx(db, () => {
    if (getStatsCursor(db, u.hallId).seq !== u.expectedSeq) return false;
    dropMonth(db, u.hallId, u.month);
    for (const a of u.aggregates) sql(db, INSERT_MONTHLY).run(...dailyArgs(a));
    sql(db, 'INSERT INTO stats_months (hall_id, month) VALUES (?, ?)').run(u.hallId, u.month);
    return true;
  });
}

export function listMonthAggregates(
  db: Db,
  hallId: string,
  q: DayAggregateQuery,
): { months: string[]; aggregates: DayAggregate[] } {
  return readTx(db, () => {
    const months = (
      sql(
        db,
        'SELECT month FROM stats_months WHERE hall_id = ? AND month >= ? AND month <= ? ORDER BY month',
      ).all(hallId, q.from, q.to) as { month: string }[]
    ).map((r) => r.month);
    return {
      months,
      aggregates: months.length === 0 ? [] : selectAggregates(db, 'stats_monthly', hallId, q),
    };
  });
}

export function listDayAggregates(db: Db, hallId: string, q: DayAggregateQuery): DayAggregate[] {
  return selectAggregates(db, 'stats_daily', hallId, q);
}

function selectAggregates(
  db: Db,
  table: 'stats_daily' | 'stats_monthly',
  hallId: string,
  q: DayAggregateQuery,
): DayAggregate[] {
  const where = ['hall_id = ?', 'business_day >= ?', 'business_day <= ?'];
  const args: unknown[] = [hallId, q.from, q.to];
  const equal: [string, string | undefined][] = [
    ['domain', q.domain],
    ['window_id', q.windowId],
    ['clerk_id', q.clerkId],
  ];
  for (const [column, value] of equal) {
    if (value === undefined) continue;
    where.push(`${column} = ?`);
    args.push(value);
  }
  const text = `SELECT * FROM ${table} WHERE ${where.join(' AND ')} ORDER BY business_day`;
  return (sql(db, text).all(...args) as DailyRow[]).map(toAggregate);
}
