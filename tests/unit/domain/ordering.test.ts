import { describe, expect, it } from 'vitest';
import {
  compareQueue,
  defaultRules,
  effectiveTime,
  headStartMinutes,
  isPriority,
  reentryEffectiveTime,
  type HeadStarts,
  type PriorityCategory,
  type QueueKey,
  type Ticket,
} from '../../../server/src/domain/index.js';
import { MINUTE, SECOND, T0, buildTicket } from '../../helpers/domain-builders.js';

const headStarts: HeadStarts = defaultRules().headStarts;

/** A waiting ticket issued at `issuedAt` with the head start its classes give. */
function issue(issuedAt: number, categories: PriorityCategory[] = [], appointmentNearSlot = false): Ticket {
  return buildTicket({
    issuedAt,
    categories,
    effectiveAt: effectiveTime(issuedAt, categories, headStarts, appointmentNearSlot),
  });
}

const ordered = <T extends QueueKey>(tickets: T[]): T[] => [...tickets].sort(compareQueue);

describe('headStartMinutes', () => {
  it('is 0 for a normal ticket', () => {
    expect(headStartMinutes([], headStarts)).toBe(0);
  });

  it('gives 老幼病残孕军 the priority head start (15 min by default)', () => {
    for (const c of ['elderly', 'child', 'sick', 'disabled', 'pregnant', 'military'] as const) {
      expect(headStartMinutes([c], headStarts)).toBe(15);
    }
  });

  it('gives urgent matters and key projects the green-channel head start (30 min by default)', () => {
    expect(headStartMinutes(['urgent'], headStarts)).toBe(30);
    expect(headStartMinutes(['key_project'], headStarts)).toBe(30);
  });

  it('takes the largest head start of several categories, never their sum', () => {
    expect(headStartMinutes(['elderly', 'disabled'], headStarts)).toBe(15);
    expect(headStartMinutes(['elderly', 'urgent'], headStarts)).toBe(30);
    expect(headStartMinutes(['urgent', 'elderly'], headStarts)).toBe(30);
    const custom: HeadStarts = { ...headStarts, elderly: 20, pregnant: 25 };
    expect(headStartMinutes(['elderly', 'pregnant', 'military'], custom)).toBe(25);
  });

  it('gives a checked-in appointment near its slot the appointment head start', () => {
    expect(headStartMinutes([], headStarts, true)).toBe(10);
    expect(headStartMinutes([], headStarts, false)).toBe(0);
  });

  it('takes the larger of the appointment and the category head starts', () => {
    expect(headStartMinutes(['elderly'], headStarts, true)).toBe(15);
    expect(headStartMinutes(['elderly'], { ...headStarts, appointment: 40 }, true)).toBe(40);
  });

  it('uses the configured head starts, not fixed ones', () => {
    const custom: HeadStarts = { ...headStarts, elderly: 5, urgent: 60 };
    expect(headStartMinutes(['elderly'], custom)).toBe(5);
    expect(headStartMinutes(['urgent'], custom)).toBe(60);
  });
});

describe('effectiveTime', () => {
  it('is the issue time minus the head start in minutes', () => {
    expect(effectiveTime(T0, [], headStarts)).toBe(T0);
    expect(effectiveTime(T0, ['elderly'], headStarts)).toBe(T0 - 15 * MINUTE);
    expect(effectiveTime(T0, ['urgent'], headStarts)).toBe(T0 - 30 * MINUTE);
    expect(effectiveTime(T0, [], headStarts, true)).toBe(T0 - 10 * MINUTE);
  });
});

describe('queue order of priority applicants', () => {
  const elderlyAt = T0 + 30 * MINUTE;

  it('puts an elderly applicant ahead of normal tickets issued in the last 15 minutes', () => {
    const elderly = issue(elderlyAt, ['elderly']);
    const recent = [1, 5, 10, 14].map((m) => issue(elderlyAt - m * MINUTE));
    const queue = ordered([...recent, elderly]);
    expect(queue[0]).toBe(elderly);
  });

  it('does not put an elderly applicant ahead of a normal ticket issued 20 minutes before', () => {
    const elderly = issue(elderlyAt, ['elderly']);
    const earlier = issue(elderlyAt - 20 * MINUTE);
    const recent = issue(elderlyAt - 5 * MINUTE);
    expect(ordered([recent, elderly, earlier])).toEqual([earlier, elderly, recent]);
  });

  it('lets a normal ticket issued exactly one head start earlier keep its place (tie by issue time)', () => {
    const elderly = issue(elderlyAt, ['elderly']);
    const normal = issue(elderlyAt - 15 * MINUTE);
    expect(elderly.effectiveAt).toBe(normal.effectiveAt);
    expect(ordered([elderly, normal])).toEqual([normal, elderly]);
  });

  it.each(['urgent', 'key_project'] as const)(
    'gives %s the green-channel head start of 30 minutes',
    (category) => {
      const green = issue(elderlyAt, [category]);
      const within = issue(elderlyAt - 29 * MINUTE);
      const beyond = issue(elderlyAt - 31 * MINUTE);
      // An elderly applicant arriving at the same moment gets only 15 minutes.
      const elderly = issue(elderlyAt, ['elderly']);
      expect(ordered([within, elderly, green, beyond])).toEqual([beyond, green, within, elderly]);
    },
  );

  it('applies the largest head start when a ticket has several categories', () => {
    const both = issue(elderlyAt, ['elderly', 'urgent']);
    const normal20 = issue(elderlyAt - 20 * MINUTE);
    // With only the elderly head start the 20-minute-old ticket would go first.
    expect(ordered([normal20, both])).toEqual([both, normal20]);
  });

  it('puts a checked-in appointment near its slot ahead of the last 10 minutes of walk-ins only', () => {
    const appointment = issue(elderlyAt, [], true);
    const nineAgo = issue(elderlyAt - 9 * MINUTE);
    const elevenAgo = issue(elderlyAt - 11 * MINUTE);
    expect(ordered([nineAgo, appointment, elevenAgo])).toEqual([elevenAgo, appointment, nineAgo]);
  });
});

