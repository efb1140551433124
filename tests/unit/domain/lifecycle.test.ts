import { describe, expect, it } from 'vitest';
import {
  ACTIVE_AT_WINDOW,
  CITIZEN,
  DomainError,
  SYSTEM,
  TERMINAL_STATUSES,
  TICKET_STATUSES,
  lifecycle,
  type Actor,
  type Ticket,
  type TicketChange,
  type TicketStatus,
} from '../../../server/src/domain/index.js';
import { MINUTE, T0, buildRules, buildTicket } from '../../helpers/domain-builders.js';

const CLERK: Actor = { type: 'user', id: 'clerk-7' };
const KEYPAD: Actor = { type: 'device', id: 'keypad-3' };
const rules = buildRules({ recallLimit: 2, noShowReactivateMinutes: 30 });
const AT = T0 + 20 * MINUTE;

function apply(t: Ticket, change: TicketChange): Ticket {
  return { ...t, ...change.patch, version: t.version + 1 };
}

/** A ticket in the given status with the fields that status implies. */
function inStatus(status: TicketStatus, overrides: Partial<Ticket> = {}): Ticket {
  const atWindow = status !== 'waiting';
  return buildTicket({
    status,
    serviceId: 'sb',
    windowId: atWindow ? 'win-3' : null,
    callCount: status === 'called' ? 1 : 0,
    calledAt: atWindow ? T0 + 5 * MINUTE : null,
    startedAt: status === 'serving' || status === 'held' || status === 'completed' ? T0 + 6 * MINUTE : null,
    endedAt: ['completed', 'no_show', 'cancelled', 'expired'].includes(status) ? T0 + 10 * MINUTE : null,
    ...overrides,
  });
}

function frozen(t: Ticket): Ticket {
  Object.freeze(t.categories);
  return Object.freeze(t);
}

interface Action {
  name: string;
  allowed: TicketStatus[];
  run: (t: Ticket) => TicketChange;
}

const ACTIONS: Action[] = [
  { name: 'call', allowed: ['waiting'], run: (t) => lifecycle.call(t, 'win-3', AT, KEYPAD) },
  { name: 'recall', allowed: ['called'], run: (t) => lifecycle.recall(t, rules, AT, CLERK) },
  { name: 'start', allowed: ['called'], run: (t) => lifecycle.start(t, AT, CLERK) },
  { name: 'complete', allowed: ['serving'], run: (t) => lifecycle.complete(t, AT, CLERK) },
  { name: 'noShow', allowed: ['called'], run: (t) => lifecycle.noShow(t, AT, CLERK) },
  { name: 'reactivate', allowed: ['no_show'], run: (t) => lifecycle.reactivate(t, rules, T0, AT, CITIZEN) },
  {
    name: 'transfer',
    allowed: ['waiting', 'called', 'serving'],
    run: (t) => lifecycle.transfer(t, { serviceId: 'yb', windowId: null, reason: '材料属医保' }, AT, CLERK),
  },
  { name: 'hold', allowed: ['serving'], run: (t) => lifecycle.hold(t, '缺身份证复印件', AT, CLERK) },
  { name: 'callBack', allowed: ['held'], run: (t) => lifecycle.callBack(t, AT, CLERK) },
  {
    name: 'cancel',
    allowed: ['waiting', 'called', 'serving', 'held'],
    run: (t) => lifecycle.cancel(t, '群众离开', AT, CLERK),
  },
  { name: 'expire', allowed: ['waiting', 'called', 'held'], run: (t) => lifecycle.expire(t, AT, SYSTEM) },
];

