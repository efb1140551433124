import { describe, expect, it } from 'vitest';
import {
  hhmmToMinutes,
  isAfterClosing,
  isOpenAt,
  isValidHhmm,
  spansForDay,
  standardCalendar,
  type HallCalendar,
} from '../../../server/src/domain/index.js';

const TZ = 'Asia/Shanghai';
/** An instant given as hall-local wall time, e.g. local('2026-11-27', '09:00'). */
const local = (day: string, hhmm: string, seconds = '00'): number =>
  Date.parse(`${day}T${hhmm}:${seconds}+08:00`);

// 2026-11-26 Thursday, 11-27 Friday, 11-28 Saturday, 11-29 Sunday.
const THU = '2026-11-26';
const FRI = '2026-11-27';
const SAT = '2026-11-28';
const SUN = '2026-11-29';

function calendar(more: Partial<HallCalendar> = {}): HallCalendar {
  return { ...standardCalendar(), ...more };
}

describe('standardCalendar', () => {
  it('opens Monday to Friday 09:00–12:00 and 13:30–17:30, closed at weekends', () => {
    const c = standardCalendar();
    expect(c.weekly).toHaveLength(7);
    expect(c.weekly[0]).toEqual([]);
    expect(c.weekly[6]).toEqual([]);
    for (let d = 1; d <= 5; d += 1) {
      expect(c.weekly[d]).toEqual([
        { open: '09:00', close: '12:00' },
        { open: '13:30', close: '17:30' },
      ]);
    }
    expect(c.holidays).toEqual([]);
    expect(c.special).toEqual({});
  });

  it('gives a fresh calendar each time, so one hall editing it does not change another', () => {
    const a = standardCalendar();
    a.holidays.push(FRI);
    expect(standardCalendar().holidays).toEqual([]);
  });
});

describe('isOpenAt on a weekday', () => {
  const c = standardCalendar();
  it.each([
    ['08:59', false],
    ['09:00', true],
    ['11:59', true],
    ['12:00', false],
    ['13:29', false],
    ['13:30', true],
    ['17:29', true],
    ['17:30', false],
    ['23:00', false],
  ] as const)('at %s local is %s', (hhmm, open) => {
    expect(isOpenAt(c, local(FRI, hhmm), TZ)).toBe(open);
  });

  it('is open through the last second before closing', () => {
    expect(isOpenAt(c, local(FRI, '17:29', '59'), TZ)).toBe(true);
  });

  it('is closed all weekend', () => {
    expect(isOpenAt(c, local(SAT, '10:00'), TZ)).toBe(false);
    expect(isOpenAt(c, local(SUN, '15:00'), TZ)).toBe(false);
  });

  it('reads hours in the hall time zone', () => {
    const at = Date.parse('2026-11-27T02:00:00Z'); // 10:00 in Shanghai, 02:00 in UTC
    expect(isOpenAt(c, at, TZ)).toBe(true);
    expect(isOpenAt(c, at, 'UTC')).toBe(false);
  });
});

describe('holidays', () => {
  const c = calendar({ holidays: [FRI] });

  it('close the hall all day', () => {
    expect(isOpenAt(c, local(FRI, '10:00'), TZ)).toBe(false);
    expect(isOpenAt(c, local(FRI, '14:00'), TZ)).toBe(false);
    expect(spansForDay(c, FRI, 5)).toEqual([]);
  });

  it('leave other days alone', () => {
    expect(isOpenAt(c, local(THU, '10:00'), TZ)).toBe(true);
  });

  it('count as after closing from the start of the day', () => {
    expect(isAfterClosing(c, local(FRI, '00:00'), TZ)).toBe(true);
    expect(isAfterClosing(c, local(FRI, '10:00'), TZ)).toBe(true);
  });
});

