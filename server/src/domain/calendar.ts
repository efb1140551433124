import { localTime } from './numbering.js';
import type { HallCalendar, OpeningSpan } from './types.js';

/** Opening hours from the hall calendar: holidays close, special days (延时服务) replace the week. */

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

export function isValidHhmm(text: string): boolean {
  return HHMM.test(text);
}

export function hhmmToMinutes(text: string): number {
  const [h, m] = text.split(':');
  return Number(h) * 60 + Number(m);
}

export function spansForDay(calendar: HallCalendar, day: string, weekday: number): OpeningSpan[] {
  // A special day (延时服务, 节假日轮值) overrides a holiday on the same date.
  const special = calendar.special[day];
  if (special) return special;
  if (calendar.holidays.includes(day)) return [];
  return calendar.weekly[weekday] ?? [];
}

export function isOpenAt(calendar: HallCalendar, at: number, timeZone: string): boolean {
  const lt = localTime(at, timeZone);
  return spansForDay(calendar, lt.day, lt.weekday).some(
    (s) => lt.minutes >= hhmmToMinutes(s.open) && lt.minutes < hhmmToMinutes(s.close),
  );
}

/**
 * Whether the business day of `at` is over: past its last closing time, or a
 * day the hall does not open at all.
 */
export function isAfterClosing(calendar: HallCalendar, at: number, timeZone: string): boolean {
  const lt = localTime(at, timeZone);
  const spans = spansForDay(calendar, lt.day, lt.weekday);
  if (spans.length === 0) return true;
  const lastClose = Math.max(...spans.map((s) => hhmmToMinutes(s.close)));
  return lt.minutes >= lastClose;
}

/** Monday–Friday 09:00–12:00 and 13:30–17:30, the common hours of a service hall. */
export function standardCalendar(): HallCalendar {
  const weekday = (): OpeningSpan[] => [
    { open: '09:00', close: '12:00' },
    { open: '13:30', close: '17:30' },
  ];
  return {
    weekly: [[], weekday(), weekday(), weekday(), weekday(), weekday(), []],
    holidays: [],
    special: {},
  };
}
