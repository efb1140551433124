import { configChanged } from '../../domain/index.js';
import { z } from 'zod';
import {
  counterView,
  EVALUATION_LEVELS,
  EVALUATION_REASONS,
  EVALUATION_SETTING_KEY,
  evaluationSettings,
  rateAtWindow,
  rateByToken,
  ratingState,
  REASON_LABELS,
  requireHall,
  type RatingInput,
} from '../../app/index.js';
import type { Evaluation, EvaluationLevel } from '../../domain/index.js';
import { principalOf, requireHallAccess, windowToRead } from '../access.js';
import { HttpError } from '../errors.js';
import { route } from '../route.js';
import { hallParams, limitQuery, statusToken, windowParams } from '../schemas/common.js';

/**
 * 好差评 (issue 4): the counter display and evaluator at a window, the
 * citizen's rating by QR code, and the supervisors' list. People cannot rate:
 * a rating comes from the evaluator at the window or from the citizen's phone.
 */

const TAG = 'Ratings and counter display';
const COUNTER_DEVICES = ['display', 'evaluator'] as const;

const rating = z
  .strictObject({
    level: z.number().int().min(1).max(5),
    reasons: z.array(z.enum(EVALUATION_REASONS)).max(EVALUATION_REASONS.length).optional(),
    comment: z.string().max(500).optional(),
  })
  .refine((r) => r.level > 2 || (r.reasons?.length ?? 0) > 0, {
    message: '不满意 and 非常不满意 need at least one reason',
    path: ['reasons'],
  });

function input(body: z.output<typeof rating>): RatingInput {
  return {
    level: body.level as EvaluationLevel,
    reasons: [...new Set(body.reasons ?? [])],
    comment: body.comment ?? '',
  };
}

/** What a rating answer shows: no clerk id, nothing about the citizen. */
function presentEvaluation(e: Evaluation) {
  return { id: e.id, ticketId: e.ticketId, level: e.level, reasons: e.reasons, channel: e.channel, at: e.at };
}

const CHOICES = {
  levels: EVALUATION_LEVELS,
  reasons: EVALUATION_REASONS.map((code) => ({ code, ...REASON_LABELS[code] })),
};

