import type { AppDeps } from '../deps.js';

/**
 * Whether a keypad is reachable now. A keypad on the hub machine is known
 * from the driver (attached / detached); one behind a keypad agent from the
 * agent's heartbeats. Kept in the store (a hall setting per keypad), so every
 * hub process sharing the store answers the same, whichever hub the keypad
 * or its agent talks to.
 */

/** An agent sends a heartbeat every 30 s; two missed ones mean offline. */
export const ONLINE_MS = 75_000;

export interface Seen {
  attached: boolean;
  at: number;
  via: 'hub' | 'agent';
}

const key = (deviceId: string) => `keypad-presence:${deviceId}`;

function isSeen(v: unknown): v is Seen {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Partial<Seen>;
  return (
    typeof s.attached === 'boolean' && typeof s.at === 'number' && (s.via === 'hub' || s.via === 'agent')
  );
}

export async function reportKeypadPresence(
  deps: AppDeps,
  device: { id: string; hallId: string },
  attached: boolean,
  via: Seen['via'],
): Promise<void> {
  const at = deps.now();
  // Whether a keypad is plugged in is the device's state, not configuration: no audit.
  await deps.store.saveHallSetting(
    device.hallId,
    key(device.id),
    { attached, at, via } satisfies Seen,
    at,
    [],
  );
}

export interface KeypadPresence {
  online: boolean;
  /** Where it was last seen from: the hub's own driver or an agent; null when never. */
  via: Seen['via'] | null;
  reportedAt: number | null;
}

export async function keypadPresence(
  deps: AppDeps,
  device: { id: string; hallId: string },
): Promise<KeypadPresence> {
  const seen = await deps.store.getHallSetting(device.hallId, key(device.id));
  if (!isSeen(seen)) return { online: false, via: null, reportedAt: null };
  const fresh = seen.via === 'hub' || deps.now() - seen.at <= ONLINE_MS;
  return { online: seen.attached && fresh, via: seen.via, reportedAt: seen.at };
}
