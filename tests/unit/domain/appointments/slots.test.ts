import { describe, expect, it } from 'vitest';
import {
  appointments as A,
  standardCalendar,
  type HallCalendar,
} from '../../../../server/src/domain/index.js';

const TZ = 'Asia/Shanghai';
const local = (day: string, hhmm: string): number => Date.parse(`${day}T${hhmm}:00+08:00`);
// 2026-11-27 Friday, 11-28 Saturday.
const FRI = '2026-11-27';
const SAT = '2026-11-28';
const min = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

const svc = (over: Partial<A.ServiceAppointmentSettings> = {}): A.ServiceAppointmentSettings => ({
  ...A.defaultServiceAppointment('svc-1'),
  enabled: true,
  ...over,
});
const cal = (more: Partial<HallCalendar> = {}): HallCalendar => ({ ...standardCalendar(), ...more });

describe('clock', () => {
  it('turns a hall-local day and minute into the instant', () => {
    expect(A.instantOf(FRI, min('09:30'), TZ)).toBe(local(FRI, '09:30'));
    // The day clocks go forward: noon is already daylight time.
    expect(A.instantOf('2026-03-08', 720, 'America/New_York')).toBe(Date.parse('2026-03-08T12:00:00-04:00'));
  });
  it('does day arithmetic and weekdays', () => {
    expect(A.addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(A.weekdayOf(FRI)).toBe(5);
    expect(A.isValidDay('2026-02-30')).toBe(false);
    expect(A.isValidDay(FRI)).toBe(true);
  });
});

describe('slotsForDay', () => {
  it('cuts each opening span into slots that fit inside it', () => {
    const slots = A.slotsForDay(cal(), FRI, svc({ slotMinutes: 30 }));
    // 09:00–12:00 gives 6, 13:30–17:30 gives 8.
    expect(slots).toHaveLength(14);
    expect(slots[0]).toEqual({ start: min('09:00'), end: min('09:30'), capacity: 4 });
    expect(slots[5]?.end).toBe(min('12:00'));
    expect(slots[6]?.start).toBe(min('13:30'));
    expect(slots.every((s) => s.start < min('12:00') || s.start >= min('13:30'))).toBe(true);
  });
  it('drops a tail shorter than a slot', () => {
    const c = cal({ special: { [FRI]: [{ open: '09:00', close: '09:50' }] } });
    expect(A.slotsForDay(c, FRI, svc({ slotMinutes: 30 })).map((s) => s.start)).toEqual([min('09:00')]);
    expect(A.slotsForDay(c, FRI, svc({ slotMinutes: 15 })).map((s) => s.start)).toEqual([540, 555, 570]);
  });
  it('gives nothing on a holiday or a closed weekend', () => {
    expect(A.slotsForDay(cal({ holidays: [FRI] }), FRI, svc())).toEqual([]);
    expect(A.slotsForDay(cal(), SAT, svc())).toEqual([]);
  });
  it('follows extended hours (延时服务) and weekend service days', () => {
    const c = cal({
      special: {
        [FRI]: [
          { open: '09:00', close: '12:00' },
          { open: '13:30', close: '19:00' },
        ],
        [SAT]: [{ open: '09:00', close: '12:00' }],
      },
    });
    const fri = A.slotsForDay(c, FRI, svc({ slotMinutes: 30 }));
    expect(fri.at(-1)).toMatchObject({ start: min('18:30'), end: min('19:00') });
    expect(A.slotsForDay(c, SAT, svc({ slotMinutes: 30 }))).toHaveLength(6);
  });
});

describe('booked share per hour', () => {
  const slots = A.slotsForDay(cal(), FRI, svc({ slotMinutes: 15, capacityPerSlot: 3 }));

  it('lets bookings take at most half of each hour by default', () => {
    const caps = A.hourCaps(slots, 0.5);
    // 09:00 hour: 4 slots × 3 = 12 → 6; 13:00 hour has 13:30 and 13:45 only: 6 → 3.
    expect(caps.get(9)).toBe(6);
    expect(caps.get(13)).toBe(3);
  });

  it('bounds each slot by its capacity and by what is left of the hour', () => {
    const booked = new Map([
      [min('09:00'), 3],
      [min('09:15'), 2],
    ]);
    const av = A.availability(slots, booked, 0.5);
    const at = (hhmm: string) => av.find((s) => s.start === min(hhmm));
    expect(at('09:00')).toMatchObject({ booked: 3, free: 0 });
    // 5 of the hour's 6 are booked: one place is left in the whole hour.
    expect(at('09:15')).toMatchObject({ booked: 2, free: 1 });
    expect(at('09:30')).toMatchObject({ booked: 0, free: 1 });
    expect(at('10:00')).toMatchObject({ booked: 0, free: 3 });
  });

  it('refuses the booking past the cap and an unknown slot', () => {
    const full = new Map([
      [min('09:00'), 3],
      [min('09:15'), 3],
    ]);
    expect(A.slotRefusal(slots, full, 0.5, min('09:30'))).toBe('slot_full');
    expect(A.slotRefusal(slots, full, 0.5, min('10:00'))).toBeNull();
    expect(A.slotRefusal(slots, full, 0.5, min('12:15'))).toBe('slot_unknown');
    expect(A.slotRefusal(slots, new Map(), 0, min('10:00'))).toBe('slot_full');
  });

  it('never books more than the share of any hour, whatever the order of bookings', () => {
    const booked = new Map<number, number>();
    let taken = 0;
    for (let round = 0; round < 20; round++) {
      for (const s of slots) {
        if (A.slotRefusal(slots, booked, 0.5, s.start) === null) {
          booked.set(s.start, (booked.get(s.start) ?? 0) + 1);
          taken++;
        }
      }
    }
    const caps = A.hourCaps(slots, 0.5);
    expect(taken).toBe([...caps.values()].reduce((a, b) => a + b, 0));
    for (const [hour, cap] of caps) {
      const inHour = slots.filter((s) => Math.floor(s.start / 60) === hour);
      const capacity = inHour.reduce((n, s) => n + s.capacity, 0);
      const n = inHour.reduce((k, s) => k + (booked.get(s.start) ?? 0), 0);
      expect(n).toBe(cap);
      expect(n * 2).toBeLessThanOrEqual(capacity);
    }
  });
});

describe('slotOpenForBooking', () => {
  const settings = { horizonDays: 14, minLeadMinutes: 30 };
  it('needs the slot inside the horizon and far enough ahead', () => {
    const now = local(FRI, '09:00');
    expect(A.slotOpenForBooking(settings, FRI, FRI, min('09:30'), now, TZ)).toBe(true);
    expect(A.slotOpenForBooking(settings, FRI, FRI, min('09:15'), now, TZ)).toBe(false);
    expect(A.slotOpenForBooking(settings, FRI, '2026-11-26', min('16:00'), now, TZ)).toBe(false);
    expect(A.slotOpenForBooking(settings, FRI, A.addDays(FRI, 14), min('09:00'), now, TZ)).toBe(true);
    expect(A.slotOpenForBooking(settings, FRI, A.addDays(FRI, 15), min('09:00'), now, TZ)).toBe(false);
  });
});

describe('previewDays', () => {
  it('shows two weeks of capacity, bookable places and bookings', () => {
    const days = A.previewDays(
      cal({ holidays: ['2026-11-30'] }),
      { maxBookedShare: 0.5 },
      svc({ slotMinutes: 30, capacityPerSlot: 2 }),
      FRI,
      14,
      new Map([[FRI, new Map([[min('09:00'), 1]])]]),
    );
    expect(days).toHaveLength(14);
    expect(days[0]).toMatchObject({ day: FRI, capacity: 28, booked: 1 });
    // 09–11: 4 each → 2; 11: 4 → 2; 13: one slot, 2 → 1; 14–16: 4 → 2 each; 17: 2 → 1.
    expect(days[0]?.bookable).toBe(2 + 2 + 2 + 1 + 2 + 2 + 2 + 1);
    expect(days[1]).toMatchObject({ day: SAT, capacity: 0, bookable: 0 });
    expect(days[3]).toMatchObject({ day: '2026-11-30', capacity: 0 });
  });
});

describe('settings', () => {
  it('are off by default and cap bookings at half', () => {
    const s = A.defaultAppointmentSettings();
    expect(s.enabled).toBe(false);
    expect(s.maxBookedShare).toBe(0.5);
    expect(A.appointmentSettingsProblems(s)).toEqual([]);
  });
  it('offer a matter only when the hall and the matter are both on', () => {
    const s = { ...A.defaultAppointmentSettings(), services: [svc()] };
    expect(A.bookableService(s, 'svc-1')).toBeNull();
    expect(A.bookableService({ ...s, enabled: true }, 'svc-1')).not.toBeNull();
    expect(A.bookableService({ ...s, enabled: true }, 'other')).toBeNull();
  });
  it('name bad values', () => {
    const bad = {
      ...A.defaultAppointmentSettings(),
      maxBookedShare: 1.5,
      services: [svc({ slotMinutes: 20 as 15 }), svc()],
    };
    expect(A.appointmentSettingsProblems(bad)).toEqual([
      'maxBookedShare: between 0 and 1',
      'services.svc-1.slotMinutes: 15 or 30',
      'services: svc-1 listed twice',
    ]);
  });
});
