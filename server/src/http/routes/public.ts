import { z } from 'zod';
import {
  canAccessHall,
  issueTicket,
  kioskMenu,
  reactivateTicket,
  ticketStatus,
  type Principal,
} from '../../app/index.js';
import { CITIZEN } from '../../domain/index.js';
import { actor, requireHallAccess } from '../access.js';
import { HttpError } from '../errors.js';
import { presentIssued } from '../presenters/tickets.js';
import { route } from '../route.js';
import { channel, hallParams, priorityCategory, statusToken, ticketNumber } from '../schemas/common.js';

/**
 * What citizens and ticket machines use, without an account: the menu, taking
 * a ticket, following it, coming back after missing the call. Rate-limited per
 * IP; a kiosk's device token lifts the limit for that machine.
 */

/** A client-chosen key per issue attempt: a UUID or any 8–128 letters, digits, `.`, `_`, `:` and `-`. */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

function idempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(header)) {
    throw new HttpError(
      'validation_failed',
      'Idempotency-Key must be 8–128 letters, digits, ".", "_", ":" or "-".',
      [{ in: 'header', path: 'Idempotency-Key', message: 'expected 8–128 of A-Z a-z 0-9 . _ : -' }],
    );
  }
  return header;
}

/** Anyone may take a ticket; a device may only if it is a kiosk of this hall. */
function issuer(p: Principal | null, hallId: string): void {
  if (p?.kind === 'device' && !(p.device.kind === 'kiosk' && canAccessHall(p, hallId))) {
    throw new HttpError('forbidden', 'Only a kiosk of this hall issues tickets with a device token.');
  }
}