export const evaluationRoutes = [
  route({
    method: 'get',
    path: '/api/v1/windows/:windowId/counter',
    tag: TAG,
    summary: "The counter display's view of its window: clerk, number served, ticket to rate",
    auth: { roles: ['admin', 'supervisor', 'clerk'], devices: COUNTER_DEVICES },
    params: windowParams,
    response:
      '`{ hall, window, clerk: { displayName, staffNo } | null, current: { number, status, service, calledAt } | null, evaluable: { ticketId, number, service, endedAt, until } | null, levels, reasons }`',
    errors: ['not_found'],
    handler: async (ctx) => {
      const window = await windowToRead(ctx, ctx.params.windowId);
      const p = principalOf(ctx);
      if (p.kind === 'device' && p.device.windowId !== window.id)
        throw new HttpError('forbidden', 'A counter display shows only its own window.');
      return { ...(await counterView(ctx.deps, { windowId: window.id })), ...CHOICES };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/windows/:windowId/evaluations',
    tag: TAG,
    summary: 'A rating on the evaluator at the window, for the ticket just completed there',
    description:
      "Only an evaluator or counter display bound to this window, only for the ticket completed last at it, within the hall's `evaluation.acceptMinutes` (default 10), once per ticket. Levels 1–2 (差评) need a reason.",
    // People pass the rule so bad input is answered as such; the handler refuses them.
    auth: { roles: ['admin', 'supervisor', 'clerk'], devices: COUNTER_DEVICES },
    params: windowParams,
    body: rating.and(z.object({ ticketId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id') })),
    example: { ticketId: 'ticket-id', level: 5 },
    status: 201,
    response: '`{ evaluation: { id, ticketId, level, reasons, channel, at } }`',
    errors: ['not_found', 'invalid_state', 'conflict'],
    handler: async (ctx) => {
      const window = await windowToRead(ctx, ctx.params.windowId);
      const p = principalOf(ctx);
      if (p.kind !== 'device' || p.device.windowId !== window.id)
        throw new HttpError('forbidden', 'Only the evaluator of this window takes its ratings.');
      const saved = await rateAtWindow(ctx.deps, {
        device: p.device,
        ticketId: ctx.body.ticketId,
        ...input(ctx.body),
      });
      return { evaluation: presentEvaluation(saved) };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/tickets/status/:token/evaluation',
    tag: TAG,
    summary: 'Whether the ticket of this QR code can be rated, and the levels and reasons to choose from',
    auth: 'public',
    rateLimited: true,
    params: z.strictObject({ token: statusToken }),
    response: '`{ canRate, rated, level, until, levels, reasons }`',
    errors: ['not_found'],
    handler: async (ctx) => ({
      ...(await ratingState(ctx.deps, { statusToken: ctx.params.token })),
      ...CHOICES,
    }),
  }),
  route({
    method: 'post',
    path: '/api/v1/tickets/status/:token/evaluation',
    tag: TAG,
    summary: "The citizen rates their served ticket from the QR code's page",
    description:
      "Within the hall's `evaluation.qrAcceptMinutes` (default one day) after the service, once per ticket (a rating made at the window counts). Staff credentials are refused: nobody rates on a citizen's behalf.",
    auth: 'public',
    rateLimited: true,
    params: z.strictObject({ token: statusToken }),
    body: rating,
    example: { level: 2, reasons: ['long_wait'], comment: '等了一个小时' },
    status: 201,
    response: '`{ evaluation: { id, ticketId, level, reasons, channel, at } }`',
    errors: ['not_found', 'invalid_state', 'conflict', 'forbidden'],
    handler: async (ctx) => {
      if (ctx.principal) {
        // An unknown code is not_found for anyone; a real one is refused to staff.
        await ratingState(ctx.deps, { statusToken: ctx.params.token });
        throw new HttpError('forbidden', "Staff and devices do not rate on a citizen's behalf.");
      }
      const saved = await rateByToken(ctx.deps, { statusToken: ctx.params.token, ...input(ctx.body) });
      return { evaluation: presentEvaluation(saved) };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/halls/:hallId/evaluations',
    tag: TAG,
    summary: "The hall's ratings, oldest first",
    auth: { roles: ['admin', 'supervisor'] },
    params: hallParams,
    query: z.strictObject({
      negative: z.enum(['true', 'false']).optional().describe('true: only 差评 (levels 1–2)'),
      limit: limitQuery.optional().describe('at most this many (1–1000), default 500'),
    }),
    response: '`{ evaluations: [evaluation] }`',
    errors: ['not_found'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      const hall = await requireHall(ctx.deps, ctx.params.hallId);
      const evaluations = await ctx.deps.store.listEvaluations(hall.id, {
        limit: ctx.query.limit ?? 500,
        ...(ctx.query.negative === 'true' ? { levels: [1, 2] as EvaluationLevel[] } : {}),
      });
      return { evaluations };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/halls/:hallId/evaluation-settings',
    tag: TAG,
    summary: 'How long after a service it can be rated, at the window and by QR code',
    auth: { roles: ['admin', 'supervisor'] },
    params: hallParams,
    response: '`{ acceptMinutes, qrAcceptMinutes }`',
    errors: ['not_found'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      const hall = await requireHall(ctx.deps, ctx.params.hallId);
      return evaluationSettings(ctx.deps, hall.id);
    },
  }),
  route({
    method: 'put',
    path: '/api/v1/halls/:hallId/evaluation-settings',
    tag: TAG,
    summary: 'Set how long after a service it can be rated',
    auth: { roles: ['admin'] },
    params: hallParams,
    body: z.strictObject({
      acceptMinutes: z.number().int().min(1).max(120),
      qrAcceptMinutes: z
        .number()
        .int()
        .min(1)
        .max(7 * 24 * 60),
    }),
    example: { acceptMinutes: 10, qrAcceptMinutes: 1440 },
    response: '`{ acceptMinutes, qrAcceptMinutes }`',
    errors: ['not_found'],
    handler: async (ctx) => {
      const p = requireHallAccess(ctx, ctx.params.hallId);
      const hall = await requireHall(ctx.deps, ctx.params.hallId);
      const actorId = p.kind === 'user' ? p.user.id : p.device.id;
      await ctx.deps.store.saveHallSetting(hall.id, EVALUATION_SETTING_KEY, ctx.body, ctx.deps.now(), [
        configChanged(
          { hallId: hall.id, at: ctx.deps.now(), actor: { type: p.kind, id: actorId } },
          {
            entity: 'setting',
            action: 'updated',
            subjectId: EVALUATION_SETTING_KEY,
            fields: Object.keys(ctx.body),
          },
        ),
      ]);
      return evaluationSettings(ctx.deps, hall.id);
    },
  }),
];