describe('every action in every wrong state', () => {
  const cases = ACTIONS.flatMap((a) =>
    TICKET_STATUSES.filter((s) => !a.allowed.includes(s)).map((s) => [a.name, s, a] as const),
  );

  it('covers every action and status pair', () => {
    const allowedPairs = ACTIONS.reduce((n, a) => n + a.allowed.length, 0);
    expect(cases.length + allowedPairs).toBe(ACTIONS.length * TICKET_STATUSES.length);
  });

  it.each(cases)(
    '%s on a %s ticket is refused with invalid_state and changes nothing',
    (_name, status, action) => {
      const t = frozen(inStatus(status));
      const before = structuredClone(t);
      let caught: unknown;
      try {
        action.run(t);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(DomainError);
      const err = caught as DomainError;
      expect(err.code).toBe('invalid_state');
      expect(err.details).toMatchObject({ ticketId: t.id, status, allowed: action.allowed });
      expect(err.message).toContain(t.number);
      expect(t).toEqual(before);
    },
  );
});

describe('every action in every right state', () => {
  const cases = ACTIONS.flatMap((a) => a.allowed.map((s) => [a.name, s, a] as const));

  it.each(cases)(
    '%s on a %s ticket returns a change without touching the ticket',
    (_name, status, action) => {
      const t = frozen(inStatus(status, status === 'no_show' ? { endedAt: AT - MINUTE } : {}));
      const before = structuredClone(t);
      const change = action.run(t);
      expect(t).toEqual(before);
      expect(change.event.from).toBe(status);
      expect(change.event.to).toBe(change.patch.status ?? status);
      expect(change.event.ticketId).toBe(t.id);
      expect(change.event.hallId).toBe(t.hallId);
      expect(change.event.at).toBe(AT);
    },
  );
});

describe('call', () => {
  it('moves a waiting ticket to called at the window, first call', () => {
    const t = inStatus('waiting', { targetWindowId: 'win-3' });
    const { patch, event } = lifecycle.call(t, 'win-3', AT, KEYPAD, { specific: true });
    expect(patch).toEqual({
      status: 'called',
      windowId: 'win-3',
      targetWindowId: null,
      callCount: 1,
      calledAt: AT,
    });
    expect(event).toEqual({
      hallId: t.hallId,
      type: 'ticket.called',
      at: AT,
      actor: KEYPAD,
      ticketId: t.id,
      windowId: 'win-3',
      from: 'waiting',
      to: 'called',
      data: { number: t.number, serviceId: 'sb', specific: true },
    });
  });
});

describe('recall', () => {
  it('allows the first call and recallLimit recalls, then refuses with recall_limit_reached', () => {
    let t = apply(inStatus('waiting'), lifecycle.call(inStatus('waiting'), 'win-3', T0, KEYPAD));
    expect(t.callCount).toBe(1);
    t = apply(t, lifecycle.recall(t, rules, T0 + MINUTE, KEYPAD));
    expect(t.callCount).toBe(2);
    t = apply(t, lifecycle.recall(t, rules, T0 + 2 * MINUTE, KEYPAD));
    expect(t.callCount).toBe(3);
    const before = structuredClone(t);
    let caught: unknown;
    try {
      lifecycle.recall(frozen(t), rules, T0 + 3 * MINUTE, KEYPAD);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect((caught as DomainError).code).toBe('recall_limit_reached');
    expect((caught as DomainError).details).toMatchObject({ callCount: 3, recallLimit: 2 });
    expect(t).toEqual(before);
    // The way out is no-show.
    expect(lifecycle.noShow(t, T0 + 3 * MINUTE, KEYPAD).patch.status).toBe('no_show');
  });

  it('with recallLimit 0 refuses every recall', () => {
    const t = inStatus('called', { callCount: 1 });
    expect(() => lifecycle.recall(t, buildRules({ recallLimit: 0 }), AT, CLERK)).toThrow(
      expect.objectContaining({ code: 'recall_limit_reached' }),
    );
  });

  it('is a new call of the same ticket at the same window', () => {
    const t = inStatus('called', { callCount: 1 });
    const { patch, event } = lifecycle.recall(t, rules, AT, CLERK);
    expect(patch).toEqual({ callCount: 2, calledAt: AT });
    expect(event).toMatchObject({
      type: 'ticket.recalled',
      from: 'called',
      to: 'called',
      windowId: 'win-3',
      actor: CLERK,
      data: { number: t.number, serviceId: 'sb', callCount: 2 },
    });
  });
});

describe('start, complete, no-show', () => {
  it('start moves called to serving', () => {
    const { patch, event } = lifecycle.start(inStatus('called'), AT, CLERK);
    expect(patch).toEqual({ status: 'serving', startedAt: AT });
    expect(event).toMatchObject({
      type: 'ticket.started',
      from: 'called',
      to: 'serving',
      windowId: 'win-3',
      actor: CLERK,
    });
  });

  it('complete records the service time for the ETA model', () => {
    const t = inStatus('serving', { startedAt: AT - 7 * MINUTE });
    const { patch, event } = lifecycle.complete(t, AT, CLERK);
    expect(patch).toEqual({ status: 'completed', endedAt: AT });
    expect(event).toMatchObject({
      type: 'ticket.completed',
      from: 'serving',
      to: 'completed',
      windowId: 'win-3',
      data: { serviceId: 'sb', serviceMs: 7 * MINUTE },
    });
  });

  it('complete gives no service time when the start was not recorded', () => {
    const t = inStatus('serving', { startedAt: null });
    const { event } = lifecycle.complete(t, AT, CLERK);
    expect(event.type === 'ticket.completed' && event.data.serviceMs).toBeNull();
  });

  it('no-show ends the ticket at the window', () => {
    const { patch, event } = lifecycle.noShow(inStatus('called'), AT, KEYPAD);
    expect(patch).toEqual({ status: 'no_show', endedAt: AT });
    expect(event).toMatchObject({
      type: 'ticket.no_show',
      from: 'called',
      to: 'no_show',
      windowId: 'win-3',
      actor: KEYPAD,
    });
  });
});

describe('reactivate (过号重排)', () => {
  const missedAt = T0 + 10 * MINUTE;
  const noShow = () => frozen(inStatus('no_show', { endedAt: missedAt, callCount: 3 }));

  it('puts the ticket back to waiting with the given effective time', () => {
    const effectiveAt = T0 + 12 * MINUTE + 5;
    const { patch, event } = lifecycle.reactivate(
      noShow(),
      rules,
      effectiveAt,
      missedAt + 5 * MINUTE,
      CITIZEN,
    );
    expect(patch).toEqual({
      status: 'waiting',
      windowId: null,
      callCount: 0,
      calledAt: null,
      endedAt: null,
      effectiveAt,
    });
    expect(event).toMatchObject({
      type: 'ticket.reactivated',
      from: 'no_show',
      to: 'waiting',
      actor: CITIZEN,
      windowId: null,
      data: { behind: rules.reentryBehind },
    });
  });

  it('is allowed up to exactly the configured minutes', () => {
    expect(() => lifecycle.reactivate(noShow(), rules, T0, missedAt + 30 * MINUTE, CITIZEN)).not.toThrow();
  });

  it('is refused with reactivation_expired after the configured minutes, changing nothing', () => {
    const t = noShow();
    const before = structuredClone(t);
    expect(() => lifecycle.reactivate(t, rules, T0, missedAt + 30 * MINUTE + 1, CITIZEN)).toThrow(
      expect.objectContaining({ code: 'reactivation_expired', details: { ticketId: t.id } }),
    );
    expect(t).toEqual(before);
  });

  it('follows the configured reactivation time', () => {
    const strict = buildRules({ noShowReactivateMinutes: 5 });
    expect(() => lifecycle.reactivate(noShow(), strict, T0, missedAt + 6 * MINUTE, CITIZEN)).toThrow(
      DomainError,
    );
    expect(() => lifecycle.reactivate(noShow(), strict, T0, missedAt + 4 * MINUTE, CITIZEN)).not.toThrow();
  });

  it('gives a re-activated ticket a fresh set of recalls', () => {
    let t = apply(noShow(), lifecycle.reactivate(noShow(), rules, T0, missedAt + MINUTE, CITIZEN));
    t = apply(t, lifecycle.call(t, 'win-1', missedAt + 2 * MINUTE, KEYPAD));
    expect(t.callCount).toBe(1);
    expect(() => lifecycle.recall(t, rules, missedAt + 3 * MINUTE, KEYPAD)).not.toThrow();
  });
});

describe('transfer', () => {
  const target = { serviceId: 'yb', windowId: 'win-9', reason: '转医保窗口' };

  it.each(['waiting', 'called', 'serving'] as const)(
    'from %s goes back to waiting for another matter and window, keeping its place',
    (status) => {
      const t = frozen(
        inStatus(status, {
          issuedAt: T0,
          effectiveAt: T0 - 15 * MINUTE,
          categories: ['elderly'],
          transferCount: 1,
        }),
      );
      const { patch, event } = lifecycle.transfer(t, target, AT, CLERK);
      expect(patch).toEqual({
        status: 'waiting',
        serviceId: 'yb',
        targetWindowId: 'win-9',
        windowId: null,
        callCount: 0,
        calledAt: null,
        startedAt: null,
        transferCount: 2,
      });
      // Issue and effective time are not in the patch: the queue place is kept.
      const after = apply(t, { patch, event });
      expect(after.issuedAt).toBe(T0);
      expect(after.effectiveAt).toBe(T0 - 15 * MINUTE);
      expect(after.categories).toEqual(['elderly']);
      expect(event).toMatchObject({
        type: 'ticket.transferred',
        from: status,
        to: 'waiting',
        actor: CLERK,
        windowId: t.windowId,
        data: { fromServiceId: 'sb', toServiceId: 'yb', toWindowId: 'win-9', reason: '转医保窗口' },
      });
    },
  );

  it('to another matter without a window routes normally', () => {
    const { patch } = lifecycle.transfer(
      inStatus('called'),
      { serviceId: 'yb', windowId: null, reason: '' },
      AT,
      CLERK,
    );
    expect(patch.serviceId).toBe('yb');
    expect(patch.targetWindowId).toBeNull();
  });

  it('to a window for the same matter is allowed', () => {
    const { patch } = lifecycle.transfer(
      inStatus('serving'),
      { serviceId: 'sb', windowId: 'win-9', reason: '' },
      AT,
      CLERK,
    );
    expect(patch).toMatchObject({ serviceId: 'sb', targetWindowId: 'win-9' });
  });

  it('to the same matter without a window is refused with invalid_transfer, changing nothing', () => {
    const t = frozen(inStatus('serving'));
    const before = structuredClone(t);
    expect(() => lifecycle.transfer(t, { serviceId: 'sb', windowId: null, reason: '' }, AT, CLERK)).toThrow(
      expect.objectContaining({ code: 'invalid_transfer' }),
    );
    expect(t).toEqual(before);
  });

  it('counts every transfer', () => {
    let t = inStatus('serving');
    t = apply(t, lifecycle.transfer(t, { serviceId: 'yb', windowId: null, reason: '' }, AT, CLERK));
    t = apply(t, lifecycle.transfer(t, { serviceId: 'hj', windowId: null, reason: '' }, AT + 1, CLERK));
    expect(t.transferCount).toBe(2);
    expect(t.serviceId).toBe('hj');
    expect(t.status).toBe('waiting');
  });
});

describe('hold and call back (挂起 / 回呼)', () => {
  it('hold sets a serving ticket aside, staying with its window', () => {
    const t = inStatus('serving');
    const { patch, event } = lifecycle.hold(t, '回去取户口本', AT, CLERK);
    expect(patch).toEqual({ status: 'held' });
    expect(apply(t, { patch, event }).windowId).toBe('win-3');
    expect(event).toMatchObject({
      type: 'ticket.held',
      from: 'serving',
      to: 'held',
      windowId: 'win-3',
      actor: CLERK,
      data: { reason: '回去取户口本' },
    });
  });

  it('call back calls the held ticket again to the same window', () => {
    const t = inStatus('held');
    const { patch, event } = lifecycle.callBack(t, AT, CLERK);
    expect(patch).toEqual({ status: 'called', callCount: 1, calledAt: AT });
    expect(event).toMatchObject({
      type: 'ticket.called_back',
      from: 'held',
      to: 'called',
      windowId: 'win-3',
      data: { number: t.number, serviceId: 'sb' },
    });
  });
});

describe('cancel and expire', () => {
  it.each(['waiting', 'called', 'serving', 'held'] as const)('cancel ends a %s ticket', (status) => {
    const t = inStatus(status);
    const { patch, event } = lifecycle.cancel(t, '群众离开', AT, CLERK);
    expect(patch).toEqual({ status: 'cancelled', endedAt: AT });
    expect(event).toMatchObject({
      type: 'ticket.cancelled',
      from: status,
      to: 'cancelled',
      windowId: t.windowId,
      data: { reason: '群众离开' },
    });
  });

  it.each(['waiting', 'called', 'held'] as const)(
    'expire closes a %s ticket at end of day as the system',
    (status) => {
      const t = inStatus(status);
      const { patch, event } = lifecycle.expire(t, AT, SYSTEM);
      expect(patch).toEqual({ status: 'expired', endedAt: AT });
      expect(event).toMatchObject({
        type: 'ticket.expired',
        from: status,
        to: 'expired',
        actor: SYSTEM,
        windowId: t.windowId,
      });
    },
  );
});

describe('a whole visit', () => {
  it('chains events whose from is the previous to, each with its actor and window', () => {
    let t = inStatus('waiting');
    const changes: TicketChange[] = [];
    const step = (change: TicketChange) => {
      changes.push(change);
      t = apply(t, change);
    };
    step(lifecycle.call(t, 'win-3', T0 + MINUTE, KEYPAD));
    step(lifecycle.recall(t, rules, T0 + 2 * MINUTE, KEYPAD));
    step(lifecycle.start(t, T0 + 3 * MINUTE, CLERK));
    step(lifecycle.hold(t, '取材料', T0 + 4 * MINUTE, CLERK));
    step(lifecycle.callBack(t, T0 + 9 * MINUTE, CLERK));
    step(lifecycle.start(t, T0 + 10 * MINUTE, CLERK));
    step(lifecycle.complete(t, T0 + 15 * MINUTE, CLERK));

    expect(changes.map((c) => c.event.type)).toEqual([
      'ticket.called',
      'ticket.recalled',
      'ticket.started',
      'ticket.held',
      'ticket.called_back',
      'ticket.started',
      'ticket.completed',
    ]);
    expect(changes.map((c) => [c.event.from, c.event.to])).toEqual([
      ['waiting', 'called'],
      ['called', 'called'],
      ['called', 'serving'],
      ['serving', 'held'],
      ['held', 'called'],
      ['called', 'serving'],
      ['serving', 'completed'],
    ]);
    expect(changes.every((c) => c.event.windowId === 'win-3')).toBe(true);
    expect(changes.map((c) => c.event.actor)).toEqual([KEYPAD, KEYPAD, CLERK, CLERK, CLERK, CLERK, CLERK]);
    expect(t.status).toBe('completed');
    const last = changes.at(-1)?.event;
    expect(last?.type === 'ticket.completed' && last.data.serviceMs).toBe(5 * MINUTE);
  });
});

describe('status sets', () => {
  it('terminal statuses accept no action but re-activation of a no-show', () => {
    expect([...TERMINAL_STATUSES].sort()).toEqual(['cancelled', 'completed', 'expired', 'no_show']);
    for (const status of TERMINAL_STATUSES) {
      const usable = ACTIONS.filter((a) => a.allowed.includes(status)).map((a) => a.name);
      expect(usable).toEqual(status === 'no_show' ? ['reactivate'] : []);
    }
  });

  it('a ticket occupies its window while called or serving', () => {
    expect([...ACTIVE_AT_WINDOW].sort()).toEqual(['called', 'serving']);
  });
});

describe('leavesWindow', () => {
  it('is true when a change takes the ticket off the counter', () => {
    expect(lifecycle.leavesWindow('called', 'no_show')).toBe(true);
    expect(lifecycle.leavesWindow('serving', 'completed')).toBe(true);
    expect(lifecycle.leavesWindow('serving', 'held')).toBe(true);
    expect(lifecycle.leavesWindow('called', 'waiting')).toBe(true);
  });

  it('is false when it stays or was not there', () => {
    expect(lifecycle.leavesWindow('called', 'serving')).toBe(false);
    expect(lifecycle.leavesWindow('called', 'called')).toBe(false);
    expect(lifecycle.leavesWindow('waiting', 'called')).toBe(false);
    expect(lifecycle.leavesWindow('held', 'cancelled')).toBe(false);
    expect(lifecycle.leavesWindow('serving', undefined)).toBe(false);
  });
});

describe('entersWindow', () => {
  it('is true when a change puts the ticket at the counter', () => {
    expect(lifecycle.entersWindow('waiting', 'called')).toBe(true);
    expect(lifecycle.entersWindow('held', 'called')).toBe(true);
  });

  it('is false when it was there already, does not arrive, or nothing changes', () => {
    expect(lifecycle.entersWindow('called', 'serving')).toBe(false);
    expect(lifecycle.entersWindow('serving', 'held')).toBe(false);
    expect(lifecycle.entersWindow('no_show', 'waiting')).toBe(false);
    expect(lifecycle.entersWindow('waiting', undefined)).toBe(false);
  });
});
