import { DomainError, type Actor } from '../../domain/index.js';
import type { Device } from '../../domain/index.js';
import { auditOf } from '../admin/audit.js';
import { requireOwnDevice } from '../admin/devices.js';
import type { AppDeps } from '../deps.js';
import { requireHall } from '../lookups.js';
import { BOARD_LAYOUTS, BOARD_THEMES, type DisplayConfig } from '../../protocol/http.js';

/**
 * What one display device (a lobby screen) shows, kept in its `config`
 * (`layout`, `theme`, `windows`, `domains`, next to any other device
 * settings): layout, theme, and which windows (by number) and areas
 * (domains) it lists. Empty lists mean all. Written as entity `signage` in the log, not
 * `device`, because screens show it and must refresh.
 */

export { BOARD_LAYOUTS, BOARD_THEMES } from '../../protocol/http.js';
export type { BoardLayout, BoardTheme, DisplayConfig } from '../../protocol/http.js';

export const DEFAULT_DISPLAY: DisplayConfig = {
  layout: 'landscape',
  theme: 'default',
  windows: [],
  domains: [],
};

function pick<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

export function displayConfigOf(device: Pick<Device, 'config'>): DisplayConfig {
  const b = device.config;
  return {
    layout: pick(b.layout, BOARD_LAYOUTS, DEFAULT_DISPLAY.layout),
    theme: pick(b.theme, BOARD_THEMES, DEFAULT_DISPLAY.theme),
    windows: Array.isArray(b.windows) ? b.windows.filter((n): n is number => Number.isInteger(n)) : [],
    domains: Array.isArray(b.domains) ? b.domains.filter((d): d is string => typeof d === 'string') : [],
  };
}

async function requireDisplay(deps: AppDeps, hallId: string, deviceId: string): Promise<Device> {
  const device = await requireOwnDevice(deps, hallId, deviceId);
  if (device.kind !== 'display') {
    throw new DomainError('invalid_config', `Device ${device.name} is a ${device.kind}, not a display.`, {
      deviceId,
    });
  }
  return device;
}

export async function getDisplayConfig(
  deps: AppDeps,
  props: { hallId: string; deviceId: string },
): Promise<DisplayConfig> {
  return displayConfigOf(await requireDisplay(deps, props.hallId, props.deviceId));
}

export async function saveDisplayConfig(
  deps: AppDeps,
  props: { hallId: string; deviceId: string; patch: Partial<DisplayConfig>; actor: Actor },
): Promise<DisplayConfig> {
  const hall = await requireHall(deps, props.hallId);
  const device = await requireDisplay(deps, hall.id, props.deviceId);
  const board: DisplayConfig = { ...displayConfigOf(device), ...props.patch };
  const windows = new Set((await deps.store.listWindows(hall.id)).map((w) => w.number));
  const unknown = board.windows.filter((n) => !windows.has(n));
  if (unknown.length > 0) {
    throw new DomainError('invalid_config', `No window numbered ${unknown.join(', ')} in this hall.`, {
      windows: unknown,
    });
  }
  await deps.store.saveDevice(
    { ...device, config: { ...device.config, ...board } },
    auditOf(
      deps,
      hall.id,
      props.actor,
    )({
      entity: 'signage',
      action: 'updated',
      subjectId: device.id,
      fields: Object.keys(props.patch),
    }),
  );
  return board;
}
