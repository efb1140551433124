import { DomainError } from '../../domain/index.js';
import type { Session, User } from '../../domain/index.js';
import type { AppDeps } from '../deps.js';
import { hashSecret, verifyPassword } from './passwords.js';
import { USER_TOKEN_PREFIX } from './principals.js';

const DAY = 24 * 60 * 60_000;
/** A working day and a bit: clerks log in each morning. */
export const COOKIE_SESSION_MS = 12 * 60 * 60_000;
export const BEARER_SESSION_MS = 90 * DAY;

export interface LoginResult {
  user: User;
  /** The secret for the cookie or the Authorization header; only its hash is stored. */
  secret: string;
  session: Session;
}

/** Same answer and similar time for an unknown user and a wrong password. */
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export async function login(
  deps: AppDeps,
  props: { username: string; password: string; kind: Session['kind'] },
): Promise<LoginResult> {
  const user = await deps.store.getUserByUsername(props.username);
  const ok = await verifyPassword(props.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || user.disabled) {
    throw new DomainError('not_found', 'Wrong username or password.', { reason: 'bad_credentials' });
  }
  const secret = USER_TOKEN_PREFIX + deps.newSecret();
  const now = deps.now();
  const session: Session = {
    tokenHash: hashSecret(secret),
    userId: user.id,
    kind: props.kind,
    csrfToken: props.kind === 'cookie' ? deps.newSecret() : null,
    createdAt: now,
    expiresAt: now + (props.kind === 'cookie' ? COOKIE_SESSION_MS : BEARER_SESSION_MS),
  };
  await deps.store.createSession(session);
  return { user, secret, session };
}

export async function logout(deps: AppDeps, secret: string): Promise<void> {
  await deps.store.deleteSession(hashSecret(secret));
}
