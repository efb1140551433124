import type { Session, User } from '../../domain/index.js';
import { BEARER_SESSION_MS, USER_TOKEN_PREFIX, hashSecret } from '../auth/index.js';
import type { AppDeps } from '../deps.js';
import { userAudit } from './users.js';

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
  // Issuing a credential is audited like a device token, in the same step.
  await deps.store.createSession(
    session,
    await userAudit(deps, [props.user], { type: 'user', id: props.user.id }, { action: 'token_issued' }),
  );
  return { token, expiresAt: session.expiresAt };
}
