import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointmentCheckedIn, appointmentEvent, CITIZEN } from '../../server/src/domain/index.js';
import { slotsForDay, type Appointment } from '../../server/src/domain/appointments/index.js';
import type { Service } from '../../server/src/domain/index.js';
import { openMongoStore, type MongoStore } from '../../server/src/store/mongodb/index.js';
import { buildHall, buildIssueInput, buildService, DAY, newId, T0 } from '../helpers/factories.js';

const uri = process.env.MONGODB_URI;
const BOOKINGS = 20;
const NINE = 9 * 60;

/**
 * Two hubs (two MongoDB clients on one database) check the same bookings in
 * at once, as two kiosks scanning one code: every booking gives exactly one
 * ticket, one number and one `appointment.checked_in`, and the loser of each
 * race is refused with `conflict`. Skipped, with the reason in its name,
 * without MONGODB_URI.
 */
describe.skipIf(!uri)('two hubs checking one booking in on MongoDB (needs MONGODB_URI)', () => {
  const dbName = `hall_checkin_${randomUUID().replaceAll('-', '')}`;
  let hubs: [MongoStore, MongoStore];
  let hallId: string;
  let service: Service;
  const booked: Appointment[] = [];

  beforeAll(async () => {
    hubs = [
      await openMongoStore({ uri: uri as string, dbName }),
      await openMongoStore({ uri: uri as string, dbName }),
    ];
    const [store] = hubs;
    const { hall } = await store.saveHall(buildHall(), []);
    hallId = hall.id;
    service = (await store.saveService(buildService(hall), [])).service;
    const slots = slotsForDay(hall.calendar, DAY, {
      serviceId: service.id,
      enabled: true,
      slotMinutes: 30,
      capacityPerSlot: 100,
    });
    for (let i = 0; i < BOOKINGS; i++) {
      const a: Appointment = {
        id: newId('ap'),
        hallId,
        serviceId: service.id,
        code: `K${String(i).padStart(7, '0')}`,
        day: DAY,
        slotStart: NINE,
        slotEnd: NINE + 30,
        status: 'booked',
        name: null,
        phone: null,
        ticketId: null,
        createdAt: T0,
        updatedAt: T0,
        checkedInAt: null,
        purgedAt: null,
        version: 1,
      };
      const events = [appointmentEvent('appointment.booked', a, T0, CITIZEN)];
      booked.push(
        (
          await store.bookAppointment({
            appointment: a,
            slots,
            maxBookedShare: 1,
            allowDuplicates: true,
            events,
          })
        ).appointment,
      );
    }
  }, 60_000);

  afterAll(async () => {
    await hubs?.[0].mongo().db.dropDatabase();
    for (const hub of hubs ?? []) await hub.close();
  });

  function checkIn(a: Appointment) {
    const id = newId('ticket');
    const at = T0 + 60_000;
    return buildIssueInput(service, {
      id,
      channel: 'appointment',
      appointmentId: a.id,
      issuedAt: at,
      checkIn: {
        expectedVersion: a.version,
        patch: { status: 'checked_in', checkedInAt: at, ticketId: id, updatedAt: at },
        events: [appointmentCheckedIn(a, id, true, at, CITIZEN)],
      },
    });
  }

  it('gives each booking one ticket and refuses the other scan with conflict', async () => {
    const outcomes = await Promise.all(
      booked.map((a) =>
        Promise.allSettled([hubs[0].issueTicket(checkIn(a)), hubs[1].issueTicket(checkIn(a))]),
      ),
    );
    for (const pair of outcomes) {
      expect(pair.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const lost = pair.find((r) => r.status === 'rejected');
      expect((lost as PromiseRejectedResult).reason).toMatchObject({ code: 'conflict' });
    }
    const tickets = await hubs[0].listTickets(hallId);
    expect(tickets).toHaveLength(BOOKINGS);
    expect(tickets.map((t) => t.seq).sort((x, y) => x - y)).toEqual(
      Array.from({ length: BOOKINGS }, (_, i) => i + 1),
    );
    for (const a of booked) {
      const now = await hubs[0].getAppointment(a.id);
      expect(now?.status).toBe('checked_in');
      expect(tickets.filter((t) => t.id === now?.ticketId)).toHaveLength(1);
    }
    const events = await hubs[0].listEvents(hallId, 0, 1000);
    expect(events.filter((e) => e.type === 'appointment.checked_in')).toHaveLength(BOOKINGS);
    expect(events.filter((e) => e.type === 'ticket.issued')).toHaveLength(BOOKINGS);
  }, 120_000);
});
