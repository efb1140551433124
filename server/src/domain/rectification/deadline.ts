import { spansForDay } from '../calendar.js';
import { localTime } from '../numbering.js';
import type { HallCalendar } from '../types.js';
import { addDays, dayIndex, weekdayOf } from '../stats/period.js';

/**
 * 差评 must be rectified within N working days (default 5). A working day is
 * a day the hall opens by its own calendar: the weekly plan, minus holidays,
 * plus special days (weekend duty counts as a working day). The day the
 * rating came in does not count; the deadline is the end of the Nth
 * working day after it, at hall-local midnight.
 */

export const DEFAULT_DEADLINE_WORKING_DAYS = 5;

/** A calendar that never opens would loop for ever; past a year, calendar days are used instead. */
const LOOK_AHEAD_DAYS = 366;

export function isWorkingDay(calendar: HallCalendar, day: string): boolean {
  return spansForDay(calendar, day, weekdayOf(day)).length > 0;
}

/** The Nth working day after `day` (not counting `day` itself). */
export function addWorkingDays(calendar: HallCalendar, day: string, n: number): string {
  let current = day;
  let found = 0;
  for (let i = 1; i <= LOOK_AHEAD_DAYS && found < n; i += 1) {
    current = addDays(day, i);
    if (isWorkingDay(calendar, current)) found += 1;
  }
  return found < n ? addDays(day, n) : current;
}

/** The instant a hall-local date begins, in epoch ms (DST-safe: re-checked once). */
export function startOfLocalDay(day: string, timeZone: string): number {
  const index = dayIndex(day);
  if (index === null) throw new RangeError(`${day} is not a date`);
  const wallMidnight = index * 86_400_000;
  let guess = wallMidnight;
  for (let i = 0; i < 2; i += 1) {
    const lt = localTime(guess, timeZone);
    const wall = (dayIndex(lt.day) ?? 0) * 86_400_000 + lt.minutes * 60_000;
    guess += wallMidnight - wall;
  }
  return guess;
}

export interface Deadline {
  /** The last working day (hall-local date) of the allowed time. */
  day: string;
  /** The instant the allowed time ends: local midnight after `day`. */
  at: number;
}

export function rectificationDeadline(
  calendar: HallCalendar,
  timeZone: string,
  openedAt: number,
  workingDays: number,
): Deadline {
  const opened = localTime(openedAt, timeZone).day;
  const day = addWorkingDays(calendar, opened, workingDays);
  return { day, at: startOfLocalDay(addDays(day, 1), timeZone) };
}
