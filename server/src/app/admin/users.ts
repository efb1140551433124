import {
  DomainError,
  SYSTEM,
  userChanged,
  usernameClash,
  type Actor,
  type NewEvent,
} from '../../domain/index.js';
import type { Role, User } from '../../domain/index.js';
import { hashPassword } from '../auth/index.js';
import type { AppDeps } from '../deps.js';
import { audited } from './audit.js';
import { Issues } from './checks.js';

/**
 * Staff accounts. Changing a password or disabling a user ends their
 * sessions; the hub never runs without an enabled admin. Every change is
 * audited in the log of each hall the account works in (`userChanged`), in
 * the same atomic step as the change.
 */

export interface UserInput {
  username: string;
  password: string;
  role: Role;
  displayName?: string;
  staffNo?: string;
  hallIds?: string[];
  disabled?: boolean;
}

export type UserPatch = Partial<Omit<UserInput, 'username'>>;

async function checkUser(deps: AppDeps, u: User): Promise<void> {
  const halls = new Set((await deps.store.listHalls()).map((h) => h.id));
  const issues = new Issues();
  u.hallIds.forEach((id, i) => {
    if (!halls.has(id)) issues.add('user', `user.hallIds.${i}`, `no hall ${id}.`);
  });
  if (u.role !== 'admin' && u.hallIds.length === 0)
    issues.add('user', 'user.hallIds', `a ${u.role} needs at least one hall.`);
  issues.throwIfAny('The user is not valid');
}

async function requireUser(deps: AppDeps, userId: string): Promise<User> {
  const u = await deps.store.getUser(userId);
  if (!u) throw new DomainError('not_found', `No user ${userId}.`, { userId });
  return u;
}

/**
 * The audit of a change to the accounts (before and after it): one event per
 * existing hall either works in, every hall for an admin who works in all.
 * A hub with no hall yet (its first admin) has no log to write to.
 */
export async function userAudit(
  deps: AppDeps,
  accounts: readonly User[],
  actor: Actor,
  change: Parameters<typeof userChanged>[3],
): Promise<NewEvent[]> {
  const halls = (await deps.store.listHalls()).map((h) => h.id);
  const all = accounts.some((u) => u.role === 'admin' && u.hallIds.length === 0);
  const named = new Set(accounts.flatMap((u) => u.hallIds));
  const hallIds = halls.filter((id) => all || named.has(id));
  const [user] = accounts;
  if (!user) return [];
  return userChanged(hallIds, { at: deps.now(), actor }, user, change);
}

/** Which fields of an account a change touched, for the audit trail (`password`, never its hash). */
function changedFields(before: User, after: User, password: boolean): string[] {
  const keys = ['displayName', 'staffNo', 'role', 'disabled'] as const;
  const fields: string[] = keys.filter((k) => before[k] !== after[k]);
  if (before.hallIds.join() !== after.hallIds.join()) fields.push('hallIds');
  if (password) fields.push('password');
  return fields;
}

async function keepAnAdmin(deps: AppDeps, leaving: User): Promise<void> {
  const others = (await deps.store.listUsers()).filter(
    (u) => u.id !== leaving.id && u.role === 'admin' && !u.disabled,
  );
  if (others.length === 0)
    throw new DomainError('conflict', 'This is the last enabled admin; create another first.');
}

export async function createUser(deps: AppDeps, props: { input: UserInput; actor?: Actor }): Promise<User> {
  const { input } = props;
  const user: User = {
    id: deps.newId(),
    username: input.username,
    displayName: input.displayName ?? input.username,
    staffNo: input.staffNo ?? '',
    role: input.role,
    hallIds: [...new Set(input.hallIds ?? [])],
    passwordHash: '',
    disabled: input.disabled ?? false,
    createdAt: deps.now(),
  };
  const taken = await deps.store.getUserByUsername(input.username);
  if (usernameClash(user, taken ? [taken] : [])) {
    throw new DomainError('conflict', `The username ${input.username} is taken.`);
  }
  await checkUser(deps, user);
  const audit = await userAudit(deps, [user], props.actor ?? SYSTEM, { action: 'created' });
  const { user: saved } = await deps.store.saveUser(
    { ...user, passwordHash: await hashPassword(input.password) },
    audit,
  );
  return saved;
}

export async function updateUser(
  deps: AppDeps,
  props: { userId: string; patch: UserPatch; actor?: Actor },
): Promise<User> {
  const current = await requireUser(deps, props.userId);
  const { password, ...rest } = props.patch;
  const user: User = { ...current, ...rest, hallIds: [...new Set(rest.hallIds ?? current.hallIds)] };
  await checkUser(deps, user);
  const losesAdmin =
    current.role === 'admin' && !current.disabled && (user.role !== 'admin' || user.disabled);
  if (losesAdmin) await keepAnAdmin(deps, current);
  const audit = await userAudit(deps, [user, current], props.actor ?? SYSTEM, {
    action: 'updated',
    fields: changedFields(current, user, password !== undefined),
  });
  const { user: saved } = await deps.store.saveUser(
    password === undefined ? user : { ...user, passwordHash: await hashPassword(password) },
    audit,
  );
  if (password !== undefined || user.disabled) await deps.store.deleteUserSessions(user.id);
  return saved;
}

/** Removes the user everywhere: sessions end and windows forget them as a clerk. */
export async function deleteUser(deps: AppDeps, props: { userId: string; actor?: Actor }): Promise<void> {
  const user = await requireUser(deps, props.userId);
  if (props.actor?.type === 'user' && props.actor.id === user.id) {
    throw new DomainError('conflict', 'You cannot delete your own account.');
  }
  if (user.role === 'admin' && !user.disabled) await keepAnAdmin(deps, user);
  for (const hall of await deps.store.listHalls()) {
    const windows = (await deps.store.listWindows(hall.id)).filter((w) => w.clerkIds.includes(user.id));
    if (windows.length === 0) continue;
    await audited(deps, hall.id, props.actor ?? SYSTEM, async (audit) => {
      for (const w of windows) {
        await deps.store.saveWindow(
          { ...w, clerkIds: w.clerkIds.filter((id) => id !== user.id) },
          audit(
            {
              entity: 'window',
              action: 'updated',
              subjectId: w.id,
              label: String(w.number),
              fields: ['clerkIds'],
            },
            w.id,
          ),
        );
      }
    });
  }
  await deps.store.deleteUserSessions(user.id);
  await deps.store.deleteUser(
    user.id,
    await userAudit(deps, [user], props.actor ?? SYSTEM, { action: 'deleted' }),
  );
}