describe('compareQueue ties', () => {
  it('orders by effective time first', () => {
    const a = buildTicket({ effectiveAt: T0, issuedAt: T0 + 10 * MINUTE, number: 'B009' });
    const b = buildTicket({ effectiveAt: T0 + 1, issuedAt: T0, number: 'A001' });
    expect(compareQueue(a, b)).toBeLessThan(0);
    expect(compareQueue(b, a)).toBeGreaterThan(0);
  });

  it('breaks a tie of effective time by issue time', () => {
    const early = buildTicket({ effectiveAt: T0, issuedAt: T0, number: 'B009' });
    const late = buildTicket({ effectiveAt: T0, issuedAt: T0 + 15 * MINUTE, number: 'A001' });
    expect(ordered([late, early])).toEqual([early, late]);
  });

  it('breaks a tie of effective and issue time by number', () => {
    const a = buildTicket({ effectiveAt: T0, issuedAt: T0, number: 'A002' });
    const b = buildTicket({ effectiveAt: T0, issuedAt: T0, number: 'A010' });
    const c = buildTicket({ effectiveAt: T0, issuedAt: T0, number: 'B001' });
    expect(ordered([c, b, a])).toEqual([a, b, c]);
    expect(compareQueue(b, a)).toBeGreaterThan(0);
  });

  it('is 0 only for the same key', () => {
    const a = buildTicket({ effectiveAt: T0, issuedAt: T0, number: 'A002' });
    expect(compareQueue(a, { ...a })).toBe(0);
  });

  it('gives the same order whatever order the tickets arrive in', () => {
    const tickets = [
      issue(T0, ['elderly']),
      issue(T0 - 15 * MINUTE),
      issue(T0 + MINUTE, ['urgent']),
      issue(T0 - 3 * MINUTE),
      issue(T0, [], true),
    ];
    const once = ordered(tickets).map((t) => t.id);
    expect(ordered([...tickets].reverse()).map((t) => t.id)).toEqual(once);
  });
});

describe('isPriority', () => {
  it('is true for any priority category and false for none', () => {
    expect(isPriority({ categories: [] })).toBe(false);
    expect(isPriority({ categories: ['military'] })).toBe(true);
    expect(isPriority({ categories: ['key_project'] })).toBe(true);
  });
});

describe('no starvation behind a stream of priority tickets', () => {
  /**
   * One window calls the first ticket of the queue once a minute; an elderly
   * applicant arrives every 30 seconds, forever. Returns when `target` is
   * called, with the tickets called before it while it waited.
   */
  function simulate(target: Ticket, streamStart: number, horizonMinutes: number) {
    const waiting: Ticket[] = [target];
    let nextArrival = streamStart;
    const overtakers: Ticket[] = [];
    for (let minute = 0; minute <= horizonMinutes; minute += 1) {
      const now = streamStart + minute * MINUTE;
      while (nextArrival <= now) {
        waiting.push(issue(nextArrival, ['elderly']));
        nextArrival += 30 * SECOND;
      }
      const callable = waiting.filter((t) => t.issuedAt <= now).sort(compareQueue);
      const next = callable[0];
      if (!next) continue;
      waiting.splice(waiting.indexOf(next), 1);
      if (next === target) return { calledAt: now, overtakers };
      if (target.issuedAt <= now) overtakers.push(next);
    }
    return { calledAt: null, overtakers };
  }

  it('calls the normal ticket within head start + a bounded time', () => {
    const normal = issue(T0);
    const { calledAt, overtakers } = simulate(normal, T0, 24 * 60);
    expect(calledAt).not.toBeNull();
    // Only the applicants who came within 15 minutes after it go first: 2 a minute for 15 minutes.
    const headStart = headStarts.elderly;
    expect(overtakers).toHaveLength(2 * headStart);
    expect(overtakers.every((t) => t.issuedAt < normal.issuedAt + headStart * MINUTE)).toBe(true);
    expect(((calledAt as number) - normal.issuedAt) / MINUTE).toBeLessThanOrEqual(headStart + 2 * headStart);
  });

  it('never lets a ticket issued more than the head start later overtake, wherever the normal ticket joins', () => {
    for (const joinMinute of [0, 7, 30, 90]) {
      const normal = issue(T0 + joinMinute * MINUTE + 10 * SECOND);
      const { calledAt, overtakers } = simulate(normal, T0, 24 * 60);
      expect(calledAt, `joined at minute ${joinMinute}`).not.toBeNull();
      for (const t of overtakers)
        expect(t.issuedAt).toBeLessThan(normal.issuedAt + headStarts.elderly * MINUTE);
      // Bounded by what was already waiting plus what arrives within the head start.
      const arrivedBefore =
        Math.floor((normal.issuedAt + headStarts.elderly * MINUTE - T0) / (30 * SECOND)) + 1;
      expect(overtakers.length).toBeLessThanOrEqual(arrivedBefore);
    }
  });
});

