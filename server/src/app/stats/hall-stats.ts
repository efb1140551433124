import { DomainError } from '../../domain/index.js';
import {
  MAX_PERIOD_DAYS,
  appointmentStats,
  type AppointmentStats,
  type DayAggregate,
  matchesStatsFilters,
  mergeAggregates,
  monthBounds,
  periodLength,
  isValidDay,
  splitPeriod,
  sumMonth,
  type StatsFilters,
  type StatsReport,
} from '../../domain/stats/index.js';
import type { AppointmentCursor } from '../../store/port.js';
import type { AppDeps } from '../deps.js';
import { requireHall } from '../lookups.js';
import { catchUpStats } from './rollup.js';

/** 效能监管 for a period of hall-local dates, narrowed to an area, a window or a clerk. */

export type { StatsFilters };

export interface HallStatsProps extends StatsFilters {
  hallId: string;
  /** Hall-local dates, both included. */
  from: string;
  to: string;
}

export interface HallStats {
  hallId: string;
  timeZone: string;
  from: string;
  to: string;
  filters: StatsFilters;
  /** The log seq the figures include. */
  seq: number;
  report: StatsReport;
  /** 预约 of the period (slot day in it), narrowed by area only: a booking has no window or clerk. */
  appointments: AppointmentStats;
}

export function checkPeriod(from: string, to: string): void {
  if (!isValidDay(from) || !isValidDay(to)) {
    throw new DomainError('invalid_config', 'Dates must be real calendar dates YYYY-MM-DD.');
  }
  const days = periodLength(from, to);
  if (days < 1) throw new DomainError('invalid_config', '`to` must not be before `from`.');
  if (days > MAX_PERIOD_DAYS) {
    throw new DomainError('invalid_config', `A period may cover at most ${MAX_PERIOD_DAYS} days.`);
  }
}

export async function hallStats(deps: AppDeps, props: HallStatsProps): Promise<HallStats> {
  checkPeriod(props.from, props.to);
  const hall = await requireHall(deps, props.hallId);
  // Fold what the log has gained since the last query, so the figures are current.
  await catchUpStats(deps, { hallId: hall.id });
  const filters: StatsFilters = {
    ...(props.domain !== undefined ? { domain: props.domain } : {}),
    ...(props.windowId !== undefined ? { windowId: props.windowId } : {}),
    ...(props.clerkId !== undefined ? { clerkId: props.clerkId } : {}),
  };
  const cursor = await deps.store.getStatsCursor(hall.id);
  const rows = await periodAggregates(deps, hall.id, cursor.seq, props.from, props.to, filters);
  return {
    hallId: hall.id,
    timeZone: hall.timeZone,
    from: props.from,
    to: props.to,
    filters,
    seq: cursor.seq,
    report: mergeAggregates(rows),
    appointments: await periodAppointments(deps, hall.id, hall.timeZone, props.from, props.to, props.domain),
  };
}

/**
 * The aggregate rows of a period: month sums for the months it covers whole
 * (a month's sum is computed from its days the first time it is asked for and
 * kept until a roll-up changes one of its days) and day rows for the rest.
 */
async function periodAggregates(
  deps: AppDeps,
  hallId: string,
  seq: number,
  from: string,
  to: string,
  filters: StatsFilters,
): Promise<DayAggregate[]> {
  const split = splitPeriod(from, to);
  const rows: DayAggregate[] = [];
  for (const days of split.days)
    rows.push(...(await deps.store.listDayAggregates(hallId, { ...days, ...filters })));
  const first = split.months[0];
  const last = split.months[split.months.length - 1];
  if (first === undefined || last === undefined) return rows;
  const kept = await deps.store.listMonthAggregates(hallId, { from: first, to: last, ...filters });
  rows.push(...kept.aggregates);
  const keptMonths = new Set(kept.months);
  for (const month of split.months) {
    if (keptMonths.has(month)) continue;
    const sums = sumMonth(month, await deps.store.listDayAggregates(hallId, monthBounds(month)));
    // Kept only if no roll-up moved the cursor since it was read; the figures are right either way.
    await deps.store.saveMonthAggregates({ hallId, month, expectedSeq: seq, aggregates: sums });
    rows.push(...sums.filter((a) => matchesStatsFilters(a, filters)));
  }
  return rows;
}

/** Bookings per read: pages of the period's bookings, in the store's list order. */
const BOOKING_PAGE = 2000;

async function periodAppointments(
  deps: AppDeps,
  hallId: string,
  timeZone: string,
  from: string,
  to: string,
  domain: string | undefined,
): Promise<AppointmentStats> {
  const settings = await deps.store.getAppointmentSettings(hallId);
  const domains = new Map((await deps.store.listServices(hallId)).map((s) => [s.id, s.domain]));
  const bookings = [];
  const calls = new Map<string, number | null>();
  for (let after: AppointmentCursor | undefined; ;) {
    const page = await deps.store.listAppointments(hallId, {
      from,
      to,
      limit: BOOKING_PAGE,
      ...(after ? { after } : {}),
    });
    const last = page[page.length - 1];
    const chunk = page.filter((a) => domain === undefined || (domains.get(a.serviceId) ?? '') === domain);
    bookings.push(...chunk);
    // Facts a page at a time too, so the id list stays far below SQLite's bound on query parameters.
    const ticketIds = chunk.map((a) => a.ticketId).filter((id): id is string => id !== null);
    if (ticketIds.length > 0) {
      for (const f of await deps.store.listTicketFacts(hallId, { ticketIds })) {
        calls.set(f.ticketId, f.waitMs === null ? null : f.issuedAt + f.waitMs);
      }
    }
    if (!last || page.length < BOOKING_PAGE) break;
    after = { day: last.day, slotStart: last.slotStart, createdAt: last.createdAt, id: last.id };
  }
  return appointmentStats(bookings, calls, settings.earlyMinutes, timeZone);
}
