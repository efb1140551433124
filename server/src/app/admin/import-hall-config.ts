import type { Actor, Hall, Service, ServiceWindow, WindowKind } from '../../domain/index.js';
import type { AppDeps } from '../deps.js';
import { requireHall } from '../lookups.js';
import { audited } from './audit.js';
import { Issues, checkDomainRefs, checkWindowKind } from './checks.js';
import { applyHallInput, type HallInput } from './halls.js';
import { buildService, type ServiceInput } from './services.js';
import { buildWindow } from './windows.js';

/**
 * Imports a hall configuration file. Everything is checked first and every
 * bad row is named; only a clean file is applied. Matters are matched by
 * code and windows by number: those found are updated (a window keeps its
 * state and clerks), the others created. Nothing is deleted: what the hall
 * has and the file lacks is kept and listed in the answer.
 */

export interface HallConfigImport {
  hall: HallInput;
  services: ServiceInput[];
  windows: {
    number: number;
    name: string;
    kind: WindowKind;
    domains?: string[];
    /** Matter codes, from the file or already in the hall. */
    services?: string[];
    overflow?: boolean;
    sortOrder?: number;
  }[];
}

export interface ImportSummary {
  created: number;
  updated: number;
  kept: string[];
}

export interface ImportResult {
  hall: Hall;
  services: ImportSummary;
  windows: ImportSummary;
}

function firstSeen<K>(seen: Map<K, number>, key: K, i: number): number | undefined {
  const first = seen.get(key);
  if (first === undefined) seen.set(key, i);
  return first;
}

export async function importHallConfig(
  deps: AppDeps,
  props: { hallId: string; file: HallConfigImport; actor: Actor },
): Promise<ImportResult> {
  const current = await requireHall(deps, props.hallId);
  const [oldServices, oldWindows] = await Promise.all([
    deps.store.listServices(current.id),
    deps.store.listWindows(current.id),
  ]);
  const issues = new Issues();
  const hall = { ...applyHallInput(current, props.file.hall, issues, 'file', 'hall'), updatedAt: deps.now() };

  const serviceByCode = new Map(oldServices.map((s) => [s.code, s]));
  const codes = new Map<string, number>();
  const services: Service[] = props.file.services.map((row, i) => {
    const first = firstSeen(codes, row.code, i);
    if (first !== undefined)
      issues.add(
        'file',
        `services.${i}.code`,
        `code ${row.code} is also on services row ${first}.`,
        'duplicate_code',
        {
          value: row.code,
          row: first + 1,
        },
      );
    return buildService(serviceByCode.get(row.code)?.id ?? deps.newId(), current.id, row);
  });
  const idByCode = new Map([...oldServices, ...services].map((s) => [s.code, s.id]));
  const areas = new Set([...oldServices, ...services].map((s) => s.domain));

  const windowByNumber = new Map(oldWindows.map((w) => [w.number, w]));
  const numbers = new Map<number, number>();
  const windows: ServiceWindow[] = props.file.windows.map((row, i) => {
    const first = firstSeen(numbers, row.number, i);
    if (first !== undefined)
      issues.add(
        'file',
        `windows.${i}.number`,
        `window ${row.number} is also on windows row ${first}.`,
        'duplicate_number',
        {
          value: row.number,
          row: first + 1,
        },
      );
    const domains = row.domains ?? [];
    checkWindowKind(row.kind, domains, issues, 'file', `windows.${i}`);
    checkDomainRefs(domains, areas, issues, 'file', `windows.${i}.domains`);
    const serviceIds = (row.services ?? []).map((code, j) => {
      const id = idByCode.get(code);
      if (!id)
        issues.add(
          'file',
          `windows.${i}.services.${j}`,
          `no matter with code ${code} in the file or the hall.`,
          'unknown_matter',
          { value: code },
        );
      return id ?? code;
    });
    const base = windowByNumber.get(row.number) ?? buildWindow(deps.newId(), current.id, row);
    return {
      ...base,
      name: row.name,
      kind: row.kind,
      domains,
      serviceIds,
      overflow: row.overflow ?? false,
      sortOrder: row.sortOrder ?? row.number,
    };
  });
  issues.throwIfAny('The file has errors; nothing was changed');

  await audited(deps, current.id, props.actor, async (audit) => {
    await deps.store.saveHall(hall, audit({ entity: 'hall', action: 'imported' }));
    for (const s of services) {
      const action = serviceByCode.has(s.code) ? 'updated' : 'created';
      await deps.store.saveService(
        s,
        audit({ entity: 'service', action, subjectId: s.id, label: s.code, source: 'import' }),
      );
    }
    for (const w of windows) {
      const action = windowByNumber.has(w.number) ? 'updated' : 'created';
      await deps.store.saveWindow(
        w,
        audit({ entity: 'window', action, subjectId: w.id, label: String(w.number), source: 'import' }, w.id),
      );
    }
  });
  const inFileCodes = new Set(services.map((s) => s.code));
  const inFileNumbers = new Set(windows.map((w) => w.number));
  return {
    hall,
    services: {
      created: services.filter((s) => !serviceByCode.has(s.code)).length,
      updated: services.filter((s) => serviceByCode.has(s.code)).length,
      kept: oldServices.filter((s) => !inFileCodes.has(s.code)).map((s) => s.code),
    },
    windows: {
      created: windows.filter((w) => !windowByNumber.has(w.number)).length,
      updated: windows.filter((w) => windowByNumber.has(w.number)).length,
      kept: oldWindows.filter((w) => !inFileNumbers.has(w.number)).map((w) => String(w.number)),
    },
  };
}
