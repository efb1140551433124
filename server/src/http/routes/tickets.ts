import { z } from 'zod';
import { cancelTicket, routingContext, requireTicket, today, requireHall } from '../../app/index.js';
import { compareQueue, matchesFilter, windowFilters, type QueuedTicket } from '../../domain/index.js';
import { actor, requireHallAccess, windowToRead } from '../access.js';
import { HttpError } from '../errors.js';
import { presentWindowForDevice } from '../presenters/device-window.js';
import { presentTicket } from '../presenters/tickets.js';
import type { TicketCursor } from '../../store/port.js';
import { route } from '../route.js';
import {
  csv,
  day,
  hallParams,
  limitQuery,
  reason,
  ticketParams,
  ticketStatus,
  windowParams,
} from '../schemas/common.js';
import type { WindowView } from '../../protocol/http.js';

/** Staff views of the queue, and cancelling a ticket. */

const STAFF = { roles: ['admin', 'supervisor', 'clerk'] } as const;
/** The largest page of GET /halls/{id}/tickets; `nextCursor` reads on. */
export const TICKET_PAGE_MAX = 1000;

/** Where a page ended (issue time, number and id of its last ticket), opaque to clients. */
function encodeCursor(t: TicketCursor): string {
  return Buffer.from(JSON.stringify([t.issuedAt, t.number, t.id]), 'utf8').toString('base64url');
}

const ticketCursor = z
  .string()
  .max(400)
  .transform((text, ctx): TicketCursor => {
    try {
      const v: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
      if (
        Array.isArray(v) &&
        v.length === 3 &&
        Number.isSafeInteger(v[0]) &&
        typeof v[1] === 'string' &&
        typeof v[2] === 'string'
      ) {
        return { issuedAt: v[0] as number, number: v[1], id: v[2] };
      }
    } catch {
      // Not base64url JSON: reported below like any other bad cursor.
    }
    ctx.addIssue({ code: 'custom', message: 'not a cursor given by this list' });
    return z.NEVER;
  });
const NEXT_SHOWN = 5;

export const ticketRoutes = [
  route({
    method: 'get',
    path: '/api/v1/halls/:hallId/tickets',
    tag: 'Queue (staff)',
    summary: "The hall's tickets of a day, by status, in issue order, a page at a time",
    description:
      'A page holds at most `limit` tickets (1–1000, default 500). When more follow, `nextCursor` is set: ask again with the same filters and `cursor=<nextCursor>` for the next page; it is `null` on the last page. Tickets issued meanwhile appear on later pages, none is repeated or skipped.',
    auth: STAFF,
    params: hallParams,
    query: z.strictObject({
      status: csv(ticketStatus).optional().describe('comma-separated statuses, e.g. waiting,called'),
      day: day.optional().describe('business day YYYY-MM-DD, default today in the hall'),
      limit: limitQuery.optional().describe('page size, at most 1000, default 500'),
      cursor: ticketCursor.optional().describe("the previous page's `nextCursor`"),
    }),
    response: '`{ day, tickets: [ticket], nextCursor: string | null }`',
    errors: ['not_found'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      const hall = await requireHall(ctx.deps, ctx.params.hallId);
      const businessDay = ctx.query.day ?? today(ctx.deps, hall);
      const limit = Math.min(ctx.query.limit ?? 500, TICKET_PAGE_MAX);
      // One more than the page tells whether another page follows.
      const found = await ctx.deps.store.listTickets(hall.id, {
        businessDay,
        limit: limit + 1,
        ...(ctx.query.status ? { statuses: ctx.query.status } : {}),
        ...(ctx.query.cursor ? { after: ctx.query.cursor } : {}),
      });
      const page = found.slice(0, limit);
      const last = page[page.length - 1];
      return {
        day: businessDay,
        tickets: page.map(presentTicket),
        nextCursor: found.length > limit && last ? encodeCursor(last) : null,
      };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/windows/:windowId',
    tag: 'Queue (staff)',
    summary: 'A window with its current ticket, its held tickets and the next few it would call',
    auth: { roles: ['admin', 'supervisor', 'clerk'], devices: ['keypad', 'display', 'evaluator'] },
    params: windowParams,
    description:
      'A device may read its own window only, and gets what its screen shows: `{ window: { id, hallId, number, name, kind, state, pauseReason }, current: { id, number, status, calledAt } | null, held, next }`, where `held` and `next` list `{ id, number }` for a keypad and are empty for a display or evaluator; never the clerks, priority categories or assistance.',
    response:
      '`{ window, current: ticket | null, held: [ticket], next: [{ id, number, serviceId, priority, assistance, issuedAt }] }` for staff',
    errors: ['not_found'],
    handler: async (ctx) => {
      const window = await windowToRead(ctx, ctx.params.windowId);
      const device = ctx.principal?.kind === 'device' ? ctx.principal.device : null;
      if (device && device.windowId !== window.id)
        throw new HttpError('forbidden', 'A device reads its own window only.');
      const [routing, waiting, held, current] = await Promise.all([
        routingContext(ctx.deps, window.hallId),
        ctx.deps.store.listWaiting(window.hallId),
        ctx.deps.store.listTickets(window.hallId, { statuses: ['held'], windowId: window.id }),
        window.currentTicketId ? ctx.deps.store.getTicket(window.currentTicketId) : Promise.resolve(null),
      ]);
      // The order the claim uses: the window's speciality first, then overflow.
      const next: QueuedTicket[] = [];
      for (const f of windowFilters(window, routing)) {
        const batch = waiting.filter((t) => matchesFilter(f, t) && !next.includes(t)).sort(compareQueue);
        next.push(...batch);
        if (next.length >= NEXT_SHOWN) break;
      }
      if (device)
        return presentWindowForDevice(device.kind, {
          window,
          current,
          held,
          next: next.slice(0, NEXT_SHOWN),
        });
      return {
        window,
        current: current ? presentTicket(current) : null,
        held: held.map(presentTicket),
        next: next.slice(0, NEXT_SHOWN).map((t) => ({
          id: t.id,
          number: t.number,
          serviceId: t.serviceId,
          priority: t.categories.length > 0,
          assistance: t.assistance,
          issuedAt: t.issuedAt,
        })),
      } satisfies WindowView;
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/tickets/:ticketId/cancel',
    tag: 'Queue (staff)',
    summary: "Cancel a ticket (the citizen's request or a supervisor's decision)",
    auth: { roles: ['admin', 'supervisor'] },
    params: ticketParams,
    body: z.strictObject({ reason }),
    example: { reason: '群众主动放弃' },
    response: '`{ ticket }`',
    errors: ['not_found', 'invalid_state', 'conflict'],
    handler: async (ctx) => {
      const ticket = await requireTicket(ctx.deps, ctx.params.ticketId);
      requireHallAccess(ctx, ticket.hallId);
      const t = await cancelTicket(ctx.deps, {
        ticketId: ticket.id,
        hallId: ticket.hallId,
        reason: ctx.body.reason,
        actor: actor(ctx),
      });
      return { ticket: presentTicket(t) };
    },
  }),
];