describe('reentryEffectiveTime (过号重排)', () => {
  const NOW = T0 + 2 * 60 * MINUTE;

  /** Where a returning ticket with this issue time lands in the queue. */
  function position(
    queue: QueueKey[],
    behind: number,
    returning: Pick<QueueKey, 'issuedAt' | 'number'>,
  ): number {
    const effectiveAt = reentryEffectiveTime(queue, behind, NOW);
    const back: QueueKey = { ...returning, effectiveAt };
    return ordered([...queue, back]).indexOf(back);
  }

  const key = (minutes: number, number: string, issuedMinutes = minutes): QueueKey => ({
    effectiveAt: T0 + minutes * MINUTE,
    issuedAt: T0 + issuedMinutes * MINUTE,
    number,
  });
  // The no-show ticket was issued early; on its own effective time it would go first.
  const returning = { issuedAt: T0 - 60 * MINUTE, number: 'A001' };

  it('puts the ticket behind exactly K tickets when the queue is longer than K', () => {
    const queue = [key(10, 'A010'), key(20, 'A020'), key(30, 'A030'), key(40, 'A040'), key(50, 'A050')];
    expect(position(queue, 3, returning)).toBe(3);
    expect(position(queue, 1, returning)).toBe(1);
    const at = reentryEffectiveTime(queue, 3, NOW);
    expect(at).toBeGreaterThan(queue[2]!.effectiveAt);
    expect(at).toBeLessThan(queue[3]!.effectiveAt);
  });

  it('puts the ticket at the end when the queue has K or fewer tickets', () => {
    const queue = [key(10, 'A010'), key(20, 'A020')];
    expect(position(queue, 3, returning)).toBe(2);
    expect(position(queue.slice(0, 1), 3, returning)).toBe(1);
    expect(position([...queue, key(30, 'A030')], 3, returning)).toBe(3);
    expect(reentryEffectiveTime(queue, 3, NOW)).toBeGreaterThanOrEqual(NOW);
  });

  it('puts the ticket after a queue tail whose effective time lies in the future', () => {
    const tail = key(200, 'A200');
    expect(tail.effectiveAt).toBeGreaterThan(NOW);
    expect(reentryEffectiveTime([tail], 3, NOW)).toBeGreaterThan(tail.effectiveAt);
  });

  it('gives now on an empty queue', () => {
    expect(reentryEffectiveTime([], 3, NOW)).toBe(NOW);
    expect(reentryEffectiveTime([], 0, NOW)).toBe(NOW);
  });

  it('counts tied tickets ahead of the boundary one by one', () => {
    const queue = [key(10, 'A010'), key(10, 'A011'), key(30, 'A030'), key(40, 'A040')];
    expect(position(queue, 2, returning)).toBe(2);
    const threeTied = [key(10, 'A010'), key(10, 'A011'), key(10, 'A012'), key(40, 'A040')];
    expect(position(threeTied, 3, returning)).toBe(3);
  });

  it('stays exactly behind K when the K-th and the next ticket are 1 ms apart', () => {
    const last = key(10, 'A010');
    const next: QueueKey = { effectiveAt: last.effectiveAt + 1, issuedAt: last.issuedAt + 1, number: 'A011' };
    expect(position([key(5, 'A005'), last, next], 2, returning)).toBe(2);
  });

  it('goes behind the whole tie when the K-th ticket ties with the next (never ahead of the K-th)', () => {
    // Epoch milliseconds leave no room between tied tickets; going behind the
    // tie is the only place that does not jump anyone.
    const queue = [key(10, 'A010'), key(20, 'A020'), key(20, 'A021'), key(20, 'A022'), key(40, 'A040')];
    const at = reentryEffectiveTime(queue, 2, NOW);
    expect(at).toBeGreaterThan(queue[1]!.effectiveAt);
    expect(at).toBeLessThan(queue[4]!.effectiveAt);
    expect(position(queue, 2, returning)).toBe(4);
  });

  it('puts the ticket first when K is 0', () => {
    const queue = [key(10, 'A010'), key(20, 'A020')];
    expect(position(queue, 0, returning)).toBe(0);
    expect(reentryEffectiveTime(queue, 0, NOW)).toBeLessThan(queue[0]!.effectiveAt);
  });

  it('uses K = 3 by default', () => {
    expect(defaultRules().reentryBehind).toBe(3);
  });
});
