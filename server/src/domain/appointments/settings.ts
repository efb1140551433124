/**
 * What a hall offers for booking (预约). Booking is an option, never a gate
 * (不得强制要求先线上预约): it is off until the hall turns it on, and only
 * the share of each hour set here can be booked, so walk-ins keep their room.
 */

export const SLOT_MINUTES = [15, 30] as const;
export type SlotMinutes = (typeof SLOT_MINUTES)[number];

/** Whether the booking page asks for a name or a phone number. */
export const IDENTITY_FIELD_MODES = ['off', 'optional', 'required'] as const;
export type IdentityFieldMode = (typeof IDENTITY_FIELD_MODES)[number];

/** Booking of one matter. */
export interface ServiceAppointmentSettings {
  serviceId: string;
  enabled: boolean;
  slotMinutes: SlotMinutes;
  /** Citizens the hall serves for this matter in one slot, walk-ins and bookings together. */
  capacityPerSlot: number;
}

export interface AppointmentSettings {
  enabled: boolean;
  /** At most this share of each hour's capacity can be booked (default half). */
  maxBookedShare: number;
  /** How many days ahead a slot can be booked (today counts as day 0). */
  horizonDays: number;
  /** A slot starting sooner than this can no longer be booked. */
  minLeadMinutes: number;
  /** Check-in opens this long before the slot starts. */
  earlyMinutes: number;
  /** Check-in with the head start closes this long after the slot starts; later the booking is missed. */
  lateMinutes: number;
  name: IdentityFieldMode;
  phone: IdentityFieldMode;
  /** Allows more than one booking of the same phone, matter and day. */
  allowDuplicates: boolean;
  /** Name and phone are erased this many days after the booked day. */
  purgeAfterDays: number;
  /**
   * The reminder text message goes out this long before the slot; null
   * follows the hub's NOTIFY_REMINDER_LEAD_MINUTES (a hall far from town may
   * want a day's notice, a city hall two hours).
   */
  reminderLeadMinutes: number | null;
  services: ServiceAppointmentSettings[];
}

/** The bounds of `reminderLeadMinutes`, as of the hub's NOTIFY_REMINDER_LEAD_MINUTES. */
export const REMINDER_LEAD_MINUTES = { min: 5, max: 7 * 24 * 60 } as const;

/** How long before its slot a booking is reminded in this hall. */
export function reminderLeadMs(settings: AppointmentSettings, hubLeadMs: number): number {
  return settings.reminderLeadMinutes === null ? hubLeadMs : settings.reminderLeadMinutes * 60_000;
}

export function defaultAppointmentSettings(): AppointmentSettings {
  return {
    enabled: false,
    maxBookedShare: 0.5,
    horizonDays: 14,
    minLeadMinutes: 30,
    earlyMinutes: 30,
    lateMinutes: 15,
    name: 'optional',
    phone: 'optional',
    allowDuplicates: false,
    purgeAfterDays: 30,
    reminderLeadMinutes: null,
    services: [],
  };
}

export function defaultServiceAppointment(serviceId: string): ServiceAppointmentSettings {
  return { serviceId, enabled: false, slotMinutes: 30, capacityPerSlot: 4 };
}

/** The settings of one matter, or null when the hall does not offer it for booking. */
export function bookableService(
  settings: AppointmentSettings,
  serviceId: string,
): ServiceAppointmentSettings | null {
  if (!settings.enabled) return null;
  const s = settings.services.find((x) => x.serviceId === serviceId);
  return s && s.enabled && s.capacityPerSlot > 0 ? s : null;
}

const int = (v: number, min: number, max: number): boolean => Number.isInteger(v) && v >= min && v <= max;

/** Problems with a settings document, as `field: reason`; empty when it is valid. */
export function appointmentSettingsProblems(s: AppointmentSettings): string[] {
  const out: string[] = [];
  if (!(s.maxBookedShare >= 0 && s.maxBookedShare <= 1)) out.push('maxBookedShare: between 0 and 1');
  if (!int(s.horizonDays, 0, 90)) out.push('horizonDays: whole days from 0 to 90');
  if (!int(s.minLeadMinutes, 0, 7 * 24 * 60)) out.push('minLeadMinutes: whole minutes from 0 to one week');
  if (!int(s.earlyMinutes, 0, 240)) out.push('earlyMinutes: whole minutes from 0 to 240');
  if (!int(s.lateMinutes, 0, 240)) out.push('lateMinutes: whole minutes from 0 to 240');
  if (!int(s.purgeAfterDays, 1, 3650)) out.push('purgeAfterDays: whole days from 1 to 3650');
  const lead = REMINDER_LEAD_MINUTES;
  if (s.reminderLeadMinutes !== null && !int(s.reminderLeadMinutes, lead.min, lead.max)) {
    out.push(`reminderLeadMinutes: whole minutes from ${lead.min} to one week, or null for the hub's`);
  }
  const seen = new Set<string>();
  for (const svc of s.services) {
    if (seen.has(svc.serviceId)) out.push(`services: ${svc.serviceId} listed twice`);
    seen.add(svc.serviceId);
    if (!(SLOT_MINUTES as readonly number[]).includes(svc.slotMinutes))
      out.push(`services.${svc.serviceId}.slotMinutes: 15 or 30`);
    if (!int(svc.capacityPerSlot, 0, 500)) out.push(`services.${svc.serviceId}.capacityPerSlot: 0 to 500`);
  }
  return out;
}
