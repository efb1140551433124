import { z } from 'zod';
import { hallStats, requireHall, statsCsv, today, type HallStats } from '../../app/index.js';
import { MAX_PERIOD_DAYS, addDays, isValidDay, periodLength } from '../../domain/stats/index.js';
import { requireHallAccess } from '../access.js';
import { HttpError } from '../errors.js';
import { SENT, route, type RouteContext } from '../route.js';
import { day, hallParams, id } from '../schemas/common.js';
import type { StatsAnswer } from '../../protocol/http.js';

/** 效能监管: figures for a period of hall-local dates, as JSON for the console and CSV for Excel. */

const SUPERVISION = { roles: ['admin', 'supervisor'] } as const;
const TAG = 'Statistics';

const realDay = day.refine(isValidDay, 'a real calendar date');

export const statsQuery = z
  .strictObject({
    from: realDay.optional().describe('first hall-local date (default: 29 days before `to`)'),
    to: realDay.optional().describe('last hall-local date, included (default: today in the hall)'),
    domain: z
      .string()
      .trim()
      .regex(/^[\p{L}\p{N} ·_-]{1,40}$/u, 'an area name')
      .optional()
      .describe('area (领域), e.g. 社保'),
    windowId: id.optional(),
    clerkId: id.optional(),
  })
  .superRefine((q, ctx) => {
    if (!q.from || !q.to || !isValidDay(q.from) || !isValidDay(q.to)) return;
    const days = periodLength(q.from, q.to);
    if (days < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: '`to` must not be before `from`' });
    if (days > MAX_PERIOD_DAYS) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `at most ${MAX_PERIOD_DAYS} days` });
    }
  });

type Ctx = RouteContext<z.output<typeof hallParams>, z.output<typeof statsQuery>, unknown>;

async function load(ctx: Ctx): Promise<HallStats> {
  requireHallAccess(ctx, ctx.params.hallId);
  const hall = await requireHall(ctx.deps, ctx.params.hallId);
  const to = ctx.query.to ?? today(ctx.deps, hall);
  const from = ctx.query.from ?? addDays(to, -29);
  // With one end given, the other is a default: the period limit still holds.
  const days = periodLength(from, to);
  if (days < 1 || days > MAX_PERIOD_DAYS) {
    const message =
      days < 1 ? '`to` must not be before `from`' : `a period may cover at most ${MAX_PERIOD_DAYS} days`;
    throw new HttpError('validation_failed', 'The request has invalid fields.', [
      { in: 'query', path: ctx.query.from ? 'from' : 'to', message },
    ]);
  }
  const { from: _f, to: _t, ...filters } = ctx.query;
  return hallStats(ctx.deps, { hallId: hall.id, from, to, ...filters });
}

const DESCRIPTION =
  'Counts by outcome, average and 90th-percentile wait (issue → first call) and service (start → complete) times, priority tickets against normal ones, the hourly load curve and the rating distribution. Tickets count in the period by their hall-local issue date; see docs/statistics.md for the definitions and the percentile resolution. A period may cover at most 400 days.';

export const statsRoutes = [
  route({
    method: 'get',
    path: '/api/v1/halls/:hallId/stats',
    tag: TAG,
    summary: 'Statistics (效能监管) of a period, optionally for one area, window or clerk',
    description: DESCRIPTION,
    auth: SUPERVISION,
    params: hallParams,
    query: statsQuery,
    response:
      '`{ hallId, timeZone, from, to, filters, seq, report: { issued, served, noShows, transfers, transferredTickets, cancelled, expired, open, wait, service, priority, normal, hourly, ratings }, appointments: { booked, cancelled, checkedIn, missed, pending, called, onTime, onTimeRate } }`; durations in ms',
    errors: ['not_found', 'invalid_config'],
    handler: async (ctx): Promise<StatsAnswer> => load(ctx),
  }),
  route({
    method: 'get',
    path: '/api/v1/halls/:hallId/stats.csv',
    tag: TAG,
    summary: 'The same statistics as CSV (UTF-8 with BOM, for Excel)',
    auth: SUPERVISION,
    params: hallParams,
    query: statsQuery,
    response: '`text/csv` attachment: figures, then the hourly curve, then the ratings',
    errors: ['not_found', 'invalid_config'],
    handler: async (ctx) => {
      const stats = await load(ctx);
      ctx.res
        .status(200)
        .type('text/csv; charset=utf-8')
        .attachment(`stats-${stats.hallId}-${stats.from}-${stats.to}.csv`)
        .send(statsCsv(stats));
      return SENT;
    },
  }),
];
