import type { Session, User } from '../../domain/index.js';
import { BEARER_SESSION_MS, USER_TOKEN_PREFIX, hashSecret } from '../auth/index.js';
import type { AppDeps } from '../deps.js';

/**
 * An API token for scripts and the clerk console on a shared PC: a bearer
 * session of the user, shown once; only its hash is stored.
 */
export async function createUserToken(
  deps: AppDeps,
  props: { user: User },
): Promise<{ token: string; expiresAt: number }> {
  const token = USER_TOKEN_PREFIX + deps.newSecret();
  const now = deps.now();
  const session: Session = {
    tokenHash: hashSecret(token),
    userId: props.user.id,
    kind: 'bearer',
    csrfToken: null,
    createdAt: now,
    expiresAt: now + BEARER_SESSION_MS,
  };
  await deps.store.createSession(session);
  return { token, expiresAt: session.expiresAt };
}
