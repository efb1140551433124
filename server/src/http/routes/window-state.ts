import { z } from 'zod';
import { changeWindowState, type WindowMove } from '../../app/index.js';
import { actor, principalOf, windowToActOn } from '../access.js';
import { HttpError, type ErrorCode } from '../errors.js';
import { route, type AnyRoute } from '../route.js';
import { id, noBody, reason, windowParams } from '../schemas/common.js';
import { WINDOW_STAFF } from './window-actions.js';

/** Opening, pausing, resuming and closing a window: the same people and keypads as the ticket buttons. */

const TAG = 'Window actions';

function stateAction<B extends z.ZodObject>(
  move: WindowMove,
  summary: string,
  body: B,
  example: z.input<B>,
  errors: ErrorCode[],
): AnyRoute {
  return route({
    method: 'post',
    path: `/api/v1/windows/:windowId/${move}`,
    tag: TAG,
    summary,
    auth: WINDOW_STAFF,
    params: windowParams,
    body,
    example,
    response: '`{ window }`',
    errors: ['not_found', 'invalid_state', ...errors],
    handler: async (ctx) => {
      const window = await windowToActOn(ctx, ctx.params.windowId);
      const input = ctx.body as { reason?: string; clerkId?: string };
      const p = principalOf(ctx);
      if (input.clerkId !== undefined) {
        if (p.kind === 'user' && p.user.role === 'clerk' && input.clerkId !== p.user.id) {
          throw new HttpError('forbidden', 'A clerk opens a window for themselves.');
        }
        if (!window.clerkIds.includes(input.clerkId)) {
          throw new HttpError('validation_failed', 'That clerk is not assigned to this window.', [
            { in: 'body', path: 'clerkId', message: 'not a clerk of this window' },
          ]);
        }
      }
      const updated = await changeWindowState(ctx.deps, {
        windowId: window.id,
        actor: actor(ctx),
        move,
        ...(input.reason !== undefined ? { reason: input.reason } : {}),
        ...(input.clerkId !== undefined ? { clerkId: input.clerkId } : {}),
      });
      return { window: updated };
    },
  });
}

export const windowStateRoutes: AnyRoute[] = [
  stateAction('open', 'Open the window (a clerk takes it)', z.strictObject({ clerkId: id.optional() }), {}, [
    'validation_failed',
    'conflict',
  ]),
  stateAction(
    'pause',
    'Pause the window; a reason is required',
    z.strictObject({ reason }),
    { reason: '午休' },
    ['conflict'],
  ),
  stateAction('resume', 'Resume a paused window', noBody, {}, ['conflict']),
  stateAction('close', 'Close the window; it must have no citizen at it', noBody, {}, [
    'window_busy',
    'conflict',
  ]),
];
