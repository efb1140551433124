import { describe, expect, it } from 'vitest';
import { buildIssueInput, DAY, MINUTE, NEXT_DAY, T0 } from '../../helpers/factories.js';
import { seedHall, useStore, type MakeStore } from './setup.js';

const SOCIAL = '{"serviceId":"a","categories":[],"assistance":false,"channel":"kiosk"}';
const ELDERLY = '{"serviceId":"a","categories":["elderly"],"assistance":false,"channel":"kiosk"}';

/** `issueTicketOnce`: the Idempotency-Key of ticket issue, kept for the business day. */
export function issueOnceContract(makeStore: MakeStore): void {
  const store = useStore(makeStore);

  describe('issuing with an idempotency key', () => {
    it('answers a repeated key with the same ticket, writing nothing', async () => {
      const { hall, services } = await seedHall(store());
      const once = { key: 'kiosk-1-attempt-1', fingerprint: SOCIAL };
      const first = await store().issueTicketOnce(buildIssueInput(services[0]), once);
      expect(first).toMatchObject({ replayed: false, fingerprint: SOCIAL });
      expect(first.events.map((e) => e.type)).toEqual(['ticket.issued']);
      const seqBefore = await store().lastSeq(hall.id);

      const again = await store().issueTicketOnce(
        buildIssueInput(services[0], { issuedAt: T0 + MINUTE }),
        once,
      );
      expect(again).toMatchObject({ replayed: true, fingerprint: SOCIAL, events: [] });
      expect(again.ticket).toEqual(first.ticket);
      expect(await store().lastSeq(hall.id)).toBe(seqBefore);
      expect(await store().listTickets(hall.id)).toHaveLength(1);
      // The number sequence did not move: the next ticket is the second.
      const next = await store().issueTicket(buildIssueInput(services[0]));
      expect(next.ticket.seq).toBe(first.ticket.seq + 1);
    });

    it('gives back the fingerprint the key was first used with, and issues nothing for another request', async () => {
      const { hall, services } = await seedHall(store());
      await store().issueTicketOnce(buildIssueInput(services[0]), { key: 'k-1', fingerprint: SOCIAL });
      const other = await store().issueTicketOnce(buildIssueInput(services[1], { categories: ['elderly'] }), {
        key: 'k-1',
        fingerprint: ELDERLY,
      });
      expect(other).toMatchObject({ replayed: true, fingerprint: SOCIAL });
      expect(other.ticket.serviceId).toBe(services[0].id);
      expect(await store().listTickets(hall.id)).toHaveLength(1);
    });

    it('issues separate tickets for separate keys', async () => {
      const { services } = await seedHall(store());
      const a = await store().issueTicketOnce(buildIssueInput(services[0]), {
        key: 'k-a',
        fingerprint: SOCIAL,
      });
      const b = await store().issueTicketOnce(buildIssueInput(services[0]), {
        key: 'k-b',
        fingerprint: SOCIAL,
      });
      expect(b.replayed).toBe(false);
      expect(b.ticket.id).not.toBe(a.ticket.id);
      expect(b.ticket.number).not.toBe(a.ticket.number);
    });

    it('keeps a key for its business day and hall only', async () => {
      const first = await seedHall(store());
      const second = await seedHall(store());
      const once = { key: 'k-day', fingerprint: SOCIAL };
      const today = await store().issueTicketOnce(buildIssueInput(first.services[0]), once);
      const otherHall = await store().issueTicketOnce(buildIssueInput(second.services[0]), once);
      expect(otherHall.replayed).toBe(false);
      expect(otherHall.ticket.hallId).toBe(second.hall.id);

      const tomorrow = await store().issueTicketOnce(
        buildIssueInput(first.services[0], { businessDay: NEXT_DAY, issuedAt: T0 + 24 * 60 * MINUTE }),
        once,
      );
      expect(tomorrow.replayed).toBe(false);
      expect(tomorrow.ticket.id).not.toBe(today.ticket.id);
      expect(tomorrow.ticket.businessDay).toBe(NEXT_DAY);
      expect(today.ticket.businessDay).toBe(DAY);
    });
  });
}
