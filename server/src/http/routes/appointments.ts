import { z } from 'zod';
import {
  bookAppointment,
  canAccessHall,
  bookingOptions,
  cancelBooking,
  checkInBooking,
  findBooking,
  getAppointmentSettings,
  listBookings,
  listHallNotifications,
  openSlots,
  previewAppointments,
  rescheduleBooking,
  saveAppointmentSettings,
} from '../../app/index.js';
import { CITIZEN } from '../../domain/index.js';
import {
  IDENTITY_FIELD_MODES,
  REMINDER_LEAD_MINUTES,
  SLOT_MINUTES,
  type AppointmentSettings,
  type SlotMinutes,
} from '../../domain/appointments/index.js';
import { actor, requireHallAccess } from '../access.js';
import { HttpError } from '../errors.js';
import { presentBooking } from '../presenters/appointments.js';
import { presentIssued } from '../presenters/tickets.js';
import { qrSvg } from '@hall-queue/ticket-printer/qr-svg.js';
import { SENT, route } from '../route.js';
import { day, hallParams, hallServiceParams, id, noBody } from '../schemas/common.js';

/**
 * Appointments (预约): citizens book without an account and hold the
 * booking by its code; admins set slots and caps. Public routes are
 * rate-limited per IP and answer only about the booking whose code is given.
 */

const TAG = 'Appointments';
// Any short run of letters, digits, spaces and dashes is looked up; a code that cannot exist is simply not found.
const code = z
  .string()
  .regex(/^[A-Za-z0-9 -]{1,64}$/, 'a booking code (8 letters and digits)')
  .describe('the booking code');
const codeParams = z.strictObject({ code });
const hallCodeParams = z.strictObject({ hallId: id, code });
const minuteOfDay = z
  .number()
  .int()
  .min(0)
  .max(24 * 60)
  .describe('hall-local minutes since midnight');

const serviceSettings = z.strictObject({
  serviceId: id,
  enabled: z.boolean(),
  slotMinutes: z
    .number()
    .int()
    .refine((n): n is SlotMinutes => (SLOT_MINUTES as readonly number[]).includes(n), 'slot length 15 or 30')
    .transform((n) => n as SlotMinutes),
  capacityPerSlot: z.number().int().min(0).max(500),
});

const settingsBody = z.strictObject({
  enabled: z.boolean(),
  maxBookedShare: z.number().min(0).max(1).describe('share of each hour that may be booked; default 0.5'),
  horizonDays: z.number().int().min(0).max(90),
  minLeadMinutes: z.number().int().min(0).max(10_080),
  earlyMinutes: z.number().int().min(0).max(240),
  lateMinutes: z.number().int().min(0).max(240),
  name: z.enum(IDENTITY_FIELD_MODES),
  phone: z.enum(IDENTITY_FIELD_MODES),
  allowDuplicates: z.boolean(),
  purgeAfterDays: z.number().int().min(1).max(3650),
  reminderLeadMinutes: z
    .number()
    .int()
    .min(REMINDER_LEAD_MINUTES.min)
    .max(REMINDER_LEAD_MINUTES.max)
    .nullable()
    .optional()
    .describe(
      "minutes before the slot the reminder goes out; null or absent: the hub's NOTIFY_REMINDER_LEAD_MINUTES",
    ),
  services: z.array(serviceSettings).max(500),
});

/** An absent reminder lead follows the hub. */
const settingsOf = (body: z.infer<typeof settingsBody>): AppointmentSettings => ({
  ...body,
  reminderLeadMinutes: body.reminderLeadMinutes ?? null,
});

const SETTINGS_EXAMPLE = {
  enabled: true,
  maxBookedShare: 0.5,
  horizonDays: 14,
  minLeadMinutes: 30,
  earlyMinutes: 30,
  lateMinutes: 15,
  name: 'optional' as const,
  phone: 'optional' as const,
  allowDuplicates: false,
  purgeAfterDays: 30,
  reminderLeadMinutes: null,
  services: [{ serviceId: 'svc-id', enabled: true, slotMinutes: 30, capacityPerSlot: 4 }],
};

const BOOKING =
  '`{ code, hallId, serviceId, day, slotStart, slotEnd, slot, status, name, phone, ticketId }`; `name` and `phone` masked (张*, 138****5678)';

