import { describe, expect, it } from 'vitest';
import { isDomainError, type HallEvent } from '../../../server/src/domain/index.js';
import { appointmentFilter, holdingFilter } from '../../../server/src/store/mongodb/appointments.js';
import { checkImportedSeqs, importedCounters } from '../../../server/src/store/mongodb/import-hall.js';
import { counterId } from '../../../server/src/store/mongodb/queries.js';
import { buildEvent, buildHall, buildTicket, DAY } from '../../helpers/factories.js';

/** The parts of the MongoDB import and booking that need no server: what they ask MongoDB for. */
describe('MongoDB store: hall import', () => {
  const hall = buildHall();
  const logOf = (seqs: number[]): HallEvent[] =>
    seqs.map((seq) => ({ ...buildEvent(hall.id), seq }) as HallEvent);

  it('takes a log numbered 1, 2, 3 … and refuses a gap, a shuffle or another hall', () => {
    expect(() => checkImportedSeqs({ hall, events: logOf([1, 2, 3]) })).not.toThrow();
    expect(() => checkImportedSeqs({ hall, events: [] })).not.toThrow();
    for (const bad of [logOf([1, 3]), logOf([2, 1]), logOf([0])]) {
      let caught: unknown;
      try {
        checkImportedSeqs({ hall, events: bad });
      } catch (err) {
        caught = err;
      }
      expect(isDomainError(caught) && caught.code).toBe('conflict');
    }
    const foreign = [{ ...buildEvent('other-hall'), seq: 1 } as HallEvent];
    expect(() => checkImportedSeqs({ hall, events: foreign })).toThrow(/not numbered/);
  });

  it('continues each prefix and day counter from its highest imported sequence', () => {
    const tickets = [
      buildTicket({ hallId: hall.id, prefix: 'A', seq: 3 }),
      buildTicket({ hallId: hall.id, prefix: 'A', seq: 7 }),
      buildTicket({ hallId: hall.id, prefix: 'A', seq: 5 }),
      buildTicket({ hallId: hall.id, prefix: 'B', seq: 2 }),
      buildTicket({ hallId: hall.id, prefix: 'A', seq: 1, businessDay: '2025-03-04' }),
    ];
    const counters = importedCounters({ hall, tickets });
    expect(counters).toHaveLength(3);
    expect(counters).toContainEqual({
      _id: counterId(hall.id, 'A', DAY),
      hallId: hall.id,
      prefix: 'A',
      businessDay: DAY,
      lastSeq: 7,
    });
    expect(counters.find((c) => c.prefix === 'B')?.lastSeq).toBe(2);
    expect(counters.find((c) => c.businessDay === '2025-03-04')?.lastSeq).toBe(1);
    expect(importedCounters({ hall, tickets: [] })).toEqual([]);
  });
});

describe('MongoDB store: bookings', () => {
  it('counts the places held by booked, checked-in and missed bookings, but not the one being moved', () => {
    expect(holdingFilter('h', 's', DAY, 'ap1')).toEqual({
      hallId: 'h',
      serviceId: 's',
      day: DAY,
      status: { $in: ['booked', 'checked_in', 'missed'] },
      _id: { $ne: 'ap1' },
    });
    expect(holdingFilter('h', 's', DAY, null)).not.toHaveProperty('_id');
  });

  it('lists by inclusive days, matter, statuses and personal data as SQLite does', () => {
    expect(appointmentFilter('h')).toEqual({ hallId: 'h' });
    expect(appointmentFilter('h', { statuses: [] })).toEqual({ hallId: 'h' });
    expect(
      appointmentFilter('h', {
        from: '2025-03-01',
        to: '2025-03-31',
        serviceId: 's',
        statuses: ['booked'],
        withPersonalData: true,
      }),
    ).toEqual({
      hallId: 'h',
      day: { $gte: '2025-03-01', $lte: '2025-03-31' },
      serviceId: 's',
      status: { $in: ['booked'] },
      $or: [{ name: { $ne: null } }, { phone: { $ne: null } }],
    });
    expect(appointmentFilter('h', { to: '2025-03-31' })).toEqual({
      hallId: 'h',
      day: { $lte: '2025-03-31' },
    });
  });
});
