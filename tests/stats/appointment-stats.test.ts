import { describe, expect, it } from 'vitest';
import { appointmentStats, calledOnTime } from '../../server/src/domain/stats/index.js';

// 2026-03-02 is a Monday; 09:00 in Asia/Shanghai is 01:00 UTC.
const TZ = 'Asia/Shanghai';
const at = (hhmm: string, day = '2026-03-02') => Date.parse(`${day}T${hhmm}:00+08:00`);
const NINE = 9 * 60;

describe('the on-time bound of a booking', () => {
  const slot = { day: '2026-03-02', slotStart: NINE };
  it('runs from slot start − early window to slot start + 15 min, both included', () => {
    expect(calledOnTime(slot, at('08:30'), 30, TZ)).toBe(true);
    expect(calledOnTime(slot, at('08:29'), 30, TZ)).toBe(false);
    expect(calledOnTime(slot, at('09:15'), 30, TZ)).toBe(true);
    expect(calledOnTime(slot, at('09:16'), 30, TZ)).toBe(false);
    expect(calledOnTime(slot, at('08:50'), 5, TZ)).toBe(false);
  });
  it('is never met on another day', () => {
    expect(calledOnTime(slot, at('09:00', '2026-03-03'), 30, TZ)).toBe(false);
  });
});

describe('appointment figures', () => {
  it('count each status and rate only the checked-in tickets that were called', () => {
    const b = (status: 'booked' | 'checked_in' | 'cancelled' | 'missed', ticketId: string | null = null) => ({
      status,
      day: '2026-03-02',
      slotStart: NINE,
      ticketId,
    });
    const calls = new Map<string, number | null>([
      ['t-early', at('08:45')],
      ['t-late', at('09:40')],
      ['t-waiting', null],
    ]);
    const s = appointmentStats(
      [
        b('checked_in', 't-early'),
        b('checked_in', 't-late'),
        b('checked_in', 't-waiting'),
        b('missed'),
        b('cancelled'),
        b('cancelled'),
        b('booked'),
      ],
      calls,
      30,
      TZ,
    );
    expect(s).toEqual({
      booked: 7,
      cancelled: 2,
      checkedIn: 3,
      missed: 1,
      pending: 1,
      called: 2,
      onTime: 1,
      onTimeRate: 0.5,
    });
  });
  it('give no rate when nothing was called', () => {
    expect(appointmentStats([], new Map(), 30, TZ).onTimeRate).toBeNull();
  });
});
