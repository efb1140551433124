import { describe, expect, it } from 'vitest';
import {
  PREFIX_PATTERN,
  businessDay,
  formatNumber,
  isValidTimeZone,
  localTime,
  parseNumber,
} from '../../../server/src/domain/index.js';

const SHANGHAI = 'Asia/Shanghai';
const utc = (iso: string): number => Date.parse(iso);

describe('businessDay', () => {
  it('rolls over at local midnight in Asia/Shanghai, not at UTC midnight', () => {
    expect(businessDay(utc('2026-11-27T15:59:59Z'), SHANGHAI)).toBe('2026-11-27');
    expect(businessDay(utc('2026-11-27T16:00:00Z'), SHANGHAI)).toBe('2026-11-28');
  });

  it('gives one day key across the UTC date change inside a local day', () => {
    // 2026-11-28 07:59:59 and 08:00:00 local straddle UTC midnight.
    const before = businessDay(utc('2026-11-27T23:59:59Z'), SHANGHAI);
    const after = businessDay(utc('2026-11-28T00:00:00Z'), SHANGHAI);
    expect(before).toBe('2026-11-28');
    expect(after).toBe(before);
  });

  it('keeps the whole local day under one key and changes it across midnight', () => {
    const start = utc('2026-11-27T16:00:00Z'); // 11-28 00:00 local
    const end = utc('2026-11-28T15:59:59.999Z'); // 11-28 23:59:59.999 local
    expect(businessDay(start, SHANGHAI)).toBe(businessDay(end, SHANGHAI));
    expect(businessDay(start - 1, SHANGHAI)).not.toBe(businessDay(start, SHANGHAI));
    expect(businessDay(end + 1, SHANGHAI)).not.toBe(businessDay(end, SHANGHAI));
  });

  it('follows the hall time zone it is given', () => {
    const at = utc('2026-11-27T20:00:00Z');
    expect(businessDay(at, SHANGHAI)).toBe('2026-11-28');
    expect(businessDay(at, 'UTC')).toBe('2026-11-27');
    expect(businessDay(at, 'America/New_York')).toBe('2026-11-27');
  });

  it('rolls over the year and month at local midnight', () => {
    expect(businessDay(utc('2026-12-31T15:59:59Z'), SHANGHAI)).toBe('2026-12-31');
    expect(businessDay(utc('2026-12-31T16:00:00Z'), SHANGHAI)).toBe('2027-01-01');
  });
});

describe('localTime', () => {
  it('gives the local date, minutes since local midnight and weekday', () => {
    // 2026-11-27 is a Friday; 09:30 local is 01:30 UTC.
    expect(localTime(utc('2026-11-27T01:30:00Z'), SHANGHAI)).toEqual({
      day: '2026-11-27',
      minutes: 570,
      weekday: 5,
    });
  });

  it('reads local midnight as minute 0 of the new day (not hour 24 of the old one)', () => {
    expect(localTime(utc('2026-11-28T16:00:00Z'), SHANGHAI)).toEqual({
      day: '2026-11-29',
      minutes: 0,
      weekday: 0,
    });
  });

  it('reads the last minute of the day as 1439 and ignores seconds', () => {
    expect(localTime(utc('2026-11-27T15:59:59Z'), SHANGHAI).minutes).toBe(23 * 60 + 59);
  });

  it('maps every weekday from Sunday 0 to Saturday 6', () => {
    // 2026-11-22 (Sunday) … 2026-11-28 (Saturday), at local noon.
    const weekdays = [22, 23, 24, 25, 26, 27, 28].map(
      (d) => localTime(utc(`2026-11-${d}T04:00:00Z`), SHANGHAI).weekday,
    );
    expect(weekdays).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('answers every second of a minute like a fresh reading, across midnight, DST and half-hour zones', () => {
    const fresh = (at: number, timeZone: string) => {
      const f = new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        weekday: 'short',
        hourCycle: 'h23',
      });
      const p = Object.fromEntries(f.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
      const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(p.weekday ?? '');
      return {
        day: `${p.year}-${p.month}-${p.day}`,
        minutes: Number(p.hour) * 60 + Number(p.minute),
        weekday,
      };
    };
    const cases: [string, string][] = [
      [SHANGHAI, '2026-11-28T15:58:30Z'],
      ['America/New_York', '2026-03-08T06:58:00Z'],
      ['America/New_York', '2026-11-01T05:58:00Z'],
      ['Asia/Kolkata', '2026-11-27T18:28:00Z'],
      ['Asia/Kathmandu', '2026-11-27T18:13:00Z'],
    ];
    for (const [zone, start] of cases) {
      for (let s = 0; s < 180; s += 7) {
        const at = utc(start) + s * 1000;
        expect(localTime(at, zone), `${zone} ${new Date(at).toISOString()}`).toEqual(fresh(at, zone));
      }
    }
    // A changed answer does not leak into the next call's.
    const a = localTime(utc('2026-11-27T01:30:00Z'), SHANGHAI);
    a.day = 'changed';
    expect(localTime(utc('2026-11-27T01:30:10Z'), SHANGHAI).day).toBe('2026-11-27');
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA zones and rejects junk', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Asia/Nowhere')).toBe(false);
    expect(isValidTimeZone('not a zone')).toBe(false);
  });
});

describe('formatNumber', () => {
  it('zero-pads the sequence to the configured digits', () => {
    expect(formatNumber('A', 1, 3)).toBe('A001');
    expect(formatNumber('A', 23, 3)).toBe('A023');
    expect(formatNumber('B', 999, 3)).toBe('B999');
    expect(formatNumber('SB', 7, 4)).toBe('SB0007');
  });

  it('grows past the padding instead of wrapping or truncating', () => {
    expect(formatNumber('A', 1000, 3)).toBe('A1000');
    expect(formatNumber('A', 12345, 3)).toBe('A12345');
  });

  it('gives distinct numbers for distinct sequences of a prefix', () => {
    const numbers = Array.from({ length: 1200 }, (_, i) => formatNumber('A', i + 1, 3));
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});

describe('parseNumber', () => {
  it('splits a number into prefix and sequence', () => {
    expect(parseNumber('A023')).toEqual({ prefix: 'A', seq: 23 });
    expect(parseNumber('SB0007')).toEqual({ prefix: 'SB', seq: 7 });
    expect(parseNumber('A1000')).toEqual({ prefix: 'A', seq: 1000 });
  });

  it('accepts lowercase and surrounding blanks (typed at a counter)', () => {
    expect(parseNumber('a023')).toEqual({ prefix: 'A', seq: 23 });
    expect(parseNumber('  b7 ')).toEqual({ prefix: 'B', seq: 7 });
  });

  it('round-trips what formatNumber makes', () => {
    for (const [prefix, seq] of [
      ['A', 1],
      ['ZZ', 42],
      ['ABC', 999_999],
    ] as const) {
      expect(parseNumber(formatNumber(prefix, seq, 3))).toEqual({ prefix, seq });
    }
  });

  it.each(['', '023', 'A', 'A-023', 'A 023', 'ABCD1', 'A1234567', '1A', 'A02B', '甲001', 'A0.5'])(
    'rejects %j',
    (text) => {
      expect(parseNumber(text)).toBeNull();
    },
  );
});

describe('PREFIX_PATTERN', () => {
  it('allows one to three capital letters only', () => {
    expect(['A', 'SB', 'ABC'].every((p) => PREFIX_PATTERN.test(p))).toBe(true);
    expect(['', 'a', 'ABCD', 'A1', '甲'].some((p) => PREFIX_PATTERN.test(p))).toBe(false);
  });
});
