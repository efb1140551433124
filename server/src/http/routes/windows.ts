import { createWindow, deleteWindow, requireHall, requireOwnWindow, updateWindow } from '../../app/index.js';
import { actor, requireHallAccess } from '../access.js';
import { route } from '../route.js';
import { hallParams, hallWindowParams, nonEmpty } from '../schemas/common.js';
import { windowInput } from '../schemas/config.js';

/** Window configuration: kind, what it serves, who works it. State changes are window actions. */

const ADMIN = { roles: ['admin'] } as const;
const TAG = 'Windows (configuration)';

export const windowRoutes = [
  route({
    method: 'get',
    path: '/api/v1/halls/:hallId/windows',
    tag: TAG,
    summary: "The hall's windows with their state",
    auth: 'principal',
    params: hallParams,
    response: '`{ windows: [window] }`',
    errors: ['not_found'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      const hall = await requireHall(ctx.deps, ctx.params.hallId);
      return { windows: await ctx.deps.store.listWindows(hall.id) };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/halls/:hallId/windows',
    tag: TAG,
    summary: 'Add a window (it starts closed)',
    description:
      '`serviceIds` must be matters of this hall; `clerkIds` users who work in this hall; a `domain` window needs `domains`.',
    auth: ADMIN,
    params: hallParams,
    body: windowInput,
    example: {
      number: 3,
      name: '社保医保窗口',
      kind: 'domain',
      domains: ['社保', '医保'],
      overflow: true,
      clerkIds: ['user-id'],
    },
    status: 201,
    response: '`{ window }`',
    errors: ['not_found', 'invalid_config', 'conflict'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      return {
        window: await createWindow(ctx.deps, {
          hallId: ctx.params.hallId,
          input: ctx.body,
          actor: actor(ctx),
        }),
      };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/halls/:hallId/windows/:windowId',
    tag: TAG,
    summary: 'One window',
    auth: 'principal',
    params: hallWindowParams,
    response: '`{ window }`',
    errors: ['not_found'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      return { window: await requireOwnWindow(ctx.deps, ctx.params.hallId, ctx.params.windowId) };
    },
  }),
  route({
    method: 'patch',
    path: '/api/v1/halls/:hallId/windows/:windowId',
    tag: TAG,
    summary: "Change a window's configuration (its state is kept)",
    auth: ADMIN,
    params: hallWindowParams,
    body: nonEmpty(windowInput.partial()),
    example: { clerkIds: ['user-id'] },
    response: '`{ window }`',
    errors: ['not_found', 'invalid_config', 'conflict'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      const { hallId, windowId } = ctx.params;
      return {
        window: await updateWindow(ctx.deps, { hallId, windowId, patch: ctx.body, actor: actor(ctx) }),
      };
    },
  }),
  route({
    method: 'delete',
    path: '/api/v1/halls/:hallId/windows/:windowId',
    tag: TAG,
    summary: 'Delete a window with no citizen at it, no held ticket and no device bound to it',
    auth: ADMIN,
    params: hallWindowParams,
    status: 204,
    response: 'nothing',
    errors: ['not_found', 'conflict'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      await deleteWindow(ctx.deps, { ...ctx.params, actor: actor(ctx) });
      return undefined;
    },
  }),
];
