import { canAccessHall, createUser, deleteUser, updateUser, type Principal } from '../../app/index.js';
import { DomainError } from '../../domain/index.js';
import type { User } from '../../domain/index.js';
import { actor, principalOf } from '../access.js';
import { HttpError } from '../errors.js';
import { presentUser } from '../presenters/people.js';
import { route } from '../route.js';
import { nonEmpty, userParams } from '../schemas/common.js';
import { userInput, userPatch } from '../schemas/config.js';

/** Staff accounts. Answers never carry a password hash. */

const ADMIN = { roles: ['admin'] } as const;
const TAG = 'Users';

/**
 * An admin of some halls runs the staff of those halls only; accounts of every
 * hall (hub admins) are for hub admins, or a hall admin could take the hub over.
 */
function manages(p: Principal, hallIds: readonly string[]): boolean {
  if (hallIds.length === 0) return p.kind === 'user' && p.user.hallIds.length === 0;
  return hallIds.every((h) => canAccessHall(p, h));
}

function requireManaged(p: Principal, hallIds: readonly string[]): void {
  if (!manages(p, hallIds)) throw new HttpError('forbidden', 'That account is not of your halls.');
}

async function managedUser(ctx: Parameters<typeof principalOf>[0], userId: string): Promise<User> {
  const user = await ctx.deps.store.getUser(userId);
  if (!user) throw new DomainError('not_found', `No user ${userId}.`);
  requireManaged(principalOf(ctx), user.hallIds);
  return user;
}

/** Live connections were scoped by role and halls: a change to either must not leave them as they were. */
function sameScope(a: User, b: User): boolean {
  const halls = (u: User) => [...u.hallIds].sort().join(',');
  return a.role === b.role && halls(a) === halls(b);
}

export const userRoutes = [
  route({
    method: 'get',
    path: '/api/v1/users',
    tag: TAG,
    summary: 'All staff accounts',
    auth: ADMIN,
    response: '`{ users: [user] }`',
    errors: [],
    handler: async (ctx) => {
      const p = principalOf(ctx);
      const users = (await ctx.deps.store.listUsers()).filter((u) => manages(p, u.hallIds));
      return { users: users.map(presentUser) };
    },
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
    handler: async (ctx) => {
      requireManaged(principalOf(ctx), ctx.body.hallIds ?? []);
      return { user: presentUser(await createUser(ctx.deps, { input: ctx.body, actor: actor(ctx) })) };
    },
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
    handler: async (ctx) => ({ user: presentUser(await managedUser(ctx, ctx.params.userId)) }),
  }),
  route({
    method: 'patch',
    path: '/api/v1/users/:userId',
    tag: TAG,
    summary:
      'Change an account; a new password or `disabled: true` ends its sessions and live connections; a new role or halls ends its live connections',
    auth: ADMIN,
    params: userParams,
    body: nonEmpty(userPatch),
    example: { disabled: true },
    response: '`{ user }`',
    errors: ['not_found', 'invalid_config', 'conflict'],
    handler: async (ctx) => {
      const { deps, options, params, body } = ctx;
      const before = await managedUser(ctx, params.userId);
      if (body.hallIds !== undefined) requireManaged(principalOf(ctx), body.hallIds);
      const user = await updateUser(deps, { userId: params.userId, patch: body, actor: actor(ctx) });
      if (body.password !== undefined || user.disabled || !sameScope(before, user))
        options.realtime.disconnectUser(user.id);
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
      await managedUser(ctx, ctx.params.userId);
      await deleteUser(ctx.deps, { userId: ctx.params.userId, actor: actor(ctx) });
      ctx.options.realtime.disconnectUser(ctx.params.userId);
      return undefined;
    },
  }),
];
