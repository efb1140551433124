/**
 * Ticket numbers: `prefix + zero-padded sequence`, counted per hall, per
 * prefix and per business day in the hall's own time zone, so numbers restart
 * at local midnight and never repeat within a day.
 */

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = dayFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      weekday: 'short',
    });
    dayFormatters.set(timeZone, f);
  }
  return f;
}

export interface LocalTime {
  /** YYYY-MM-DD */
  day: string;
  /** Minutes since local midnight. */
  minutes: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/**
 * The last answer per time zone, by minute: every zone in use today is offset
 * from UTC by whole minutes, so all instants of one UTC minute share the local
 * day, minute and weekday, and the several calls of one request (business day,
 * opening hours, numbering) format the date once.
 */
const lastMinute = new Map<string, { minute: number; time: LocalTime }>();

export function localTime(at: number, timeZone: string): LocalTime {
  const minute = Math.floor(at / 60_000);
  const last = lastMinute.get(timeZone);
  if (last && last.minute === minute) return { ...last.time };
  const time = formatLocalTime(at, timeZone);
  lastMinute.set(timeZone, { minute, time });
  return { ...time };
}

function formatLocalTime(at: number, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of dayFormatter(timeZone).formatToParts(new Date(at))) parts[p.type] = p.value;
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    weekday: WEEKDAYS[parts.weekday ?? 'Sun'] ?? 0,
  };
}

/** The hall-local calendar date of an instant. */
export function businessDay(at: number, timeZone: string): string {
  return localTime(at, timeZone).day;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** `A` + 23 with 3 digits gives `A023`; past the padding the number just grows (`A1000`). */
export function formatNumber(prefix: string, seq: number, digits: number): string {
  return prefix + String(seq).padStart(digits, '0');
}

const NUMBER_PATTERN = /^([A-Z]{1,3})(\d{1,6})$/;

/** Splits `a023` or `A023` into prefix and sequence, or null when it is not a ticket number. */
export function parseNumber(text: string): { prefix: string; seq: number } | null {
  const m = NUMBER_PATTERN.exec(text.trim().toUpperCase());
  if (!m) return null;
  return { prefix: m[1] as string, seq: Number(m[2]) };
}

export const PREFIX_PATTERN = /^[A-Z]{1,3}$/;
