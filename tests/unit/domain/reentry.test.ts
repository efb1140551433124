import { describe, expect, it } from 'vitest';
import {
  compareQueue,
  effectiveTime,
  eligibilityGroup,
  isEligible,
  reactivationEffectiveTime,
  type PriorityCategory,
  type Ticket,
} from '../../../server/src/domain/index.js';
import {
  MINUTE,
  SECOND,
  T0,
  buildContext,
  buildRules,
  buildService,
  buildTicket,
  buildWindow,
} from '../../helpers/domain-builders.js';

const rules = buildRules();

/** A hall with a comprehensive window, a 社保 domain window and a green channel that takes overflow. */
function hall() {
  const social = buildService({ domain: '社保' });
  const property = buildService({ domain: '不动产登记' });
  const comprehensive = buildWindow({ kind: 'comprehensive' });
  const socialDesk = buildWindow({ kind: 'domain', domains: ['社保'] });
  const green = buildWindow({ kind: 'green_channel', overflow: true });
  const ctx = buildContext([social, property], [comprehensive, socialDesk, green]);
  return { social, property, comprehensive, socialDesk, green, ctx };
}

function waitingSince(
  serviceId: string,
  issuedAt: number,
  categories: PriorityCategory[] = [],
  more: Partial<Ticket> = {},
): Ticket {
  return buildTicket({
    serviceId,
    issuedAt,
    categories,
    effectiveAt: effectiveTime(issuedAt, categories, rules.headStarts),
    ...more,
  });
}

/** Position (0-based) a ticket with this effective time takes among `tickets` in queue order. */
function placeAmong(ticket: Ticket, tickets: readonly Ticket[]): number {
  return [...tickets, ticket].sort(compareQueue).indexOf(ticket);
}

describe('eligibilityGroup', () => {
  it('holds the waiting tickets that can be called at exactly the same windows', () => {
    const h = hall();
    const elderlySocial = waitingSince(h.social.id, T0, ['elderly'], { status: 'no_show' });
    const normalSocial = waitingSince(h.social.id, T0 + MINUTE);
    const otherElderly = waitingSince(h.social.id, T0 + 2 * MINUTE, ['elderly']);
    const normalProperty = waitingSince(h.property.id, T0 + 3 * MINUTE);
    const group = eligibilityGroup(elderlySocial, [normalProperty, otherElderly, normalSocial], h.ctx);
    // The green channel takes overflow, so normal 社保 tickets compete for the same three windows;
    // 不动产 tickets cannot go to the 社保 desk, so they are another group.
    // In queue order: the elderly ticket's head start puts it first.
    expect(group).toEqual([otherElderly, normalSocial]);
  });

  it('leaves closed windows out: with the 社保 desk closed, 社保 and 不动产 tickets compete alike', () => {
    const h = hall();
    const closed = buildContext(h.ctx.services, [
      h.comprehensive,
      { ...h.socialDesk, state: 'closed' },
      h.green,
    ]);
    const t = waitingSince(h.social.id, T0);
    const property = waitingSince(h.property.id, T0 + MINUTE);
    expect(eligibilityGroup(t, [property], closed)).toEqual([property]);
    expect(eligibilityGroup(t, [property], h.ctx)).toEqual([]);
  });

  it('keeps tickets transferred to one window apart from those the whole hall may call', () => {
    const h = hall();
    const t = waitingSince(h.social.id, T0);
    const sent = waitingSince(h.social.id, T0 + MINUTE, [], { targetWindowId: h.socialDesk.id });
    const free = waitingSince(h.social.id, T0 + 2 * MINUTE);
    expect(eligibilityGroup(t, [sent, free], h.ctx)).toEqual([free]);
  });
});

