import type { AppDeps } from '../deps.js';

/**
 * Whether a keypad is reachable now. A keypad on the hub machine is known
 * from the driver (attached / detached); one behind a keypad agent from the
 * agent's heartbeats. Kept in memory per hub: after a restart a keypad shows
 * offline until its driver or agent reports again, within seconds.
 */

/** An agent sends a heartbeat every 30 s; two missed ones mean offline. */
export const ONLINE_MS = 75_000;

interface Seen {
  attached: boolean;
  at: number;
  via: 'hub' | 'agent';
}

const registries = new WeakMap<AppDeps, Map<string, Seen>>();

function registry(deps: AppDeps): Map<string, Seen> {
  let r = registries.get(deps);
  if (!r) registries.set(deps, (r = new Map()));
  return r;
}

export function reportKeypadPresence(
  deps: AppDeps,
  deviceId: string,
  attached: boolean,
  via: Seen['via'],
): void {
  registry(deps).set(deviceId, { attached, at: deps.now(), via });
}

export interface KeypadPresence {
  online: boolean;
  /** Where it was last seen from: the hub's own driver or an agent; null when never since start. */
  via: Seen['via'] | null;
  reportedAt: number | null;
}

export function keypadPresence(deps: AppDeps, deviceId: string): KeypadPresence {
  const seen = registry(deps).get(deviceId);
  if (!seen) return { online: false, via: null, reportedAt: null };
  const fresh = seen.via === 'hub' || deps.now() - seen.at <= ONLINE_MS;
  return { online: seen.attached && fresh, via: seen.via, reportedAt: seen.at };
}
