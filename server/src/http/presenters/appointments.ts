import { maskName, maskPhone, minutesToHhmm, type Appointment } from '../../domain/appointments/index.js';

/**
 * What leaves the hub about a booking: the slot and the code, name and
 * phone always masked (the citizen typed them; nobody needs them back whole
 * on a screen). Internal ids and versions stay inside.
 */
export interface PresentedBooking {
  code: string;
  hallId: string;
  serviceId: string;
  day: string;
  slotStart: number;
  slotEnd: number;
  /** `HH:MM–HH:MM`, hall time. */
  slot: string;
  status: Appointment['status'];
  name: string | null;
  phone: string | null;
  ticketId: string | null;
}

export function presentBooking(a: Appointment): PresentedBooking {
  return {
    code: a.code,
    hallId: a.hallId,
    serviceId: a.serviceId,
    day: a.day,
    slotStart: a.slotStart,
    slotEnd: a.slotEnd,
    slot: `${minutesToHhmm(a.slotStart)}–${minutesToHhmm(a.slotEnd)}`,
    status: a.status,
    name: maskName(a.name),
    phone: maskPhone(a.phone),
    ticketId: a.ticketId,
  };
}
