import { describe, expect, it } from 'vitest';
import { cases, type RectificationCase } from '../../../server/src/domain/rectification/index.js';
import type { Evaluation, EvaluationLevel } from '../../../server/src/store/port.js';
import { buildHall, buildIssueInput, buildService, newId, T0 } from '../../helpers/factories.js';
import { expectDomainError, useStore, type MakeStore } from './setup.js';

/** 整改 cases: one per evaluation, compare-and-set steps with their events, filters. */
export function rectificationContract(makeStore: MakeStore): void {
  const store = useStore(makeStore);
  const SUP = { type: 'user' as const, id: 'sup-1' };

  async function rated(level: EvaluationLevel) {
    const hall = (await store().saveHall(buildHall(), [])).hall;
    const service = (await store().saveService(buildService(hall), [])).service;
    const { ticket } = await store().issueTicket(buildIssueInput(service));
    const evaluation: Evaluation = {
      id: newId('ev'),
      hallId: hall.id,
      ticketId: ticket.id,
      serviceId: service.id,
      windowId: null,
      clerkId: null,
      level,
      reasons: [],
      comment: '',
      channel: 'qr',
      deviceId: null,
      at: T0,
    };
    await store().saveEvaluation(evaluation, []);
    return { hall, ticket, evaluation };
  }

  function caseOf(e: Evaluation, number: string): ReturnType<typeof cases.openCase> {
    return cases.openCase(
      newId('case'),
      { ...e, evaluationId: e.id, ticketNumber: number, ratedAt: e.at },
      { day: '2025-03-10', at: T0 + 7 * 86_400_000 },
      T0,
      SUP,
    );
  }

  it('opens one case per evaluation; a second open returns the first without events', async () => {
    const { hall, ticket, evaluation } = await rated(1);
    expect((await store().listUnfollowedBadRatings(hall.id, 10)).map((e) => e.id)).toEqual([evaluation.id]);
    const first = caseOf(evaluation, ticket.number);
    const opened = await store().openRectification(first.next, [first.event]);
    expect(opened).toMatchObject({ created: true, rectification: first.next });
    expect(opened.events.map((e) => e.type)).toEqual(['rectification.opened']);
    const again = caseOf(evaluation, ticket.number);
    const second = await store().openRectification(again.next, [again.event]);
    expect(second).toEqual({ rectification: first.next, events: [], created: false });
    expect(await store().getRectificationByTicket(ticket.id)).toEqual(first.next);
    expect(await store().listUnfollowedBadRatings(hall.id, 10)).toEqual([]);
  });

  it('leaves good ratings out of the follow-up list', async () => {
    const { hall } = await rated(4);
    expect(await store().listUnfollowedBadRatings(hall.id, 10)).toEqual([]);
  });

  describe('steps', () => {
    it('apply with the expected version and refuse a stale one, changing nothing', async () => {
      const { hall, ticket, evaluation } = await rated(2);
      const open = caseOf(evaluation, ticket.number);
      await store().openRectification(open.next, [open.event]);
      const step = cases.assign(open.next, 'clerk-1', T0 + 1, SUP);
      const done = await store().updateRectification({
        next: step.next,
        expectedVersion: 1,
        events: [step.event],
      });
      expect(done.rectification).toMatchObject({ status: 'assigned', version: 2 });
      const seq = await store().lastSeq(hall.id);
      await expectDomainError(
        store().updateRectification({ next: step.next, expectedVersion: 1, events: [step.event] }),
        'conflict',
      );
      expect(await store().lastSeq(hall.id)).toBe(seq);
      await expectDomainError(
        store().updateRectification({ next: { ...step.next, id: 'nope' }, expectedVersion: 2, events: [] }),
        'not_found',
      );
    });

    it('lists by status, assignee and overdue', async () => {
      const { hall, ticket, evaluation } = await rated(1);
      const open = caseOf(evaluation, ticket.number);
      await store().openRectification(open.next, [open.event]);
      const c: RectificationCase = open.next;
      expect(await store().listRectifications(hall.id, { statuses: ['open'] })).toEqual([c]);
      expect(await store().listRectifications(hall.id, { statuses: ['closed'] })).toEqual([]);
      expect(await store().listRectifications(hall.id, { overdueAt: c.deadlineAt - 1 })).toEqual([]);
      expect(await store().listRectifications(hall.id, { overdueAt: c.deadlineAt })).toEqual([c]);
      expect(await store().listRectifications(hall.id, { assigneeId: 'x' })).toEqual([]);
    });
  });
}
