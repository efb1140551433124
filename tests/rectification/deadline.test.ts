import { describe, expect, it } from 'vitest';
import { standardCalendar } from '../../server/src/domain/index.js';
import {
  addWorkingDays,
  cases,
  rectificationDeadline,
  startOfLocalDay,
  type RatingToFollow,
} from '../../server/src/domain/rectification/index.js';

/** Working-day deadlines from the hall calendar, and the case state machine's refusals. */

const calendar = { ...standardCalendar(), holidays: ['2025-10-01', '2025-10-02', '2025-10-03'] };

describe('working-day deadlines', () => {
  it('skips weekends and holidays, counts special days, and does not count the opening day', () => {
    // Thu 25 Sep: Fri 26, Mon 29, Tue 30, then 1–3 Oct holidays and the weekend, Mon 6, Tue 7.
    expect(addWorkingDays(calendar, '2025-09-25', 5)).toBe('2025-10-07');
    // Sunday 28 Sep as a duty day (周末轮值) counts.
    const duty = { ...calendar, special: { '2025-09-28': [{ open: '09:00', close: '12:00' }] } };
    expect(addWorkingDays(duty, '2025-09-25', 5)).toBe('2025-10-06');
    expect(addWorkingDays(calendar, '2025-09-30', 1)).toBe('2025-10-06');
  });

  it('ends at hall-local midnight after the last working day', () => {
    expect(startOfLocalDay('2025-04-11', 'Asia/Shanghai')).toBe(Date.UTC(2025, 3, 10, 16));
    expect(startOfLocalDay('2025-03-30', 'Europe/Berlin')).toBe(Date.UTC(2025, 2, 29, 23));
    const d = rectificationDeadline(calendar, 'Asia/Shanghai', Date.UTC(2025, 8, 25, 2), 5);
    expect(d).toEqual({ day: '2025-10-07', at: Date.UTC(2025, 9, 7, 16) });
  });

  it('falls back to calendar days for a calendar that never opens', () => {
    const closed = { weekly: [[], [], [], [], [], [], []], holidays: [], special: {} };
    expect(addWorkingDays(closed, '2025-01-01', 5)).toBe('2025-01-06');
  });
});

describe('case state machine', () => {
  const rating: RatingToFollow = {
    evaluationId: 'ev-1',
    hallId: 'hall-1',
    ticketId: 't-1',
    ticketNumber: 'A001',
    serviceId: 's-1',
    windowId: 'w-1',
    clerkId: 'c-1',
    level: 1,
    reasons: ['态度不好'],
    comment: '',
    ratedAt: 0,
  };
  const sup = { type: 'user' as const, id: 'sup-1' };
  const open = cases.openCase('case-1', rating, { day: '2025-01-08', at: 1000 }, 0, sup).next;

  it('refuses a good rating, a close without contact, and the appellant deciding', () => {
    expect(() => cases.openCase('x', { ...rating, level: 3 }, { day: '2025-01-08', at: 1 }, 0, sup)).toThrow(
      /not 差评/,
    );
    expect(() => cases.close(open, 'done', 1, sup)).toThrow(
      expect.objectContaining({ code: 'invalid_state' }),
    );
    const appealed = cases.appeal(open, '误评', 1, sup).next;
    expect(() => cases.decideAppeal(appealed, 'approved', 'ok', 2, sup)).toThrow(
      expect.objectContaining({ code: 'invalid_state' }),
    );
    expect(cases.decideAppeal(appealed, 'rejected', 'no', 2, { type: 'user', id: 'sup-2' }).next.status).toBe(
      'open',
    );
  });

  it('flags overdue once, only for active cases', () => {
    expect(cases.flagOverdue(open, 999, sup)).toBeNull();
    const flagged = cases.flagOverdue(open, 1000, sup)?.next;
    expect(flagged?.overdueAt).toBe(1000);
    expect(cases.flagOverdue(flagged as typeof open, 2000, sup)).toBeNull();
  });
});
