import { localTime } from '../numbering.js';

/**
 * Calendar arithmetic on business days (`YYYY-MM-DD`) and hall-local
 * minutes. A slot is stored as its day and local minutes, so a booking keeps
 * its meaning if the hall's time zone data changes; these turn it into an
 * instant only when a rule needs to compare it with "now".
 */

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MINUTE = 60_000;

export function isValidDay(day: string): boolean {
  const m = DAY_PATTERN.exec(day);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === day;
}

function utcMidnight(day: string): number {
  const [y, mo, d] = day.split('-').map(Number);
  return Date.UTC(y ?? 1970, (mo ?? 1) - 1, d ?? 1);
}

export function addDays(day: string, days: number): string {
  return new Date(utcMidnight(day) + days * 86_400_000).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, as in the hall calendar's `weekly`. */
export function weekdayOf(day: string): number {
  return new Date(utcMidnight(day)).getUTCDay();
}

/** The instant at which the hall's clock shows `minutes` past midnight of `day`. */
export function instantOf(day: string, minutes: number, timeZone: string): number {
  const wanted = utcMidnight(day) + minutes * MINUTE;
  // Start from the wall time read as UTC and correct by the zone's offset; a
  // second pass settles the rare instant whose offset differs (DST edges).
  let at = wanted;
  for (let i = 0; i < 2; i++) {
    const lt = localTime(at, timeZone);
    const shown = utcMidnight(lt.day) + lt.minutes * MINUTE;
    at += wanted - shown;
  }
  return at - (at % MINUTE);
}

export function minutesToHhmm(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}
