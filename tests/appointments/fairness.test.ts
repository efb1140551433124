import { afterEach, describe, expect, it } from 'vitest';
import {
  bookAppointment,
  callNext,
  checkInBooking,
  completeTicket,
  issueTicket,
  startService,
} from '../../server/src/app/index.js';
import { standardCalendar, type Ticket } from '../../server/src/domain/index.js';
import { defaultAppointmentSettings } from '../../server/src/domain/appointments/index.js';
import { buildHall, buildService, buildWindow } from '../helpers/factories.js';
import { openAppFixture, type AppFixture } from '../app/store-fixture.js';

/**
 * Fairness over a simulated morning (Monday 09:00–12:00, two windows, five
 * minutes a citizen) with walk-ins every four minutes and bookings taken up
 * to the hour cap: appointment holders are called near their slot, nobody
 * overtakes a walk-in by more than the appointment head start, and the
 * stream of bookings never starves walk-ins. The same morning without
 * bookings is the yardstick.
 */

const MIN = 60_000;
const local = (hhmm: string): number => Date.parse(`2026-12-07T${hhmm}:00+08:00`);
const CLERK = { type: 'user' as const, id: 'clerk-1' };
const SERVICE_MIN = 5;
const HEAD_START_MIN = 10;

interface Outcome {
  walkIns: { ticket: Ticket; calledAt: number }[];
  booked: { ticket: Ticket; calledAt: number; slotAt: number }[];
  callOrder: Ticket[];
}

let fx: AppFixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

async function simulate(withBookings: boolean): Promise<Outcome> {
  fx = await openAppFixture(local('08:00'));
  const { deps, clock } = fx;
  const hall = (await deps.store.saveHall(buildHall({ calendar: standardCalendar() }), [])).hall;
  const service = (await deps.store.saveService(buildService(hall), [])).service;
  const windows = [
    (await deps.store.saveWindow(buildWindow(hall), [])).window,
    (await deps.store.saveWindow(buildWindow(hall), [])).window,
  ];
  await deps.store.saveAppointmentSettings(
    hall.id,
    {
      ...defaultAppointmentSettings(),
      enabled: true,
      services: [{ serviceId: service.id, enabled: true, slotMinutes: 30, capacityPerSlot: 5 }],
    },
    clock.now,
    [],
  );

  // Bookings up to the cap, each citizen trying every slot from 09:30 on: the cap decides how many.
  const arrivals: { at: number; code: string; slotAt: number }[] = [];
  if (withBookings) {
    for (let slot = 9 * 60 + 30; slot < 12 * 60; slot += 30) {
      for (let i = 0; i < 5; i++) {
        const booking = await bookAppointment(deps, {
          hallId: hall.id,
          serviceId: service.id,
          day: '2026-12-07',
          slotStart: slot,
          actor: { type: 'citizen', id: null },
        }).catch(() => null);
        if (booking) {
          const slotAt = local('00:00') + slot * MIN;
          arrivals.push({ at: slotAt - 5 * MIN, code: booking.code, slotAt });
        }
      }
    }
  }

  const out: Outcome = { walkIns: [], booked: [], callOrder: [] };
  const kind = new Map<string, { slotAt: number | null }>();
  const busyUntil = new Map<string, number>();
  for (let now = local('09:00'); now < local('13:00'); now += MIN) {
    clock.now = now;
    if (now < local('11:30') && (now - local('09:00')) % (4 * MIN) === 0) {
      const { ticket } = await issueTicket(deps, {
        hallId: hall.id,
        serviceId: service.id,
        channel: 'kiosk',
      });
      kind.set(ticket.id, { slotAt: null });
    }
    for (const a of arrivals.filter((x) => x.at === now)) {
      const { issued } = await checkInBooking(deps, {
        hallId: hall.id,
        code: a.code,
        actor: { type: 'citizen', id: null },
      });
      kind.set(issued.ticket.id, { slotAt: a.slotAt });
    }
    for (const w of windows) {
      const until = busyUntil.get(w.id);
      if (until !== undefined && until > now) continue;
      if (until !== undefined) {
        await completeTicket(deps, { windowId: w.id, actor: CLERK });
        busyUntil.delete(w.id);
      }
      const { ticket } = await callNext(deps, { windowId: w.id, actor: CLERK });
      if (!ticket) continue;
      await startService(deps, { windowId: w.id, actor: CLERK });
      busyUntil.set(w.id, now + SERVICE_MIN * MIN);
      out.callOrder.push(ticket);
      const k = kind.get(ticket.id);
      if (k?.slotAt) out.booked.push({ ticket, calledAt: now, slotAt: k.slotAt });
      else out.walkIns.push({ ticket, calledAt: now });
    }
  }
  expect(out.callOrder).toHaveLength(kind.size);
  return out;
}

describe('a morning of bookings and walk-ins', () => {
  it('calls appointment holders near their slot, bounds overtaking by the head start, and never starves walk-ins', async () => {
    const without = await simulate(false);
    await fx?.close();
    fx = undefined;
    const withB = await simulate(true);

    // The cap held: half of each hour's 10 places, 5 bookings in each of the hours 9, 10 and 11.
    expect(withB.booked).toHaveLength(15);

    // Near the slot: called between arriving (5 minutes early) and 15 minutes after the slot starts.
    for (const b of withB.booked) {
      expect(b.calledAt).toBeGreaterThanOrEqual(b.slotAt - 5 * MIN);
      expect(b.calledAt).toBeLessThanOrEqual(b.slotAt + 15 * MIN);
    }

    // Nobody called before a walk-in arrived more than the head start after it.
    const position = new Map(withB.callOrder.map((t, i) => [t.id, i]));
    for (const w of withB.walkIns) {
      const before = withB.callOrder.slice(0, position.get(w.ticket.id));
      for (const t of before)
        expect(t.issuedAt).toBeLessThanOrEqual(w.ticket.issuedAt + HEAD_START_MIN * MIN);
    }

    // No starvation: every walk-in is called, and none waits longer than without bookings beyond the head
    // start plus the service time of the booked citizens the cap lets in ahead of it.
    const waitOf = (o: Outcome) =>
      new Map(o.walkIns.map((w) => [w.ticket.number, w.calledAt - w.ticket.issuedAt]));
    const base = waitOf(without);
    const mixed = waitOf(withB);
    expect(mixed.size).toBe(base.size);
    for (const [number, wait] of mixed) {
      expect(wait).toBeLessThanOrEqual((base.get(number) ?? 0) + (HEAD_START_MIN + SERVICE_MIN) * MIN);
    }
    expect(Math.max(...mixed.values())).toBeLessThanOrEqual(30 * MIN);
  });
});
