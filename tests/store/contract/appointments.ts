import { describe, expect, it } from 'vitest';
import {
  appointmentCheckedIn,
  appointmentEvent,
  appointmentRescheduled,
  CITIZEN,
  SYSTEM,
  type Hall,
  type Service,
} from '../../../server/src/domain/index.js';
import {
  defaultAppointmentSettings,
  slotsForDay,
  type Appointment,
  type ServiceAppointmentSettings,
} from '../../../server/src/domain/appointments/index.js';
import type { BookAppointmentInput } from '../../../server/src/store/port.js';
import { buildHall, buildIssueInput, buildService, DAY, newId, T0 } from '../../helpers/factories.js';
import { expectDomainError, useStore, type MakeStore } from './setup.js';

/** Bookings (预约): capacity taken atomically, no double booking, masked lists, compare-and-set changes. */
export function appointmentsContract(makeStore: MakeStore): void {
  const store = useStore(makeStore);
  // DAY (2025-03-03) is a Monday: 09:00–12:00 and 13:30–17:30.
  const NINE = 9 * 60;
  let codeSeq = 0;

  async function seeded(
    capacityPerSlot = 2,
  ): Promise<{ hall: Hall; service: Service; svc: ServiceAppointmentSettings }> {
    const hall = (await store().saveHall(buildHall(), [])).hall;
    const service = (await store().saveService(buildService(hall), [])).service;
    const svc: ServiceAppointmentSettings = {
      serviceId: service.id,
      enabled: true,
      slotMinutes: 30,
      capacityPerSlot,
    };
    return { hall, service, svc };
  }

  function booking(hall: Hall, service: Service, over: Partial<Appointment> = {}): Appointment {
    codeSeq += 1;
    return {
      id: newId('ap'),
      hallId: hall.id,
      serviceId: service.id,
      code: `C${String(codeSeq)}${newId('').replace(/-/g, '').slice(-7)}`.slice(0, 8).toUpperCase(),
      day: DAY,
      slotStart: NINE,
      slotEnd: NINE + 30,
      status: 'booked',
      name: '张三',
      phone: null,
      ticketId: null,
      createdAt: T0,
      updatedAt: T0,
      checkedInAt: null,
      purgedAt: null,
      version: 1,
      ...over,
    };
  }

  function input(
    hall: Hall,
    svc: ServiceAppointmentSettings,
    a: Appointment,
    over: Partial<BookAppointmentInput> = {},
  ): BookAppointmentInput {
    return {
      appointment: a,
      slots: slotsForDay(hall.calendar, a.day, svc),
      maxBookedShare: 0.5,
      allowDuplicates: false,
      events: [appointmentEvent('appointment.booked', a, T0, CITIZEN)],
      ...over,
    };
  }

  describe('settings', () => {
    it('are the defaults (booking off) until saved, and come back as saved', async () => {
      const { hall, svc } = await seeded();
      expect(await store().getAppointmentSettings(hall.id)).toEqual(defaultAppointmentSettings());
      const s = { ...defaultAppointmentSettings(), enabled: true, services: [svc] };
      await store().saveAppointmentSettings(hall.id, s, T0, []);
      expect(await store().getAppointmentSettings(hall.id)).toEqual(s);
    });
    it('refuses invalid settings and keeps the old ones', async () => {
      const { hall } = await seeded();
      const bad = { ...defaultAppointmentSettings(), maxBookedShare: 2 };
      await expectDomainError(store().saveAppointmentSettings(hall.id, bad, T0, []), 'invalid_config');
      expect((await store().getAppointmentSettings(hall.id)).maxBookedShare).toBe(0.5);
    });
  });

  describe('booking', () => {
    it('stores the booking, appends its event and finds it by id and by code', async () => {
      const { hall, service, svc } = await seeded();
      const a = booking(hall, service, { phone: '13812345678' });
      const { appointment, events } = await store().bookAppointment(input(hall, svc, a));
      expect(appointment).toEqual(a);
      expect(events.map((e) => e.type)).toEqual(['appointment.booked']);
      expect(events[0]?.seq).toBe(await store().lastSeq(hall.id));
      expect(await store().getAppointment(a.id)).toEqual(a);
      expect(await store().getAppointmentByCode(a.code)).toEqual(a);
      expect(await store().getAppointmentByCode('NOPE2345')).toBeNull();
    });

    it('gives the last place of an hour to exactly one of two racing bookings', async () => {
      // Capacity 2 per 30-min slot: the 09:00 hour holds 4, half of it (2) may be booked.
      const { hall, service, svc } = await seeded(2);
      await store().bookAppointment(input(hall, svc, booking(hall, service)));
      const racers = [
        booking(hall, service, { slotStart: NINE + 30, slotEnd: NINE + 60 }),
        booking(hall, service),
      ];
      const results = await Promise.allSettled(
        racers.map((r) => store().bookAppointment(input(hall, svc, r))),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected');
      expect((refused as PromiseRejectedResult).reason).toMatchObject({ code: 'slot_full' });
      const counts = await store().bookedCounts(hall.id, service.id, DAY, DAY);
      expect(counts.reduce((n, c) => n + c.count, 0)).toBe(2);
      // The refused booking left no event behind.
      expect(
        (await store().listEvents(hall.id, 0, 100)).filter((e) => e.type === 'appointment.booked'),
      ).toHaveLength(2);
    });

    it('refuses a slot the calendar does not give', async () => {
      const { hall, service, svc } = await seeded();
      const lunch = booking(hall, service, { slotStart: 12 * 60, slotEnd: 12 * 60 + 30 });
      await expectDomainError(store().bookAppointment(input(hall, svc, lunch)), 'slot_unavailable');
      expect(await store().getAppointment(lunch.id)).toBeNull();
    });

    it('refuses a second live booking of the same phone, matter and day unless the hall allows it', async () => {
      const { hall, service, svc } = await seeded(8);
      const phone = '13812345678';
      await store().bookAppointment(input(hall, svc, booking(hall, service, { phone })));
      const twin = booking(hall, service, { phone, slotStart: 10 * 60, slotEnd: 10 * 60 + 30 });
      await expectDomainError(store().bookAppointment(input(hall, svc, twin)), 'duplicate_booking');
      const other = booking(hall, service, { phone: '13900000000', slotStart: 600, slotEnd: 630 });
      await store().bookAppointment(input(hall, svc, other));
      await store().bookAppointment(input(hall, svc, twin, { allowDuplicates: true }));
      expect(await store().getAppointment(twin.id)).not.toBeNull();
    });

    it('frees the place of a cancelled booking, not of a missed one', async () => {
      const { hall, service, svc } = await seeded(1);
      // Capacity 1 per slot: the 09:00 hour (2 places) may give 1 to bookings.
      const a = await store().bookAppointment(input(hall, svc, booking(hall, service)));
      await store().updateAppointment({
        next: { ...a.appointment, status: 'missed', updatedAt: T0 + 1 },
        expectedVersion: 1,
        events: [appointmentEvent('appointment.missed', a.appointment, T0 + 1, SYSTEM)],
      });
      await expectDomainError(store().bookAppointment(input(hall, svc, booking(hall, service))), 'slot_full');

      const b = await store().bookAppointment(
        input(hall, svc, booking(hall, service, { slotStart: 600, slotEnd: 630 })),
      );
      await store().updateAppointment({
        next: { ...b.appointment, status: 'cancelled', updatedAt: T0 + 2 },
        expectedVersion: 1,
        events: [appointmentEvent('appointment.cancelled', b.appointment, T0 + 2, CITIZEN)],
      });
      await store().bookAppointment(
        input(hall, svc, booking(hall, service, { slotStart: 630, slotEnd: 660 })),
      );
    });
  });

  describe('changes', () => {
    it('refuses a change on a stale version and changes nothing', async () => {
      const { hall, service, svc } = await seeded();
      const { appointment } = await store().bookAppointment(input(hall, svc, booking(hall, service)));
      const cancelled = { ...appointment, status: 'cancelled' as const };
      const done = await store().updateAppointment({ next: cancelled, expectedVersion: 1, events: [] });
      expect(done.appointment.version).toBe(2);
      await expectDomainError(
        store().updateAppointment({
          next: { ...appointment, status: 'missed' },
          expectedVersion: 1,
          events: [],
        }),
        'conflict',
      );
      expect((await store().getAppointment(appointment.id))?.status).toBe('cancelled');
    });

    it('moves a booking against the new slot capacity, not counting itself', async () => {
      const { hall, service, svc } = await seeded(1);
      const { appointment } = await store().bookAppointment(input(hall, svc, booking(hall, service)));
      const slots = slotsForDay(hall.calendar, DAY, svc);
      const move = (slotStart: number, expectedVersion: number) =>
        store().rescheduleAppointment({
          id: appointment.id,
          expectedVersion,
          day: DAY,
          slotStart,
          slotEnd: slotStart + 30,
          at: T0 + 5,
          slots,
          maxBookedShare: 0.5,
          allowDuplicates: false,
          events: [appointmentRescheduled({ ...appointment, slotStart }, appointment, T0 + 5, CITIZEN)],
        });
      // Within the same hour its own place is not counted against it.
      const moved = await move(NINE + 30, 1);
      expect(moved.appointment).toMatchObject({ slotStart: NINE + 30, version: 2 });
      expect(moved.events.map((e) => e.type)).toEqual(['appointment.rescheduled']);
      // Another booking takes 10:00's one bookable place; moving there is refused.
      await store().bookAppointment(
        input(hall, svc, booking(hall, service, { slotStart: 600, slotEnd: 630 })),
      );
      await expectDomainError(move(600, 2), 'slot_full');
      await expectDomainError(move(NINE, 1), 'conflict');
      expect((await store().getAppointment(appointment.id))?.slotStart).toBe(NINE + 30);
    });
  });

  describe('check-in with the ticket issue', () => {
    async function bookedOne() {
      const seed = await seeded();
      const { appointment } = await store().bookAppointment(
        input(seed.hall, seed.svc, booking(seed.hall, seed.service)),
      );
      return { ...seed, appointment };
    }

    /** The issue input of a ticket that checks `a` in, decided on version `expectedVersion`. */
    function checkInIssue(service: Service, a: Appointment, expectedVersion = a.version) {
      const ticketId = newId('ticket');
      const at = T0 + 60_000;
      return buildIssueInput(service, {
        id: ticketId,
        channel: 'appointment',
        appointmentId: a.id,
        issuedAt: at,
        checkIn: {
          expectedVersion,
          patch: { status: 'checked_in', checkedInAt: at, ticketId, updatedAt: at },
          events: [appointmentCheckedIn(a, ticketId, true, at, CITIZEN)],
        },
      });
    }

    it('writes the ticket, the checked-in booking and both events in one step', async () => {
      const { service, appointment } = await bookedOne();
      const issue = checkInIssue(service, appointment);
      const done = await store().issueTicket(issue);
      expect(done.ticket).toMatchObject({ id: issue.id, appointmentId: appointment.id, status: 'waiting' });
      expect(done.events.map((e) => e.type)).toEqual(['ticket.issued', 'appointment.checked_in']);
      expect(done.events[1]).toMatchObject({ ticketId: issue.id, data: { appointmentId: appointment.id } });
      const stored = await store().getAppointment(appointment.id);
      expect(stored).toMatchObject({
        status: 'checked_in',
        ticketId: issue.id,
        checkedInAt: issue.issuedAt,
        version: 2,
      });
      expect(done.appointment).toEqual(stored);
    });

    it('changes nothing when the booking moved on: no ticket, no events, no number used', async () => {
      const { hall, service, appointment } = await bookedOne();
      // Cancelled meanwhile (version 2): a check-in decided on version 1 is stale.
      await store().updateAppointment({
        next: { ...appointment, status: 'cancelled', updatedAt: T0 + 1 },
        expectedVersion: 1,
        events: [appointmentEvent('appointment.cancelled', appointment, T0 + 1, CITIZEN)],
      });
      const seqBefore = await store().lastSeq(hall.id);
      const stale = checkInIssue(service, appointment, 1);
      await expectDomainError(store().issueTicket(stale), 'conflict');
      await expectDomainError(
        store().issueTicketOnce(checkInIssue(service, appointment, 1), { key: 'k-1', fingerprint: 'f' }),
        'conflict',
      );
      expect(await store().getTicket(stale.id)).toBeNull();
      expect(await store().listTickets(hall.id)).toEqual([]);
      expect(await store().lastSeq(hall.id)).toBe(seqBefore);
      expect(await store().getAppointment(appointment.id)).toMatchObject({
        status: 'cancelled',
        ticketId: null,
        version: 2,
      });
      // The counter did not advance: the next ticket of the prefix is number 1.
      const next = await store().issueTicket(buildIssueInput(service));
      expect(next.ticket.seq).toBe(1);
    });

    it('refuses a booking of another hall or another booking id, changing nothing', async () => {
      const { hall, service, appointment } = await bookedOne();
      const other = await seeded();
      const foreign = { ...checkInIssue(other.service, appointment) };
      await expectDomainError(store().issueTicket(foreign), 'conflict');
      const unnamed = { ...checkInIssue(service, appointment), appointmentId: null };
      await expectDomainError(store().issueTicket(unnamed), 'conflict');
      expect(await store().listTickets(hall.id)).toEqual([]);
      expect(await store().listTickets(other.hall.id)).toEqual([]);
      expect((await store().getAppointment(appointment.id))?.status).toBe('booked');
    });

    it('gives one ticket to two racing check-ins of one booking', async () => {
      const { hall, service, appointment } = await bookedOne();
      const results = await Promise.allSettled([
        store().issueTicket(checkInIssue(service, appointment)),
        store().issueTicket(checkInIssue(service, appointment)),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      expect(won).toHaveLength(1);
      const lost = results.find((r) => r.status === 'rejected');
      expect((lost as PromiseRejectedResult).reason).toMatchObject({ code: 'conflict' });
      const tickets = await store().listTickets(hall.id);
      expect(tickets).toHaveLength(1);
      expect(tickets[0]?.seq).toBe(1);
      expect((await store().getAppointment(appointment.id))?.ticketId).toBe(tickets[0]?.id);
      const checkedIn = (await store().listEvents(hall.id, 0, 100)).filter(
        (e) => e.type === 'appointment.checked_in',
      );
      expect(checkedIn).toHaveLength(1);
    });
  });

  describe('the hall delete', () => {
    it('refuses a hall that has bookings with conflict naming them, and changes nothing', async () => {
      const { hall, service, svc } = await seeded();
      const { appointment } = await store().bookAppointment(input(hall, svc, booking(hall, service)));
      await store().updateAppointment({
        next: { ...appointment, status: 'cancelled', updatedAt: T0 + 1 },
        expectedVersion: 1,
        events: [],
      });
      await store().deleteService(service.id, []);
      const seq = await store().lastSeq(hall.id);
      const refused = await store()
        .deleteHall(hall.id, [])
        .catch((err: unknown) => err);
      expect(refused).toMatchObject({ code: 'conflict', details: { bookings: 1 } });
      expect(await store().getHall(hall.id)).not.toBeNull();
      expect(await store().lastSeq(hall.id)).toBe(seq);
    });
  });

  describe('lists', () => {
    it('mask name and phone and filter by day, matter and status', async () => {
      const { hall, service, svc } = await seeded(8);
      await store().bookAppointment(
        input(hall, svc, booking(hall, service, { name: '张三丰', phone: '13812345678' })),
      );
      const later = booking(hall, service, { day: '2025-03-04', name: null, phone: null });
      await store().bookAppointment(input(hall, svc, later));
      const all = await store().listAppointments(hall.id);
      expect(all.map((a) => [a.name, a.phone])).toEqual([
        ['张**', '138****5678'],
        [null, null],
      ]);
      expect(JSON.stringify(all)).not.toContain('12345678');
      expect(await store().listAppointments(hall.id, { from: '2025-03-04' })).toHaveLength(1);
      expect(await store().listAppointments(hall.id, { statuses: ['cancelled'] })).toHaveLength(0);
      expect(await store().listAppointments(hall.id, { withPersonalData: true })).toHaveLength(1);
      expect(await store().listAppointments(hall.id, { serviceId: 'other' })).toHaveLength(0);
    });

    it('give the next page after a cursor, each booking once, in order', async () => {
      const { hall, service, svc } = await seeded(4);
      const made: Appointment[] = [];
      for (const [day, slot] of [
        [DAY, NINE],
        [DAY, NINE],
        [DAY, NINE + 30],
        ['2025-03-04', NINE],
        ['2025-03-04', NINE + 60],
      ] as const) {
        const a = booking(hall, service, {
          day,
          slotStart: slot,
          slotEnd: slot + 30,
          createdAt: T0 + made.length,
        });
        await store().bookAppointment(input(hall, svc, a));
        made.push(a);
      }
      const seen: string[] = [];
      let after: Appointment | undefined;
      for (let pages = 0; pages < 10; pages += 1) {
        const page = await store().listAppointments(hall.id, { limit: 2, ...(after ? { after } : {}) });
        seen.push(...page.map((a) => a.id));
        after = page[page.length - 1];
        if (page.length < 2) break;
      }
      expect(seen).toEqual(made.map((a) => a.id));
    });
  });
}
