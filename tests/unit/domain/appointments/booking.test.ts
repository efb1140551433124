import { describe, expect, it } from 'vitest';
import {
  appointmentCheckedIn,
  appointmentEvent,
  appointments as A,
  CITIZEN,
  upcastEvent,
} from '../../../../server/src/domain/index.js';

const TZ = 'Asia/Shanghai';
const local = (day: string, hhmm: string): number => Date.parse(`${day}T${hhmm}:00+08:00`);
const FRI = '2026-11-27';
const booking = { day: FRI, slotStart: 10 * 60, status: 'booked' as const };
const windows = { earlyMinutes: 30, lateMinutes: 15 };

describe('booking code', () => {
  it('is eight unambiguous characters from random bytes', () => {
    const code = A.bookingCodeFrom(new Uint8Array([0, 1, 2, 3, 30, 31, 62, 255]));
    expect(code).toHaveLength(8);
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(() => A.bookingCodeFrom(new Uint8Array(4))).toThrow(RangeError);
  });
  it('reads what a scanner or a citizen typed', () => {
    expect(A.normaliseBookingCode(' abcd-efgh ')).toBe('ABCDEFGH');
    expect(A.normaliseBookingCode('ABCD0FGH')).toBeNull();
    expect(A.normaliseBookingCode('ABC')).toBeNull();
  });
});

describe('personal data', () => {
  it('is masked', () => {
    expect(A.maskPhone('13812345678')).toBe('138****5678');
    expect(A.maskName('张三丰')).toBe('张**');
    expect(A.maskName('王')).toBe('王*');
    expect(A.maskPhone(null)).toBeNull();
    expect(A.maskedAppointment({ name: '李四', phone: '13900001111', code: 'X' })).toEqual({
      name: '李*',
      phone: '139****1111',
      code: 'X',
    });
  });
  it('is collected only as the hall says', () => {
    expect(A.identityFor({ name: 'off', phone: 'optional' }, { name: '张三', phone: '' })).toEqual({
      name: null,
      phone: null,
    });
    expect(A.identityFor({ name: 'required', phone: 'off' }, {})).toBe('name_required');
    expect(A.identityFor({ name: 'off', phone: 'required' }, { phone: ' ' })).toBe('phone_required');
    expect(A.identityFor({ name: 'off', phone: 'optional' }, { phone: '12345' })).toBe('invalid_phone');
    expect(
      A.identityFor({ name: 'optional', phone: 'optional' }, { name: ' 张三 ', phone: '138 1234 5678' }),
    ).toEqual({
      name: '张三',
      phone: '13812345678',
    });
  });
  it('is purged after the period once the booking is settled', () => {
    const b = { day: FRI, status: 'checked_in' as const, purgedAt: null, name: '张三', phone: null };
    expect(A.isDueForPurge(b, 30, A.addDays(FRI, 29), A.addDays)).toBe(false);
    expect(A.isDueForPurge(b, 30, A.addDays(FRI, 30), A.addDays)).toBe(true);
    expect(A.isDueForPurge({ ...b, purgedAt: 1 }, 30, A.addDays(FRI, 40), A.addDays)).toBe(false);
    expect(A.isDueForPurge({ ...b, name: null }, 30, A.addDays(FRI, 40), A.addDays)).toBe(false);
  });
});

describe('check-in window', () => {
  it('is on time from early before the slot to late after its start', () => {
    expect(A.checkInTiming(booking, windows, TZ, local(FRI, '09:30'))).toEqual({ kind: 'on_time' });
    expect(A.checkInTiming(booking, windows, TZ, local(FRI, '10:15'))).toEqual({ kind: 'on_time' });
  });
  it('says when it opens to an early citizen and that a late one has lost the head start', () => {
    expect(A.checkInTiming(booking, windows, TZ, local(FRI, '09:29'))).toEqual({
      kind: 'early',
      opensAt: local(FRI, '09:30'),
    });
    expect(A.checkInTiming(booking, windows, TZ, local(FRI, '10:16'))).toEqual({
      kind: 'late',
      closedAt: local(FRI, '10:15'),
    });
  });
  it('marks a booking missed only after its late window and only while booked', () => {
    expect(A.isMissed(booking, windows, TZ, local(FRI, '10:15'))).toBe(false);
    expect(A.isMissed(booking, windows, TZ, local(FRI, '10:15') + 1)).toBe(true);
    expect(A.isMissed({ ...booking, status: 'checked_in' }, windows, TZ, local(FRI, '11:00'))).toBe(false);
    expect(A.isMissed({ ...booking, status: 'cancelled' }, windows, TZ, local(FRI, '11:00'))).toBe(false);
  });
});

describe('appointment events', () => {
  const b = { id: 'ap-1', hallId: 'h1', serviceId: 's1', day: FRI, slotStart: 600 };
  it('carry the slot and never the person', () => {
    const e = appointmentEvent(
      'appointment.booked',
      { ...b, name: '张三', phone: '13812345678' } as typeof b,
      1,
      CITIZEN,
    );
    expect(e.data).toEqual({ appointmentId: 'ap-1', serviceId: 's1', day: FRI, slotStart: 600 });
    expect(JSON.stringify(e)).not.toContain('138');
  });
  it('read back through the upcaster', () => {
    const e = appointmentCheckedIn(b, 't-1', true, 5, CITIZEN);
    expect(upcastEvent({ ...e, seq: 1 })).toEqual({ ...e, seq: 1 });
    expect(upcastEvent({ ...e, seq: 2, data: { appointmentId: 'ap-1' } }).data).toEqual({
      appointmentId: 'ap-1',
      serviceId: '',
      day: '',
      slotStart: 0,
      onTime: false,
    });
  });
});
