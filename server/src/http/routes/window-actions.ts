import { z } from 'zod';
import {
  callBackTicket,
  callNext,
  callSpecific,
  completeTicket,
  holdTicket,
  markNoShow,
  recallTicket,
  startService,
  transferTicket,
} from '../../app/index.js';
import type { ErrorCode } from '../errors.js';
import { actor, windowToActOn } from '../access.js';
import { presentTicket } from '../presenters/tickets.js';
import { route, type AnyRoute } from '../route.js';
import { id, noBody, reason, ticketNumber, windowParams } from '../schemas/common.js';

/**
 * The clerk's buttons for the ticket at the window. People act on windows assigned to them (supervisors
 * and admins on any window of their halls); a keypad only on its own window.
 */

export const WINDOW_STAFF = { roles: ['admin', 'supervisor', 'clerk'], devices: ['keypad'] } as const;
const TAG = 'Window actions';

function ticketAction(
  path: string,
  summary: string,
  errors: ErrorCode[],
  act: typeof recallTicket,
): AnyRoute {
  return route({
    method: 'post',
    path: `/api/v1/windows/:windowId/${path}`,
    tag: TAG,
    summary,
    auth: WINDOW_STAFF,
    params: windowParams,
    body: noBody,
    example: {},
    response: '`{ ticket }`',
    errors: ['not_found', ...errors],
    handler: async (ctx) => {
      const window = await windowToActOn(ctx, ctx.params.windowId);
      return { ticket: presentTicket(await act(ctx.deps, { windowId: window.id, actor: actor(ctx) })) };
    },
  });
}

export const windowActionRoutes: AnyRoute[] = [
  route({
    method: 'post',
    path: '/api/v1/windows/:windowId/call-next',
    tag: TAG,
    summary: 'Call the next eligible ticket',
    description:
      'A repeat within the hall\'s `idempotencyMs` (default 2 s) answers with the same ticket and `outcome: "repeated"`; it never skips a citizen. If the window still has a ticket, the hall rule `completeOnNext` finishes it first.',
    auth: WINDOW_STAFF,
    params: windowParams,
    body: noBody,
    example: {},
    response: '`{ outcome: "called" | "repeated" | "empty", ticket | null }`',
    errors: ['not_found', 'window_not_open', 'window_busy', 'conflict'],
    handler: async (ctx) => {
      const window = await windowToActOn(ctx, ctx.params.windowId);
      const result = await callNext(ctx.deps, { windowId: window.id, actor: actor(ctx) });
      return { outcome: result.outcome, ticket: result.ticket ? presentTicket(result.ticket) : null };
    },
  }),
  ticketAction(
    'recall',
    'Call the current ticket again',
    ['window_has_no_ticket', 'invalid_state', 'recall_limit_reached', 'conflict'],
    recallTicket,
  ),
  ticketAction(
    'start',
    'The citizen has come: start serving',
    ['window_has_no_ticket', 'invalid_state', 'conflict'],
    startService,
  ),
  ticketAction(
    'complete',
    'Service done',
    ['window_has_no_ticket', 'invalid_state', 'conflict'],
    completeTicket,
  ),
  ticketAction(
    'no-show',
    'The called citizen did not come (过号)',
    ['window_has_no_ticket', 'invalid_state', 'conflict'],
    markNoShow,
  ),
  route({
    method: 'post',
    path: '/api/v1/windows/:windowId/hold',
    tag: TAG,
    summary: 'Set the ticket being served aside (挂起) while the citizen fetches something',
    auth: WINDOW_STAFF,
    params: windowParams,
    body: z.strictObject({ reason }),
    example: { reason: '缺少户口本' },
    response: '`{ ticket }`',
    errors: ['not_found', 'window_has_no_ticket', 'invalid_state', 'conflict'],
    handler: async (ctx) => {
      const window = await windowToActOn(ctx, ctx.params.windowId);
      const t = await holdTicket(ctx.deps, {
        windowId: window.id,
        actor: actor(ctx),
        reason: ctx.body.reason,
      });
      return { ticket: presentTicket(t) };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/windows/:windowId/call-back',
    tag: TAG,
    summary: 'Call a ticket held at this window back (回呼), ahead of the queue',
    auth: WINDOW_STAFF,
    params: windowParams,
    body: z.strictObject({ ticketId: id }),
    example: { ticketId: 'ticket-id' },
    response: '`{ ticket }`',
    errors: ['not_found', 'invalid_state', 'window_not_open', 'window_busy', 'conflict'],
    handler: async (ctx) => {
      const window = await windowToActOn(ctx, ctx.params.windowId);
      const t = await callBackTicket(ctx.deps, {
        windowId: window.id,
        actor: actor(ctx),
        ticketId: ctx.body.ticketId,
      });
      return { ticket: presentTicket(t) };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/windows/:windowId/transfer',
    tag: TAG,
    summary: "Transfer the window's ticket to another matter and/or window; it keeps its issue time",
    auth: WINDOW_STAFF,
    params: windowParams,
    body: z
      .strictObject({ serviceId: id.optional(), targetWindowId: id.optional(), reason })
      .refine((b) => b.serviceId !== undefined || b.targetWindowId !== undefined, {
        message: 'name serviceId or targetWindowId',
      }),
    example: { serviceId: 'service-id', reason: '需到不动产窗口办理' },
    response: '`{ ticket }` (waiting again)',
    errors: ['not_found', 'window_has_no_ticket', 'invalid_state', 'invalid_transfer', 'conflict'],
    handler: async (ctx) => {
      const window = await windowToActOn(ctx, ctx.params.windowId);
      const t = await transferTicket(ctx.deps, {
        windowId: window.id,
        actor: actor(ctx),
        reason: ctx.body.reason,
        ...(ctx.body.serviceId !== undefined ? { serviceId: ctx.body.serviceId } : {}),
        ...(ctx.body.targetWindowId !== undefined ? { targetWindowId: ctx.body.targetWindowId } : {}),
      });
      return { ticket: presentTicket(t) };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/windows/:windowId/call-number',
    tag: TAG,
    summary: "Call a specific waiting ticket by today's number",
    auth: WINDOW_STAFF,
    params: windowParams,
    body: z.strictObject({ number: ticketNumber }),
    example: { number: 'A023' },
    response: '`{ ticket }`',
    errors: ['not_found', 'invalid_state', 'window_not_open', 'window_busy', 'conflict'],
    handler: async (ctx) => {
      const window = await windowToActOn(ctx, ctx.params.windowId);
      const t = await callSpecific(ctx.deps, {
        windowId: window.id,
        actor: actor(ctx),
        number: ctx.body.number,
      });
      return { ticket: presentTicket(t) };
    },
  }),
];