describe('reactivationEffectiveTime (过号重排)', () => {
  it('re-enters behind K waiting tickets of its own group, not of everything a window may call', () => {
    const h = hall();
    const missed = waitingSince(h.social.id, T0, [], { status: 'no_show' });
    const own = [1, 2, 3, 4, 5].map((i) => waitingSince(h.social.id, T0 + i * MINUTE));
    // 不动产 tickets that came earlier: the comprehensive window (and the green channel's overflow)
    // may call them too, but they do not compete for the 社保 desk.
    const others = [1, 2, 3, 4].map((i) => waitingSince(h.property.id, T0 + i * 10 * SECOND));
    const at = reactivationEffectiveTime({
      ticket: missed,
      waiting: [...others, ...own],
      ctx: h.ctx,
      behind: rules.reentryBehind,
      now: T0 + 20 * MINUTE,
    });
    const back = { ...missed, effectiveAt: at };
    expect(placeAmong(back, own)).toBe(3);
    expect(at).toBeGreaterThan(own[2]!.effectiveAt);
    expect(at).toBeLessThan(own[3]!.effectiveAt);
  });

  it('never takes an effective time earlier than the one it had', () => {
    const h = hall();
    // Elderly ticket issued at 10:20 with a 15-minute head start: effective 10:05. The green channel
    // called it ahead of normal tickets that were ahead of it in the hall's order.
    const missed = waitingSince(h.social.id, T0 + 20 * MINUTE, ['elderly'], { status: 'no_show' });
    const ahead = Array.from({ length: 28 }, (_, i) => waitingSince(h.social.id, T0 + i * 10 * SECOND));
    const at = reactivationEffectiveTime({
      ticket: missed,
      waiting: ahead,
      ctx: h.ctx,
      behind: rules.reentryBehind,
      now: T0 + 21 * MINUTE,
    });
    expect(at).toBe(missed.effectiveAt);
    // Not ahead of any of the 28 that were ahead of it.
    expect(placeAmong({ ...missed, effectiveAt: at }, ahead)).toBe(28);
  });

  it('goes behind everyone of its group, at the earliest now, when fewer than K wait', () => {
    const h = hall();
    const missed = waitingSince(h.social.id, T0, [], { status: 'no_show' });
    const one = waitingSince(h.social.id, T0 + MINUTE);
    const now = T0 + 10 * MINUTE;
    const at = reactivationEffectiveTime({ ticket: missed, waiting: [one], ctx: h.ctx, behind: 3, now });
    expect(at).toBe(now);
  });

  it('with K = 0 keeps its old place rather than jumping the queue', () => {
    const h = hall();
    const missed = waitingSince(h.social.id, T0 + 5 * MINUTE, [], { status: 'no_show' });
    const earlier = waitingSince(h.social.id, T0);
    const at = reactivationEffectiveTime({
      ticket: missed,
      waiting: [earlier],
      ctx: h.ctx,
      behind: 0,
      now: T0 + 6 * MINUTE,
    });
    expect(at).toBe(missed.effectiveAt);
    expect(placeAmong({ ...missed, effectiveAt: at }, [earlier])).toBe(1);
  });

  it('takes one place, so every window that can call it sees the same tickets of its group ahead', () => {
    const h = hall();
    const missed = waitingSince(h.social.id, T0 - 40 * MINUTE, ['elderly'], { status: 'no_show' });
    const elderly = [1, 2, 3, 4, 5].map((i) => waitingSince(h.social.id, T0 + i * MINUTE, ['elderly']));
    const normals = [1, 2, 3, 4, 5].map((i) => waitingSince(h.social.id, T0 - 30 * MINUTE + i * MINUTE));
    const property = [1, 2, 3].map((i) => waitingSince(h.property.id, T0 - 40 * MINUTE + i * MINUTE));
    const waiting = [...elderly, ...normals, ...property];
    const at = reactivationEffectiveTime({
      ticket: missed,
      waiting,
      ctx: h.ctx,
      behind: 3,
      now: T0 + 30 * MINUTE,
    });
    const back = { ...missed, effectiveAt: at };
    const group = [...elderly, ...normals];
    const aheadAt = (w: (typeof h)['green']) => {
      const queue = [...waiting.filter((t) => isEligible(w, t, h.ctx)), back].sort(compareQueue);
      return queue.slice(0, queue.indexOf(back)).filter((t) => group.includes(t));
    };
    const seen = [h.comprehensive, h.socialDesk, h.green].map(aheadAt);
    // Behind three 社保 tickets that compete for the same windows, the same three everywhere.
    expect(seen[0]).toEqual(normals.slice(0, 3));
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[2]).toEqual(seen[0]);
  });
});
