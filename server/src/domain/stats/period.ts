/** Periods of hall-local dates: parsing, length and iteration without time zones. */

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The UTC midnight of a date, or null when it is not a real calendar date. */
export function dayIndex(day: string): number | null {
  const m = DATE.exec(day);
  if (!m) return null;
  const at = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(at).toISOString().slice(0, 10) === day ? at / DAY_MS : null;
}

export function isValidDay(day: string): boolean {
  return dayIndex(day) !== null;
}

export function dayFromIndex(index: number): string {
  return new Date(index * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  const i = dayIndex(day);
  if (i === null) throw new RangeError(`${day} is not a date`);
  return dayFromIndex(i + n);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: string): number {
  const i = dayIndex(day);
  if (i === null) throw new RangeError(`${day} is not a date`);
  return new Date(i * DAY_MS).getUTCDay();
}

/** Days from `from` to `to`, both included. */
export function periodLength(from: string, to: string): number {
  const a = dayIndex(from);
  const b = dayIndex(to);
  if (a === null || b === null) throw new RangeError('not a date');
  return b - a + 1;
}

/** The longest period a statistics query may cover. */
export const MAX_PERIOD_DAYS = 400;
