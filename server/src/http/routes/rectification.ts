import { z } from 'zod';
import {
  appealCase,
  assignCase,
  closeCase,
  decideCaseAppeal,
  getRectificationSettings,
  recordCaseContact,
  requireCase,
  requireHall,
  saveRectificationSettings,
} from '../../app/index.js';
import {
  CONTACT_CHANNELS,
  RECTIFICATION_STATUSES,
  canDecideAppeal,
  isOverdue,
  type RectificationCase,
} from '../../domain/rectification/index.js';
import { actor, requireHallAccess } from '../access.js';
import { HttpError, type ErrorCode } from '../errors.js';
import { route, type AnyRoute } from '../route.js';
import { csv, hallParams, id, limitQuery } from '../schemas/common.js';

/**
 * 好差评 follow-up: every 差评 has a case, named by its ticket. Supervisors
 * and admins of the hall assign it, record the contact with the citizen and
 * the rectification, and close it; an appeal (申诉) needs a second person.
 */

const SUPERVISION = { roles: ['admin', 'supervisor'] } as const;
const TAG = 'Rectification (整改)';
const BASE = '/api/v1/halls/:hallId/rectifications';

const caseParams = z.strictObject({ hallId: id, ticketId: id });
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

/** The case as stored, plus whether it is past its deadline now. */
function present(c: RectificationCase, now: number) {
  return { ...c, overdue: isOverdue(c, now) };
}

function caseAction<B extends z.ZodType>(spec: {
  path: string;
  summary: string;
  description?: string;
  body: B;
  example: z.input<B>;
  errors?: ErrorCode[];
  act: (
    ctx: { hallId: string; ticketId: string; body: z.output<B> },
    deps: Parameters<typeof closeCase>[0],
    who: ReturnType<typeof actor>,
  ) => Promise<RectificationCase>;
}): AnyRoute {
  return route({
    method: 'post',
    path: `${BASE}/:ticketId/${spec.path}`,
    tag: TAG,
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    auth: SUPERVISION,
    params: caseParams,
    body: spec.body,
    example: spec.example,
    response: '`{ rectification }`',
    errors: ['not_found', 'invalid_state', 'conflict', ...(spec.errors ?? [])],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      const c = await spec.act({ ...ctx.params, body: ctx.body }, ctx.deps, actor(ctx));
      return { rectification: present(c, ctx.deps.now()) };
    },
  });
}

const listQuery = z.strictObject({
  status: csv(z.enum(RECTIFICATION_STATUSES)).optional().describe('e.g. `open,assigned`'),
  overdue: z.enum(['true']).optional().describe('`true`: only active cases past their deadline'),
  windowId: id.optional(),
  clerkId: id.optional(),
  assigneeId: id.optional(),
  limit: limitQuery.optional(),
});