describe('special days (延时服务, 周末轮值)', () => {
  it('open a weekend day on duty', () => {
    const c = calendar({ special: { [SAT]: [{ open: '09:00', close: '12:00' }] } });
    expect(isOpenAt(c, local(SAT, '10:00'), TZ)).toBe(true);
    expect(isOpenAt(c, local(SAT, '14:00'), TZ)).toBe(false);
    expect(isOpenAt(c, local(SUN, '10:00'), TZ)).toBe(false);
  });

  it('replace the weekly spans of that day rather than add to them', () => {
    const c = calendar({ special: { [THU]: [{ open: '12:00', close: '19:00' }] } });
    expect(spansForDay(c, THU, 4)).toEqual([{ open: '12:00', close: '19:00' }]);
    expect(isOpenAt(c, local(THU, '10:00'), TZ)).toBe(false);
    expect(isOpenAt(c, local(THU, '12:30'), TZ)).toBe(true);
    expect(isOpenAt(c, local(THU, '18:30'), TZ)).toBe(true);
    expect(isOpenAt(c, local(THU, '19:00'), TZ)).toBe(false);
    // The next day is back to the week.
    expect(isOpenAt(c, local(FRI, '18:30'), TZ)).toBe(false);
    expect(isOpenAt(c, local(FRI, '10:00'), TZ)).toBe(true);
  });

  it('with no spans close that day', () => {
    const c = calendar({ special: { [FRI]: [] } });
    expect(isOpenAt(c, local(FRI, '10:00'), TZ)).toBe(false);
    expect(isAfterClosing(c, local(FRI, '08:00'), TZ)).toBe(true);
  });

  it('override a holiday on the same date (节假日轮值)', () => {
    const c = calendar({ holidays: [SAT], special: { [SAT]: [{ open: '09:00', close: '12:00' }] } });
    expect(isOpenAt(c, local(SAT, '10:00'), TZ)).toBe(true);
    expect(spansForDay(c, SAT, 6)).toEqual([{ open: '09:00', close: '12:00' }]);
  });

  it('do not leak into the other weekdays of the standard week when edited', () => {
    const c = standardCalendar();
    c.weekly[1]?.push({ open: '18:00', close: '20:00' });
    expect(c.weekly[2]).toHaveLength(2);
  });

  it('extend the end of day (延时服务)', () => {
    const c = calendar({
      special: {
        [THU]: [
          { open: '09:00', close: '12:00' },
          { open: '13:30', close: '19:00' },
        ],
      },
    });
    expect(isAfterClosing(c, local(THU, '17:30'), TZ)).toBe(false);
    expect(isAfterClosing(c, local(THU, '18:59'), TZ)).toBe(false);
    expect(isAfterClosing(c, local(THU, '19:00'), TZ)).toBe(true);
  });
});

describe('isAfterClosing', () => {
  const c = standardCalendar();

  it('is false before opening and during the lunch break', () => {
    expect(isAfterClosing(c, local(FRI, '07:00'), TZ)).toBe(false);
    expect(isAfterClosing(c, local(FRI, '12:30'), TZ)).toBe(false);
    expect(isAfterClosing(c, local(FRI, '17:29'), TZ)).toBe(false);
  });

  it('is true from the last closing time to midnight', () => {
    expect(isAfterClosing(c, local(FRI, '17:30'), TZ)).toBe(true);
    expect(isAfterClosing(c, local(FRI, '23:59'), TZ)).toBe(true);
  });

  it('starts over at local midnight', () => {
    expect(isAfterClosing(c, local(THU, '23:59'), TZ)).toBe(true);
    expect(isAfterClosing(c, local(FRI, '00:00'), TZ)).toBe(false);
  });

  it('is true all day on a day the hall does not open', () => {
    expect(isAfterClosing(c, local(SAT, '08:00'), TZ)).toBe(true);
  });

  it('takes the latest close of spans given in any order', () => {
    const c2 = calendar({
      special: {
        [FRI]: [
          { open: '14:00', close: '20:00' },
          { open: '08:00', close: '11:00' },
        ],
      },
    });
    expect(isAfterClosing(c2, local(FRI, '19:00'), TZ)).toBe(false);
    expect(isAfterClosing(c2, local(FRI, '20:00'), TZ)).toBe(true);
  });

  it('never fires on a day open until 24:00', () => {
    const c2 = calendar({ special: { [FRI]: [{ open: '00:00', close: '24:00' }] } });
    expect(isOpenAt(c2, local(FRI, '23:59', '59'), TZ)).toBe(true);
    expect(isAfterClosing(c2, local(FRI, '23:59', '59'), TZ)).toBe(false);
  });
});

describe('spansForDay', () => {
  it('falls back to the weekly spans of the weekday', () => {
    const c = standardCalendar();
    expect(spansForDay(c, FRI, 5)).toBe(c.weekly[5]);
    expect(spansForDay(c, SAT, 6)).toEqual([]);
  });

  it('is empty for a weekday the calendar does not list', () => {
    const c = calendar({ weekly: [] });
    expect(spansForDay(c, FRI, 5)).toEqual([]);
  });
});

describe('HH:MM', () => {
  it.each(['00:00', '09:00', '13:30', '23:59', '24:00'])('accepts %s', (text) => {
    expect(isValidHhmm(text)).toBe(true);
  });

  it.each(['', '9:00', '0900', '24:01', '25:00', '12:60', '12:5', ' 12:00', '12:00 ', 'ab:cd'])(
    'rejects %j',
    (text) => {
      expect(isValidHhmm(text)).toBe(false);
    },
  );

  it('converts to minutes since midnight', () => {
    expect(hhmmToMinutes('00:00')).toBe(0);
    expect(hhmmToMinutes('09:05')).toBe(545);
    expect(hhmmToMinutes('13:30')).toBe(810);
    expect(hhmmToMinutes('24:00')).toBe(1440);
  });
});
