import type { Hall, HallCalendar, HallLevel, QueueRules, WindowKind } from '../../domain/index.js';
import type { AppDeps } from '../deps.js';
import { requireHall } from '../lookups.js';
import type { ServiceInput } from './services.js';

/**
 * A hall's configuration as a JSON file: the hall's settings, its matters and
 * its windows. Windows name matters by code, not id, so a file exported from
 * one hall imports into another. No users, devices, tokens or tickets.
 */

export const HALL_CONFIG_FORMAT = 'hall-queue.hall-config';
export const HALL_CONFIG_VERSION = 1;

export interface HallConfigWindow {
  number: number;
  name: string;
  kind: WindowKind;
  domains: string[];
  /** Codes of matters served in addition to what the kind serves. */
  services: string[];
  overflow: boolean;
  sortOrder: number;
}

export interface HallConfigFile {
  format: typeof HALL_CONFIG_FORMAT;
  version: typeof HALL_CONFIG_VERSION;
  hall: { name: string; level: HallLevel; timeZone: string; calendar: HallCalendar; rules: QueueRules };
  services: Required<ServiceInput>[];
  windows: HallConfigWindow[];
}

export function hallSettings(h: Hall): HallConfigFile['hall'] {
  return { name: h.name, level: h.level, timeZone: h.timeZone, calendar: h.calendar, rules: h.rules };
}

export async function exportHallConfig(deps: AppDeps, props: { hallId: string }): Promise<HallConfigFile> {
  const hall = await requireHall(deps, props.hallId);
  const [services, windows] = await Promise.all([
    deps.store.listServices(hall.id),
    deps.store.listWindows(hall.id),
  ]);
  const codeOf = new Map(services.map((s) => [s.id, s.code]));
  return {
    format: HALL_CONFIG_FORMAT,
    version: HALL_CONFIG_VERSION,
    hall: hallSettings(hall),
    services: [...services]
      .sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code))
      .map((s) => ({
        code: s.code,
        name: s.name,
        domain: s.domain,
        prefix: s.prefix,
        crossRegion: s.crossRegion,
        cannotHandle: s.cannotHandle,
        dedicated: s.dedicated,
        expectedMinutes: s.expectedMinutes,
        pinyin: s.pinyin,
        enabled: s.enabled,
        sortOrder: s.sortOrder,
      })),
    windows: [...windows]
      .sort((a, b) => a.number - b.number)
      .map((w) => ({
        number: w.number,
        name: w.name,
        kind: w.kind,
        domains: [...w.domains],
        services: w.serviceIds.map((id) => codeOf.get(id) ?? id),
        overflow: w.overflow,
        sortOrder: w.sortOrder,
      })),
  };
}
