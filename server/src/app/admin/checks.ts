import {
  DomainError,
  hhmmToMinutes,
  isValidTimeZone,
  windowNumberClash,
  type HallCalendar,
  type ServiceWindow,
  type WindowKind,
} from '../../domain/index.js';
import type { User } from '../../domain/index.js';

/**
 * Configuration checks shared by the CRUD use cases and the import. Shapes
 * and formats are checked at the edge; these are the rules that need the rest
 * of the hall: uniqueness, references, sensible hours. Every problem is
 * collected, so an import names each bad row at once.
 */

export interface ConfigIssue {
  /** `hall`, `service`, `window`, `user`, `device`, or the import file's section. */
  in: string;
  /** Dotted path, e.g. `services.3.code`. */
  path: string;
  /** English, for logs and API clients; screens word the issue from `code` and `params`. */
  message: string;
  /** Stable reason, e.g. `duplicate_code`, `unknown_matter`. */
  code: string;
  params?: Record<string, string | number>;
}

export class Issues {
  readonly list: ConfigIssue[] = [];

  add(
    where: string,
    path: string,
    message: string,
    code = 'invalid',
    params?: Record<string, string | number>,
  ): void {
    this.list.push({ in: where, path, message, code, ...(params ? { params } : {}) });
  }

  /** Refuses with `invalid_config` naming every problem, or returns when there is none. */
  throwIfAny(summary: string): void {
    if (this.list.length === 0) return;
    throw new DomainError(
      'invalid_config',
      `${summary}: ${this.list.map((i) => `${i.path} ${i.message}`).join('; ')}`,
      {
        issues: this.list,
      },
    );
  }
}

export function checkTimeZone(timeZone: string, issues: Issues, where: string, path: string): void {
  if (!isValidTimeZone(timeZone))
    issues.add(where, path, `${timeZone} is not a known time zone.`, 'unknown_time_zone', {
      value: timeZone,
    });
}

export function checkCalendar(calendar: HallCalendar, issues: Issues, where: string, path: string): void {
  const spans = [
    ...calendar.weekly.flatMap((day, i) => day.map((s, j) => ({ s, at: `${path}.weekly.${i}.${j}` }))),
    ...Object.entries(calendar.special).flatMap(([day, list]) =>
      list.map((s, j) => ({ s, at: `${path}.special.${day}.${j}` })),
    ),
  ];
  for (const { s, at } of spans) {
    if (hhmmToMinutes(s.open) >= hhmmToMinutes(s.close))
      issues.add(where, at, `opens at ${s.open}, after it closes at ${s.close}.`, 'opens_after_close', {
        open: s.open,
        close: s.close,
      });
  }
}

export function checkWindowKind(
  kind: WindowKind,
  domains: readonly string[],
  issues: Issues,
  where: string,
  path: string,
): void {
  if (kind === 'domain' && domains.length === 0)
    issues.add(
      where,
      `${path}.domains`,
      'a domain window needs at least one domain.',
      'domain_window_needs_area',
    );
}

/**
 * A domain window serves the matters of its areas (领域): an area no matter of
 * the hall's catalogue has would leave the window with nothing to call (a typo
 * such as 社会保障 for 社保 passes silently otherwise).
 */
export function checkDomainRefs(
  domains: readonly string[],
  known: ReadonlySet<string>,
  issues: Issues,
  where: string,
  path: string,
): void {
  domains.forEach((d, i) => {
    if (!known.has(d))
      issues.add(
        where,
        `${path}.${i}`,
        `no matter of the catalogue has the area ${d}; areas: ${[...known].join('、') || '(none yet)'}.`,
        'unknown_area',
        { value: d },
      );
  });
}

/** A clerk named on a window must exist and work in the hall, or the window would refuse them. */
export function checkClerks(
  clerkIds: readonly string[],
  hallId: string,
  users: ReadonlyMap<string, User>,
  issues: Issues,
  where: string,
  path: string,
): void {
  clerkIds.forEach((id, i) => {
    const u = users.get(id);
    if (!u) issues.add(where, `${path}.clerkIds.${i}`, `no user ${id}.`, 'unknown_user');
    else if (!(u.role === 'admin' && u.hallIds.length === 0) && !u.hallIds.includes(hallId)) {
      issues.add(
        where,
        `${path}.clerkIds.${i}`,
        `${u.username} does not work in this hall.`,
        'user_not_in_hall',
        {
          value: u.username,
        },
      );
    }
  });
}

export function checkServiceRefs(
  serviceIds: readonly string[],
  known: ReadonlySet<string>,
  issues: Issues,
  where: string,
  path: string,
): void {
  serviceIds.forEach((id, i) => {
    if (!known.has(id)) issues.add(where, `${path}.${i}`, `no matter ${id} in this hall.`, 'unknown_matter');
  });
}

export function checkWindowNumber(
  w: Pick<ServiceWindow, 'id' | 'number'>,
  siblings: readonly Pick<ServiceWindow, 'id' | 'number'>[],
  issues: Issues,
  where: string,
  path: string,
): void {
  if (windowNumberClash(w, siblings)) {
    issues.add(
      where,
      `${path}.number`,
      `window ${w.number} already exists in this hall.`,
      'duplicate_number',
      {
        value: w.number,
      },
    );
  }
}
