import { DomainError } from '../../domain/index.js';
import {
  MAX_PERIOD_DAYS,
  mergeAggregates,
  periodLength,
  isValidDay,
  type StatsReport,
} from '../../domain/stats/index.js';
import type { AppDeps } from '../deps.js';
import { requireHall } from '../lookups.js';
import { catchUpStats } from './rollup.js';

/** 效能监管 for a period of hall-local dates, narrowed to an area, a window or a clerk. */

export interface StatsFilters {
  domain?: string;
  windowId?: string;
  clerkId?: string;
}

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
  const rows = await deps.store.listDayAggregates(hall.id, { from: props.from, to: props.to, ...filters });
  const cursor = await deps.store.getStatsCursor(hall.id);
  return {
    hallId: hall.id,
    timeZone: hall.timeZone,
    from: props.from,
    to: props.to,
    filters,
    seq: cursor.seq,
    report: mergeAggregates(rows),
  };
}
