import type { Device } from '../../domain/index.js';
import type { AppDeps } from '../deps.js';
import { kioskMenu } from '../kiosk-menu.js';
import { requireHall } from '../lookups.js';
import type { BoardConfig } from '../../protocol/http.js';
import { DEFAULT_DISPLAY, displayConfigOf } from './display-config.js';
import { getSignageSettings } from './settings.js';

/**
 * Everything a lobby board needs besides the realtime feed: the hall's
 * notice and voice settings, this screen's layout and filters, and the
 * estimated wait per area (the feed carries counts, not estimates). Public:
 * it holds nothing a citizen in the hall cannot see on the screen.
 */

export type { BoardArea, BoardConfig } from '../../protocol/http.js';

/** The area's estimate is the longest of its matters: a screen should not promise less than it delivers. */
function areaMinutes(estimates: (number | null)[]): number | null {
  const known = estimates.filter((m): m is number => m !== null);
  return known.length === 0 ? null : Math.max(...known);
}

export async function boardConfig(
  deps: AppDeps,
  props: { hallId: string; device?: Device | null; hubAudio: boolean },
): Promise<BoardConfig> {
  const hall = await requireHall(deps, props.hallId);
  const [settings, menu] = await Promise.all([
    getSignageSettings(deps, { hallId: hall.id }),
    kioskMenu(deps, { hallId: hall.id }),
  ]);
  const display = props.device ? displayConfigOf(props.device) : { ...DEFAULT_DISPLAY };
  const shown = new Set(display.domains);
  const areas = menu.domains
    .filter((d) => shown.size === 0 || shown.has(d.domain))
    .map((d) => ({
      domain: d.domain,
      waiting: d.waiting,
      minutes: areaMinutes(d.services.map((s) => s.estimate.minutes)),
    }));
  return {
    hall: { id: hall.id, name: hall.name, timeZone: hall.timeZone },
    notice: settings.notice,
    voice: { ...settings.voice, hubAudio: props.hubAudio },
    display,
    deviceId: props.device?.id ?? null,
    areas,
    at: deps.now(),
  };
}