export const appointmentRoutes = [
  route({
    method: 'get',
    path: '/api/v1/halls/:hallId/booking',
    tag: TAG,
    summary: 'What the booking page offers: bookable matters, days, and whether name and phone are asked',
    auth: 'public',
    rateLimited: true,
    params: hallParams,
    response:
      '`{ hall: { id, name }, services: [{ id, name, domain, slotMinutes }], days: [YYYY-MM-DD], name, phone }`; `name`/`phone` are `off`, `optional` or `required`; no services when the hall takes no bookings',
    errors: ['not_found'],
    handler: async ({ deps, params }) => bookingOptions(deps, params),
  }),
  route({
    method: 'get',
    path: '/api/v1/halls/:hallId/services/:serviceId/booking-slots',
    tag: TAG,
    summary: 'The slots of a matter on a day that can still be booked',
    description:
      'Only slots with a free place are listed, and without counts: nothing tells how many others booked.',
    auth: 'public',
    rateLimited: true,
    params: hallServiceParams,
    query: z.strictObject({ day: day.optional().describe('default today') }),
    response:
      '`{ slots: [{ start, end, label }] }`, `start`/`end` in hall-local minutes, `label` `HH:MM–HH:MM`',
    errors: ['not_found', 'booking_not_offered'],
    handler: async ({ deps, params, query }) => {
      const slots = await openSlots(deps, { ...params, ...(query.day ? { day: query.day } : {}) });
      const hhmm = (m: number) =>
        `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      return { slots: slots.map((s) => ({ ...s, label: `${hhmm(s.start)}–${hhmm(s.end)}` })) };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/halls/:hallId/bookings',
    tag: TAG,
    summary: 'Book a slot, without an account; the answer carries the booking code',
    description:
      'Name and phone are asked as the hall sets (`off`, `optional`, `required`). The same phone cannot book the same matter twice on one day unless the hall allows it (`409 duplicate_booking`). A full slot answers `409 slot_full`. Booking is never needed to take a ticket.',
    auth: 'public',
    rateLimited: true,
    params: hallParams,
    body: z.strictObject({
      serviceId: id,
      day,
      slotStart: minuteOfDay,
      name: z.string().trim().max(40).optional(),
      phone: z.string().trim().max(20).optional(),
    }),
    example: { serviceId: 'svc-id', day: '2026-12-07', slotStart: 570, name: '张三', phone: '13812345678' },
    status: 201,
    response: BOOKING,
    errors: [
      'not_found',
      'booking_not_offered',
      'slot_unavailable',
      'slot_full',
      'duplicate_booking',
      'booking_details_invalid',
    ],
    handler: async (ctx) =>
      presentBooking(
        await bookAppointment(ctx.deps, {
          hallId: ctx.params.hallId,
          ...ctx.body,
          actor: ctx.principal ? actor(ctx) : CITIZEN,
        }),
      ),
  }),
  route({
    method: 'get',
    path: '/api/v1/bookings/:code',
    tag: TAG,
    summary: 'A booking, by its code',
    auth: 'public',
    rateLimited: true,
    params: codeParams,
    response: BOOKING,
    errors: ['not_found'],
    handler: async ({ deps, params }) => presentBooking(await findBooking(deps, params)),
  }),
  route({
    method: 'get',
    path: '/api/v1/bookings/:code/qr.svg',
    tag: TAG,
    summary: "The booking code as a QR code (SVG), to show at the kiosk's scanner",
    auth: 'public',
    rateLimited: true,
    params: codeParams,
    response: '`image/svg+xml`; the QR holds the booking code only',
    errors: ['not_found'],
    handler: async (ctx) => {
      const booking = await findBooking(ctx.deps, ctx.params);
      ctx.res.status(200).type('image/svg+xml; charset=utf-8').setHeader('cache-control', 'no-store');
      ctx.res.send(qrSvg(booking.code));
      return SENT;
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/bookings/:code/cancel',
    tag: TAG,
    summary: 'Cancel a booking; its place is freed',
    auth: 'public',
    rateLimited: true,
    params: codeParams,
    body: noBody,
    example: {},
    response: BOOKING,
    errors: ['not_found', 'invalid_state'],
    handler: async (ctx) =>
      presentBooking(
        await cancelBooking(ctx.deps, { code: ctx.params.code, actor: ctx.principal ? actor(ctx) : CITIZEN }),
      ),
  }),
  route({
    method: 'post',
    path: '/api/v1/bookings/:code/reschedule',
    tag: TAG,
    summary: 'Move a booking to another slot of the same matter; the code stays the same',
    auth: 'public',
    rateLimited: true,
    params: codeParams,
    body: z.strictObject({ day, slotStart: minuteOfDay }),
    example: { day: '2026-12-08', slotStart: 600 },
    response: BOOKING,
    errors: [
      'not_found',
      'invalid_state',
      'booking_not_offered',
      'slot_unavailable',
      'slot_full',
      'duplicate_booking',
    ],
    handler: async (ctx) =>
      presentBooking(
        await rescheduleBooking(ctx.deps, {
          code: ctx.params.code,
          ...ctx.body,
          actor: ctx.principal ? actor(ctx) : CITIZEN,
        }),
      ),
  }),
  route({
    method: 'get',
    path: '/api/v1/halls/:hallId/appointment-settings',
    tag: TAG,
    summary: "The hall's booking settings: slots, caps, check-in window, personal data",
    auth: { roles: ['admin', 'supervisor'] },
    params: hallParams,
    response: 'the settings, as `PUT` takes them',
    errors: ['not_found'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      return getAppointmentSettings(ctx.deps, ctx.params);
    },
  }),
  route({
    method: 'put',
    path: '/api/v1/halls/:hallId/appointment-settings',
    tag: TAG,
    summary: "Replace the hall's booking settings",
    description:
      '`maxBookedShare` caps the booked share of each clock hour (default 0.5) so walk-ins keep their room; slots come from the hall calendar (hours, holidays, 延时服务, weekend service days). Existing bookings are kept.',
    auth: { roles: ['admin'] },
    params: hallParams,
    body: settingsBody,
    example: SETTINGS_EXAMPLE,
    response: 'the settings as saved',
    errors: ['not_found', 'invalid_config'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      return saveAppointmentSettings(ctx.deps, {
        hallId: ctx.params.hallId,
        settings: settingsOf(ctx.body),
        actor: actor(ctx),
      });
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/halls/:hallId/services/:serviceId/appointment-preview',
    tag: TAG,
    summary: 'Preview the next two weeks of a matter: slots, capacity, bookable places, bookings',
    description: 'Send settings to preview them before saving; send `{}` to preview the saved ones.',
    auth: { roles: ['admin', 'supervisor'] },
    params: hallServiceParams,
    body: z.strictObject({ settings: settingsBody.optional() }),
    example: { settings: SETTINGS_EXAMPLE },
    response:
      '`{ serviceId, offered, days: [{ day, capacity, bookable, booked, slots: [{ start, end, capacity, booked, free }] }] }`',
    errors: ['not_found'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      return previewAppointments(ctx.deps, {
        ...ctx.params,
        ...(ctx.body.settings ? { settings: settingsOf(ctx.body.settings) } : {}),
      });
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/halls/:hallId/notifications',
    tag: TAG,
    summary: 'Recent booking confirmations and reminders with their outcome, phone masked',
    description:
      "Newest first. `status` is `queued` (waiting or retrying), `sent`, `failed` (gave up after NOTIFY_MAX_ATTEMPTS) or `cancelled` (the booking was cancelled, moved or purged first); `lastError` is the provider's last refusal.",
    auth: { roles: ['admin'] },
    params: hallParams,
    query: z.strictObject({
      limit: z.coerce.number().int().min(1).max(500).optional().describe('default 100'),
    }),
    response:
      '`{ messages: [{ id, template, status, attempts, lastError, phone, bookingCode, createdAt, dueAt, sentAt }] }`',
    errors: ['not_found'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      return listHallNotifications(ctx.deps, {
        hallId: ctx.params.hallId,
        ...(ctx.query.limit ? { limit: ctx.query.limit } : {}),
      });
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/halls/:hallId/appointments',
    tag: TAG,
    summary: "A day's bookings for staff, name and phone masked",
    auth: { roles: ['admin', 'supervisor', 'clerk'] },
    params: hallParams,
    query: z.strictObject({ day: day.optional().describe('default today') }),
    response: `\`{ bookings: [${BOOKING.split(';')[0]}] }\``,
    errors: ['not_found'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      const list = await listBookings(ctx.deps, {
        hallId: ctx.params.hallId,
        ...(ctx.query.day ? { day: ctx.query.day } : {}),
      });
      return { bookings: list.map(presentBooking) };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/halls/:hallId/bookings/:code/check-in',
    tag: TAG,
    summary:
      'Check a booking in (kiosk scan or typed code, or staff): a ticket with the appointment head start',
    description:
      "Inside the hall's early/late window (default 30 minutes before to 15 after the slot's start) the answer is the ticket (`201`, channel `appointment`), ordered with the appointment head start. Too early answers `409 check_in_early` with `opensAt`; too late `409 check_in_late`: the kiosk says so and offers an ordinary ticket (`POST /api/v1/halls/{hallId}/tickets`). A booking checks in once: the ticket and the booking's check-in are one atomic step, so of two kiosks scanning one code at once one gets the ticket and the other `409 invalid_state` (`params.status` `checked_in`), as does any later scan; a booking moved or cancelled during the check-in answers `409 conflict` and nothing is issued. Staff use the same route from the clerk console.",
    auth: 'public',
    rateLimited: true,
    params: hallCodeParams,
    body: noBody,
    example: {},
    status: 201,
    response:
      '`{ ticket: as POST /api/v1/halls/{hallId}/tickets, booking: ' +
      BOOKING.split(';')[0]?.slice(1, -1) +
      ' }`',
    errors: [
      'not_found',
      'invalid_state',
      'check_in_early',
      'check_in_late',
      'conflict',
      'service_disabled',
      'hall_closed',
      'forbidden',
    ],
    handler: async (ctx) => {
      const p = ctx.principal;
      if (p?.kind === 'device' && !(p.device.kind === 'kiosk' && canAccessHall(p, ctx.params.hallId))) {
        throw new HttpError('forbidden', 'Only a kiosk of this hall checks bookings in with a device token.');
      }
      const { booking, issued } = await checkInBooking(ctx.deps, {
        hallId: ctx.params.hallId,
        code: ctx.params.code,
        actor: ctx.principal ? actor(ctx) : CITIZEN,
      });
      return { ticket: presentIssued(issued), booking: presentBooking(booking) };
    },
  }),
];
