import type { Floor } from '@hall-queue/server/protocol';

/** The answer of GET /api/v1/halls/:hallId/floor is the hub's `Floor` (@hall-queue/server/protocol). */
export type { Floor, FloorWindow } from '@hall-queue/server/protocol';

export interface FloorAlert {
  kind: 'wait' | 'paper' | 'printer' | 'offline' | 'paused';
  key: string;
  vars: Record<string, string | number>;
}

/**
 * What needs a supervisor now. The thresholds are the supervisor's choice on
 * the floor page (kept in the browser); the hub only reports the facts.
 */
export function floorAlerts(
  floor: Floor,
  now: number,
  opts: { fetchedAt: number; waitMinutes: number; pauseMinutes: number; kindName: (kind: string) => string },
): FloorAlert[] {
  const out: FloorAlert[] = [];
  const hubNow = hubTime(floor, opts.fetchedAt, now);
  for (const a of floor.areas) {
    if (a.oldestIssuedAt === null) continue;
    const min = Math.floor((hubNow - a.oldestIssuedAt) / 60_000);
    if (min >= opts.waitMinutes)
      out.push({ kind: 'wait', key: `wait:${a.domain}`, vars: { area: a.domain, min } });
  }
  for (const p of floor.printers) {
    const s = p.state;
    if (!s) continue;
    if (s.status?.paperOut) out.push({ kind: 'paper', key: `paper:${p.deviceId}`, vars: { name: p.name } });
    else if (!s.reachable || s.error)
      out.push({
        kind: 'printer',
        key: `printer:${p.deviceId}`,
        vars: { name: p.name, error: s.error ?? '' },
      });
  }
  for (const d of floor.devices) {
    if ((d.kind === 'keypad' || d.kind === 'display') && !d.online)
      out.push({
        kind: 'offline',
        key: `offline:${d.id}`,
        vars: { kind: opts.kindName(d.kind), name: d.name },
      });
  }
  for (const w of floor.windows) {
    if (w.state !== 'paused') continue;
    const min = w.pausedSince === null ? opts.pauseMinutes : Math.floor((hubNow - w.pausedSince) / 60_000);
    if (min >= opts.pauseMinutes)
      out.push({ kind: 'paused', key: `paused:${w.id}`, vars: { window: w.name, min } });
  }
  return out;
}

/** The hub's clock may differ from the browser's: durations are measured on the hub's. */
export function hubTime(floor: Pick<Floor, 'at'>, fetchedAt: number, now: number): number {
  return floor.at + (now - fetchedAt);
}