export const rectificationRoutes: AnyRoute[] = [
  route({
    method: 'get',
    path: BASE,
    tag: TAG,
    summary: 'Cases of the hall, oldest first, with filters',
    auth: SUPERVISION,
    params: hallParams,
    query: listQuery,
    response: '`{ rectifications: [rectification] }`; each with `overdue`',
    errors: ['not_found'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      const hall = await requireHall(ctx.deps, ctx.params.hallId);
      const now = ctx.deps.now();
      const q = ctx.query;
      const list = await ctx.deps.store.listRectifications(hall.id, {
        ...(q.status ? { statuses: q.status } : {}),
        ...(q.overdue ? { overdueAt: now } : {}),
        ...(q.windowId ? { windowId: q.windowId } : {}),
        ...(q.clerkId ? { clerkId: q.clerkId } : {}),
        ...(q.assigneeId ? { assigneeId: q.assigneeId } : {}),
        ...(q.limit ? { limit: q.limit } : {}),
      });
      return { rectifications: list.map((c) => present(c, now)) };
    },
  }),
  route({
    method: 'get',
    path: `${BASE}/:ticketId`,
    tag: TAG,
    summary: "The case of a ticket's 差评, with its contacts, appeal and audit state",
    auth: SUPERVISION,
    params: caseParams,
    response: '`{ rectification }`',
    errors: ['not_found'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      const c = await requireCase(ctx.deps, ctx.params.hallId, ctx.params.ticketId);
      return { rectification: present(c, ctx.deps.now()) };
    },
  }),
  caseAction({
    path: 'assign',
    summary: 'Assign (or reassign) the case to a person of the hall',
    body: z.strictObject({ assigneeId: id }),
    example: { assigneeId: 'user-id' },
    act: (p, deps, who) => assignCase(deps, { ...p, actor: who, assigneeId: p.body.assigneeId }),
  }),
  caseAction({
    path: 'contact',
    summary: 'Record a contact with the citizen (回访)',
    body: z.strictObject({ channel: z.enum(CONTACT_CHANNELS), note: text(1000) }),
    example: { channel: 'phone', note: '已电话回访，群众对解释表示理解' },
    act: (p, deps, who) => recordCaseContact(deps, { ...p, actor: who, ...p.body }),
  }),
  caseAction({
    path: 'close',
    summary: 'Close the case with what was rectified (needs a recorded contact)',
    body: z.strictObject({ rectification: text(2000) }),
    example: { rectification: '窗口人员已接受业务培训，补充一次性告知清单' },
    act: (p, deps, who) => closeCase(deps, { ...p, actor: who, rectification: p.body.rectification }),
  }),
  caseAction({
    path: 'appeal',
    summary: 'Appeal (申诉) a rating believed mistaken or malicious; once per case',
    body: z.strictObject({ reason: text(1000) }),
    example: { reason: '评价人误按，现场录像显示业务已办结且无争议' },
    act: (p, deps, who) => appealCase(deps, { ...p, actor: who, reason: p.body.reason }),
  }),
  caseAction({
    path: 'decide-appeal',
    summary: 'Approve or reject an appeal: a second person, not the one who filed it',
    description:
      'Approved: the case is voided. Rejected: it returns to the state it had before the appeal. The person who filed the appeal is refused with 403 `forbidden`.',
    body: z.strictObject({ decision: z.enum(['approved', 'rejected']), note: text(1000) }),
    example: { decision: 'approved', note: '经核查录像，同意申诉' },
    errors: ['forbidden'],
    act: async (p, deps, who) => {
      const c = await requireCase(deps, p.hallId, p.ticketId);
      if (c.status === 'appealed' && !canDecideAppeal(c, who.id)) {
        throw new HttpError(
          'forbidden',
          'An appeal must be decided by a second person, not the one who filed it.',
        );
      }
      return decideCaseAppeal(deps, { ...p, actor: who, ...p.body });
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/halls/:hallId/rectification-settings',
    tag: TAG,
    summary: 'How many working days a 差评 may take to rectify',
    auth: SUPERVISION,
    params: hallParams,
    response: '`{ settings: { deadlineWorkingDays } }` (default 5)',
    errors: ['not_found'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      const hall = await requireHall(ctx.deps, ctx.params.hallId);
      return { settings: await getRectificationSettings(ctx.deps, hall.id) };
    },
  }),
  route({
    method: 'put',
    path: '/api/v1/halls/:hallId/rectification-settings',
    tag: TAG,
    summary: 'Set the deadline in working days of the hall calendar (applies to cases opened afterwards)',
    auth: { roles: ['admin'] },
    params: hallParams,
    body: z.strictObject({ deadlineWorkingDays: z.number().int().min(1).max(60) }),
    example: { deadlineWorkingDays: 5 },
    response: '`{ settings }`',
    errors: ['not_found', 'invalid_config'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      const settings = await saveRectificationSettings(ctx.deps, {
        hallId: ctx.params.hallId,
        settings: ctx.body,
        actor: actor(ctx),
      });
      return { settings };
    },
  }),
];
