import { describe, expect, it } from 'vitest';
import type { Evaluation, PrintJob } from '../../../server/src/store/port.js';
import {
  buildDevice,
  buildEvent,
  buildHall,
  buildIssueInput,
  buildService,
  newId,
  T0,
} from '../../helpers/factories.js';
import { expectDomainError, useStore, type MakeStore } from './setup.js';

/** Hall settings, print jobs and ratings. */
export function extrasContract(makeStore: MakeStore): void {
  const store = useStore(makeStore);

  async function hallWithTicket() {
    const hall = (await store().saveHall(buildHall(), [])).hall;
    const service = (await store().saveService(buildService(hall), [])).service;
    const { ticket } = await store().issueTicket(buildIssueInput(service));
    return { hall, service, ticket };
  }

  describe('hall settings', () => {
    it('stores a JSON document per hall and key, replaces it, and audits in the same step', async () => {
      const hall = (await store().saveHall(buildHall(), [])).hall;
      expect(await store().getHallSetting(hall.id, 'ticket-layout')).toBeNull();
      const layout = { logoText: '银川市民大厅', notice: ['过号请重新取号'] };
      const events = (
        await store().saveHallSetting(hall.id, 'ticket-layout', layout, T0, [buildEvent(hall.id)])
      ).events;
      expect(events.map((e) => e.seq)).toEqual([1]);
      expect(await store().getHallSetting(hall.id, 'ticket-layout')).toEqual(layout);
      await store().saveHallSetting(hall.id, 'ticket-layout', { logoText: 'x' }, T0 + 1, []);
      expect(await store().getHallSetting(hall.id, 'ticket-layout')).toEqual({ logoText: 'x' });
      expect(await store().getHallSetting(hall.id, 'voice')).toBeNull();
    });

    it('refuses an unknown hall and changes nothing', async () => {
      await expectDomainError(store().saveHallSetting('no-hall', 'voice', {}, T0, []), 'not_found');
    });
  });

  describe('print jobs', () => {
    function job(hallId: string, deviceId: string, ticketId: string, over: Partial<PrintJob> = {}): PrintJob {
      return {
        id: newId('job'),
        hallId,
        deviceId,
        ticketId,
        copy: 1,
        status: 'queued',
        attempts: 0,
        error: null,
        createdAt: T0,
        updatedAt: T0,
        ...over,
      };
    }

    it('queues, moves with expected status, and lists by device and status', async () => {
      const { hall, ticket } = await hallWithTicket();
      const printer = (await store().saveDevice(buildDevice(hall, { kind: 'printer' }), [])).device;
      const first = await store().createPrintJob(job(hall.id, printer.id, ticket.id), [
        buildEvent(hall.id, { type: 'print.queued', ticketId: ticket.id }),
      ]);
      expect(first.events.map((e) => e.type)).toEqual(['print.queued']);
      const sent = await store().updatePrintJob({
        id: first.job.id,
        expectedStatuses: ['queued'],
        patch: { status: 'sent', attempts: 1, updatedAt: T0 + 1 },
        events: [],
      });
      expect(sent.job).toMatchObject({ status: 'sent', attempts: 1, updatedAt: T0 + 1 });
      // A stale move (already sent) changes nothing.
      await expectDomainError(
        store().updatePrintJob({
          id: first.job.id,
          expectedStatuses: ['queued'],
          patch: { status: 'failed', updatedAt: T0 + 2 },
          events: [],
        }),
        'conflict',
      );
      expect(await store().getPrintJob(first.job.id)).toEqual(sent.job);
      const reprint = await store().createPrintJob(
        job(hall.id, printer.id, ticket.id, { copy: 2, createdAt: T0 + 5 }),
        [],
      );
      expect((await store().listPrintJobs({ deviceId: printer.id })).map((j) => j.id)).toEqual([
        first.job.id,
        reprint.job.id,
      ]);
      expect(
        (await store().listPrintJobs({ deviceId: printer.id, statuses: ['queued'] })).map((j) => j.id),
      ).toEqual([reprint.job.id]);
      expect(await store().listPrintJobs({ ticketId: ticket.id, statuses: [] })).toEqual([]);
    });

    it('refuses the same copy twice and unknown references', async () => {
      const { hall, ticket } = await hallWithTicket();
      const printer = (await store().saveDevice(buildDevice(hall, { kind: 'printer' }), [])).device;
      await store().createPrintJob(job(hall.id, printer.id, ticket.id), []);
      await expectDomainError(store().createPrintJob(job(hall.id, printer.id, ticket.id), []), 'conflict');
      await expectDomainError(
        store().createPrintJob(job(hall.id, 'no-device', ticket.id, { copy: 3 }), []),
        'not_found',
      );
      await expectDomainError(
        store().createPrintJob(job(hall.id, printer.id, 'no-ticket', { copy: 4 }), []),
        'not_found',
      );
      expect(await store().listPrintJobs({ hallId: hall.id })).toHaveLength(1);
      expect(await store().lastSeq(hall.id)).toBe(1); // only the issue
      // A printer with print history keeps it: it is revoked, not deleted.
      await expectDomainError(store().deleteDevice(printer.id, []), 'conflict');
    });
  });

  describe('ratings', () => {
    function rating(
      hallId: string,
      ticketId: string,
      serviceId: string,
      over: Partial<Evaluation> = {},
    ): Evaluation {
      return {
        id: newId('eval'),
        hallId,
        ticketId,
        serviceId,
        windowId: null,
        clerkId: null,
        level: 5,
        reasons: [],
        comment: '',
        channel: 'evaluator',
        deviceId: null,
        at: T0,
        ...over,
      };
    }

    it('accepts one rating per ticket (一次一评) and refuses a second without a change', async () => {
      const { hall, service, ticket } = await hallWithTicket();
      const bad = rating(hall.id, ticket.id, service.id, {
        level: 1,
        reasons: ['等候时间长'],
        comment: '排队太久',
      });
      const saved = await store().saveEvaluation(bad, [
        buildEvent(hall.id, { type: 'evaluation.submitted' }),
      ]);
      expect(saved.evaluation).toEqual(bad);
      expect(saved.events).toHaveLength(1);
      await expectDomainError(
        store().saveEvaluation(rating(hall.id, ticket.id, service.id), [buildEvent(hall.id)]),
        'conflict',
      );
      expect(await store().getEvaluationByTicket(ticket.id)).toEqual(bad);
      expect(await store().lastSeq(hall.id)).toBe(2);
    });

    it('lists a hall’s ratings by time, window and level', async () => {
      const { hall, service, ticket } = await hallWithTicket();
      const { ticket: second } = await store().issueTicket(buildIssueInput(service));
      const a = (
        await store().saveEvaluation(
          rating(hall.id, ticket.id, service.id, { at: T0 + 10, windowId: 'w1' }),
          [],
        )
      ).evaluation;
      const b = (
        await store().saveEvaluation(rating(hall.id, second.id, service.id, { at: T0 + 20, level: 2 }), [])
      ).evaluation;
      expect(await store().listEvaluations(hall.id)).toEqual([a, b]);
      expect(await store().listEvaluations(hall.id, { from: T0 + 15 })).toEqual([b]);
      expect(await store().listEvaluations(hall.id, { to: T0 + 15 })).toEqual([a]);
      expect(await store().listEvaluations(hall.id, { windowId: 'w1' })).toEqual([a]);
      expect(await store().listEvaluations(hall.id, { levels: [1, 2] })).toEqual([b]);
      await expectDomainError(
        store().saveEvaluation(rating(hall.id, 'no-ticket', service.id), []),
        'not_found',
      );
    });
  });
}
