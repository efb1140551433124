import { createUser, deleteUser, updateUser } from '../../app/index.js';
import { DomainError } from '../../domain/index.js';
import { actor } from '../access.js';
import { presentUser } from '../presenters/people.js';
import { route } from '../route.js';
import { nonEmpty, userParams } from '../schemas/common.js';
import { userInput, userPatch } from '../schemas/config.js';

/** Staff accounts. Answers never carry a password hash. */

const ADMIN = { roles: ['admin'] } as const;
const TAG = 'Users';

export const userRoutes = [
  route({
    method: 'get',
    path: '/api/v1/users',
    tag: TAG,
    summary: 'All staff accounts',
    auth: ADMIN,
    response: '`{ users: [user] }`',
    errors: [],
    handler: async ({ deps }) => ({ users: (await deps.store.listUsers()).map(presentUser) }),
  }),
  route({
    method: 'post',
    path: '/api/v1/users',
    tag: TAG,
    summary: 'Create a staff account (clerks and supervisors need at least one hall)',
    auth: ADMIN,
    body: userInput,
    example: {
      username: 'clerk3',
      password: 'a long passphrase',
      role: 'clerk',
      displayName: '王芳',
      staffNo: '0303',
      hallIds: ['hall-id'],
    },
    status: 201,
    response: '`{ user }`',
    errors: ['invalid_config', 'conflict'],
    handler: async ({ deps, body }) => ({ user: presentUser(await createUser(deps, { input: body })) }),
  }),
  route({
    method: 'get',
    path: '/api/v1/users/:userId',
    tag: TAG,
    summary: 'One staff account',
    auth: ADMIN,
    params: userParams,
    response: '`{ user }`',
    errors: ['not_found'],
    handler: async ({ deps, params }) => {
      const user = await deps.store.getUser(params.userId);
      if (!user) throw new DomainError('not_found', `No user ${params.userId}.`);
      return { user: presentUser(user) };
    },
  }),
  route({
    method: 'patch',
    path: '/api/v1/users/:userId',
    tag: TAG,
    summary: 'Change an account; a new password or `disabled: true` ends its sessions and live connections',
    auth: ADMIN,
    params: userParams,
    body: nonEmpty(userPatch),
    example: { disabled: true },
    response: '`{ user }`',
    errors: ['not_found', 'invalid_config', 'conflict'],
    handler: async ({ deps, options, params, body }) => {
      const user = await updateUser(deps, { userId: params.userId, patch: body });
      if (body.password !== undefined || user.disabled) options.realtime.disconnectUser(user.id);
      return { user: presentUser(user) };
    },
  }),
  route({
    method: 'delete',
    path: '/api/v1/users/:userId',
    tag: TAG,
    summary: 'Delete an account (not your own, not the last admin); windows forget it as a clerk',
    auth: ADMIN,
    params: userParams,
    status: 204,
    response: 'nothing',
    errors: ['not_found', 'conflict'],
    handler: async (ctx) => {
      await deleteUser(ctx.deps, { userId: ctx.params.userId, actor: actor(ctx) });
      ctx.options.realtime.disconnectUser(ctx.params.userId);
      return undefined;
    },
  }),
];
