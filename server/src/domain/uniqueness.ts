import type { User } from './entities.js';
import type { Service, ServiceWindow } from './types.js';

/**
 * What must be unique among saved configuration. The use cases check these
 * before a write; a store keeps a unique index only as the safety net for
 * two saves racing, and refuses the later one with `conflict`.
 */

/** The other matter of the hall already using `s`'s code (事项编码), if any. */
export function serviceCodeClash<S extends Pick<Service, 'id' | 'code'>>(
  s: Pick<Service, 'id' | 'code'>,
  siblings: readonly S[],
): S | null {
  return siblings.find((o) => o.id !== s.id && o.code === s.code) ?? null;
}

/** The other window of the hall already using `w`'s number, if any. */
export function windowNumberClash<W extends Pick<ServiceWindow, 'id' | 'number'>>(
  w: Pick<ServiceWindow, 'id' | 'number'>,
  siblings: readonly W[],
): W | null {
  return siblings.find((o) => o.id !== w.id && o.number === w.number) ?? null;
}

/** The other account already using `u`'s username (usernames are unique across the hub), if any. */
export function usernameClash<U extends Pick<User, 'id' | 'username'>>(
  u: Pick<User, 'id' | 'username'>,
  others: readonly U[],
): U | null {
  return others.find((o) => o.id !== u.id && o.username === u.username) ?? null;
}
