import { timingSafeEqual, randomInt } from 'node:crypto';
import { DomainError, SYSTEM, userChanged } from '../../domain/index.js';
import type { User } from '../../domain/index.js';
import type { AppDeps } from '../deps.js';
import { hashPassword } from './passwords.js';

/**
 * There is no default password. The first admin comes from the environment,
 * or from a one-time setup code printed at start while no user exists.
 */
export class FirstAdminSetup {
  private code: string | null = null;

  /** Returns the code to print, or null when an admin exists or was created from the environment. */
  async prepare(deps: AppDeps, env: { username?: string; password?: string }): Promise<string | null> {
    if ((await deps.store.countUsers()) > 0) return null;
    if (env.password) {
      await createAdmin(deps, env.username ?? 'admin', env.password);
      return null;
    }
    this.code = Array.from({ length: 8 }, () => randomInt(10)).join('');
    return this.code;
  }

  get pending(): boolean {
    return this.code !== null;
  }

  async complete(
    deps: AppDeps,
    props: { code: string; username: string; password: string; displayName?: string },
  ): Promise<User> {
    const code = this.code;
    const given = Buffer.from(props.code);
    if (code === null || given.length !== code.length || !timingSafeEqual(given, Buffer.from(code))) {
      throw new DomainError('not_found', 'The setup code is wrong or has been used.', {
        reason: 'bad_setup_code',
      });
    }
    if ((await deps.store.countUsers()) > 0) {
      this.code = null;
      throw new DomainError('conflict', 'Setup is already done.');
    }
    this.code = null;
    return createAdmin(deps, props.username, props.password, props.displayName);
  }
}

async function createAdmin(
  deps: AppDeps,
  username: string,
  password: string,
  displayName?: string,
): Promise<User> {
  const user: User = {
    id: deps.newId(),
    username,
    displayName: displayName ?? username,
    staffNo: '',
    role: 'admin',
    hallIds: [],
    passwordHash: await hashPassword(password),
    disabled: false,
    createdAt: deps.now(),
  };
  // An admin works in every hall, so each hall's log (if any yet) records it.
  const halls = (await deps.store.listHalls()).map((h) => h.id);
  const audit = userChanged(halls, { at: user.createdAt, actor: SYSTEM }, user, { action: 'created' });
  return (await deps.store.saveUser(user, audit)).user;
}