export const publicRoutes = [
  route({
    method: 'get',
    path: '/api/v1/halls/:hallId/kiosk-menu',
    tag: 'Citizens and kiosks',
    summary: 'The ticket machine menu: enabled matters by domain, with waiting counts and estimated wait',
    auth: 'public',
    rateLimited: true,
    params: hallParams,
    response:
      '`{ hall: { id, name }, domains: [{ domain, waiting, services: [{ id, code, name, domain, prefix, pinyin, crossRegion, cannotHandle, waiting, estimate: { ahead, minutes } }] }], priorityCategories: [category], priorityRules: [{ category, declaredBy }] }`; `minutes` is null while no open window serves the matter; `priorityCategories` are the ones a citizen may declare at the kiosk',
    errors: ['not_found'],
    handler: async ({ deps, params }) => kioskMenu(deps, { hallId: params.hallId }),
  }),
  route({
    method: 'post',
    path: '/api/v1/halls/:hallId/tickets',
    tag: 'Citizens and kiosks',
    summary: 'Take a ticket',
    description:
      "No account, phone or ID number is asked for. `categories` are the priority categories the citizen declares: only the hall's self-declarable ones (by default 老幼病残孕军); a staff-only category (by default `key_project`, `urgent`) is refused with 403 `priority_staff_only`, and staff give it through `POST /api/v1/halls/{hallId}/tickets/staff`. `assistance` asks for the help desk (帮办代办). The answer carries the `statusToken` once: it is the key of the public status page (QR code).\n\n" +
      '**Idempotency-Key** (optional header, 8–128 of `A-Z a-z 0-9 . _ : -`, e.g. a UUID): send a new key per issue attempt and the same key when retrying it. ' +
      'The same key with the same body on the same business day answers `201` again with the ticket issued the first time (same `number` and `statusToken`; `status`, `ahead` and `estimatedMinutes` as they are now) and the header `Idempotent-Replayed: true`; no second number is drawn. ' +
      "The same key with another body answers `422 idempotency_key_reused` and issues nothing. Keys are kept in the store (they survive a restart or a crash) for the hall's business day.",
    auth: 'public',
    rateLimited: true,
    params: hallParams,
    body: z.strictObject({
      serviceId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id'),
      categories: z.array(priorityCategory).max(8).optional(),
      assistance: z.boolean().optional(),
      channel: channel.exclude(['appointment']).optional().describe('default kiosk'),
    }),
    example: { serviceId: 'svc-id', categories: ['elderly'], assistance: false, channel: 'kiosk' },
    status: 201,
    response:
      '`{ number, status, hallId, service: { id, name, domain }, issuedAt, priority, assistance, channel, ahead, estimatedMinutes, statusToken }`',
    errors: [
      'not_found',
      'service_disabled',
      'hall_closed',
      'forbidden',
      'priority_staff_only',
      'priority_not_offered',
      'idempotency_key_reused',
    ],
    handler: async (ctx) => {
      const { deps, params, body, principal } = ctx;
      issuer(principal, params.hallId);
      const key = idempotencyKey(ctx.req.get('idempotency-key'));
      const issued = await issueTicket(deps, {
        hallId: params.hallId,
        serviceId: body.serviceId,
        categories: body.categories ?? [],
        assistance: body.assistance ?? false,
        channel: body.channel ?? 'kiosk',
        actor: principal ? actor(ctx) : CITIZEN,
        idempotencyKey: key,
        declaredBy: 'citizen',
      });
      if (issued.replayed) ctx.res.setHeader('Idempotent-Replayed', 'true');
      return presentIssued(issued);
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/halls/:hallId/tickets/staff',
    tag: 'Citizens and kiosks',
    summary:
      "Issue a ticket on a citizen's behalf (导服台, or a clerk at a window), with any priority the hall offers",
    description:
      'For the hall guide and clerks: the same ticket as at a kiosk, but staff may give the staff-only categories (by default `key_project`, `urgent`). The ticket is credited to the person who issued it; channel `counter`.',
    auth: { roles: ['admin', 'supervisor', 'clerk'] },
    params: hallParams,
    body: z.strictObject({
      serviceId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id'),
      categories: z.array(priorityCategory).max(8).optional(),
      assistance: z.boolean().optional(),
    }),
    example: { serviceId: 'svc-id', categories: ['urgent'], assistance: false },
    status: 201,
    response: 'as `POST /api/v1/halls/{hallId}/tickets`',
    errors: ['not_found', 'service_disabled', 'forbidden', 'priority_not_offered'],
    handler: async (ctx) => {
      const { deps, params, body } = ctx;
      requireHallAccess(ctx, params.hallId);
      const issued = await issueTicket(deps, {
        hallId: params.hallId,
        serviceId: body.serviceId,
        categories: body.categories ?? [],
        assistance: body.assistance ?? false,
        channel: 'counter',
        actor: actor(ctx),
        declaredBy: 'staff',
      });
      if (issued.replayed) ctx.res.setHeader('Idempotent-Replayed', 'true');
      return presentIssued(issued);
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/tickets/status/:token',
    tag: 'Citizens and kiosks',
    summary: "A ticket's public status, by the token of its QR code",
    auth: 'public',
    rateLimited: true,
    params: z.strictObject({ token: statusToken }),
    response:
      '`{ number, status, hall: { id, name }, service: { id, name, domain }, issuedAt, ahead, estimatedMinutes, window: { number, name } | null, calledAt }`; no personal data',
    errors: ['not_found'],
    handler: async ({ deps, params }) => ticketStatus(deps, { statusToken: params.token }),
  }),
  route({
    method: 'post',
    path: '/api/v1/halls/:hallId/tickets/reactivate',
    tag: 'Citizens and kiosks',
    summary:
      'Come back after a missed call (过号重排): the ticket re-enters behind K waiting tickets of its own eligibility group, never ahead of one that was ahead of it',
    description:
      "Give the ticket's `statusToken` (its QR code: the phone page, or the paper ticket shown at the kiosk). Logged-in staff of the hall may give today's `number` instead (the citizen stands at their counter with the ticket); anyone else giving a `number` gets `403 forbidden`, so the route neither re-queues someone else's ticket nor tells which numbers exist.",
    auth: 'public',
    rateLimited: true,
    params: hallParams,
    body: z
      .strictObject({ number: ticketNumber.optional(), statusToken: statusToken.optional() })
      .refine((b) => (b.number === undefined) !== (b.statusToken === undefined), {
        message: 'give either number or statusToken',
      }),
    example: { number: 'A023' },
    response: 'the public status, as `GET /api/v1/tickets/status/{token}`',
    errors: ['not_found', 'invalid_state', 'reactivation_expired', 'forbidden'],
    handler: async (ctx) => {
      const { deps, params, body, principal } = ctx;
      if (body.number !== undefined) {
        if (principal?.kind !== 'user')
          throw new HttpError(
            'forbidden',
            "Give the ticket's statusToken; re-activation by number is for staff.",
          );
        requireHallAccess(ctx, params.hallId);
      }
      const ticket = await reactivateTicket(deps, {
        hallId: params.hallId,
        ...(body.number !== undefined ? { number: body.number } : {}),
        ...(body.statusToken !== undefined ? { statusToken: body.statusToken } : {}),
        actor: principal ? actor(ctx) : CITIZEN,
      });
      return ticketStatus(deps, { statusToken: ticket.statusToken });
    },
  }),
];
