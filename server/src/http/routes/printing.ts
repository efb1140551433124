import { z } from 'zod';
import { canAccessHall, requireHall, type Principal } from '../../app/index.js';
import {
  buildTicketDocument,
  getTicketLayout,
  presentPrintJob,
  printingOverview,
  reprintTicket,
  saveTicketLayout,
  targetOfDevice,
  ticketLayoutSchema,
} from '../../app/printing/index.js';
import { renderSvg } from '@hall-queue/ticket-printer/render.js';
import { DomainError, type Ticket } from '../../domain/index.js';
import { actor, requireHallAccess } from '../access.js';
import { HttpError } from '../errors.js';
import { SENT, route, type RouteContext } from '../route.js';
import { hallParams, statusToken } from '../schemas/common.js';
import type { PrintJobList, ReprintAnswer } from '../../protocol/http.js';

/**
 * Printing: the ticket image the kiosk shows (the same layout the printer
 * prints), print results of a ticket, reprints, the hall's printer overview
 * and the ticket layout settings.
 */

const tokenParams = z.strictObject({ token: statusToken });

async function ticketByToken(
  ctx: { deps: RouteContext<unknown, unknown, unknown>['deps'] },
  token: string,
): Promise<Ticket> {
  const ticket = await ctx.deps.store.getTicketByToken(token);
  if (!ticket) throw new DomainError('not_found', 'No ticket with this token.');
  return ticket;
}

/** The address the QR names: PUBLIC_URL, else the address this request came to. */
function baseUrl(ctx: RouteContext<unknown, unknown, unknown>): string {
  return ctx.options.publicUrl ?? `${ctx.req.protocol}://${ctx.req.get('host') ?? 'localhost'}`;
}

/** A kiosk reprints tickets of its own hall; staff of the hall may too. */
function reprinter(p: Principal | null, hallId: string): Principal {
  if (!p) throw new HttpError('unauthenticated', 'A kiosk device token or a staff login is required.');
  if (!canAccessHall(p, hallId)) throw new HttpError('forbidden', 'Not a device or user of this hall.');
  return p;
}

export const printingRoutes = [
  route({
    method: 'get',
    path: '/api/v1/tickets/:token/ticket.svg',
    tag: 'Citizens and kiosks',
    summary: 'The ticket as an image (SVG): the same layout the printer prints',
    description:
      'The kiosk shows this on its result screen, so what the citizen sees is what comes out of the printer. `copy` > 1 adds the 补打 (reprint) line.',
    auth: 'public',
    rateLimited: true,
    params: tokenParams,
    query: z.strictObject({
      copy: z
        .string()
        .regex(/^[1-9]\d?$/, 'a copy number 1–99')
        .optional(),
    }),
    response: '`image/svg+xml`',
    errors: ['not_found'],
    handler: async (ctx) => {
      const ticket = await ticketByToken(ctx, ctx.params.token);
      const copy = ctx.query.copy ? Number(ctx.query.copy) : 1;
      const { document, paper } = await buildTicketDocument(ctx.deps, {
        ticket,
        copy,
        baseUrl: baseUrl(ctx),
      });
      // A kiosk sees its own printer's paper width, so the image is the ticket it prints.
      const p = ctx.principal;
      const target =
        p?.kind === 'device'
          ? await targetOfDevice(() => ctx.deps.store.listDevices(p.device.hallId), p.device.id)
          : null;
      ctx.res.status(200).type('image/svg+xml; charset=utf-8').setHeader('cache-control', 'no-store');
      ctx.res.send(renderSvg(document, target?.paper ?? paper));
      return SENT;
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/tickets/:token/print-jobs',
    tag: 'Citizens and kiosks',
    summary: "A ticket's print jobs: whether it printed, and reprints",
    auth: 'public',
    rateLimited: true,
    params: tokenParams,
    response:
      '`{ number, jobs: [{ id, copy, printedCopy, status: "queued" | "sent" | "printed" | "failed", error, createdAt, updatedAt }] }`; no jobs when the kiosk has no printer. `copy` numbers the jobs; `printedCopy` is the copy the paper says (copies printed before it + 1).',
    errors: ['not_found'],
    handler: async (ctx) => {
      const ticket = await ticketByToken(ctx, ctx.params.token);
      const jobs = await ctx.deps.store.listPrintJobs({ ticketId: ticket.id });
      return {
        number: ticket.number,
        jobs: jobs.map((j) => presentPrintJob(j, jobs)),
      } satisfies PrintJobList;
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/halls/:hallId/reprints',
    tag: 'Citizens and kiosks',
    summary: 'Print a ticket again, same number (补打)',
    description:
      "A new print job, on the asking kiosk's printer or the printer of the ticket's last print. The ticket is named by its `statusToken` (the kiosk has it from issuing). While a job of the ticket is still queued or printing (a slow printer), no second job is made: the answer is that job with `joined: true`, so one press of 重新打印 never puts two copies in the tray. Follow the job with `GET /tickets/{token}/print-jobs` until it is `printed` or `failed`.",
    auth: { roles: ['admin', 'supervisor'], devices: ['kiosk'] },
    params: hallParams,
    body: z.strictObject({ statusToken }),
    example: { statusToken: 'Xb3k9QmTz2LpV7wR' },
    status: 202,
    response: '`{ job: { id, copy, printedCopy, status, error, createdAt, updatedAt }, joined }`',
    errors: ['not_found', 'invalid_state'],
    handler: async (ctx) => {
      await requireHall(ctx.deps, ctx.params.hallId);
      const p = reprinter(ctx.principal, ctx.params.hallId);
      const ticket = await ticketByToken(ctx, ctx.body.statusToken);
      if (ticket.hallId !== ctx.params.hallId)
        throw new DomainError('not_found', 'No ticket with this token in this hall.');
      const { job, joined } = await reprintTicket(ctx.deps, {
        ticket,
        actor: actor(ctx),
        ...(p.kind === 'device' ? { kioskId: p.device.id } : {}),
      });
      const jobs = await ctx.deps.store.listPrintJobs({ ticketId: ticket.id });
      return { job: presentPrintJob(job, jobs), joined } satisfies ReprintAnswer;
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/halls/:hallId/printing',
    tag: 'Printing',
    summary: "The hall's printers with their last status, and recent failed prints",
    auth: { roles: ['admin', 'supervisor'] },
    params: hallParams,
    response:
      '`{ printers: [{ deviceId, name, kind: "network" | "agent", address, state: { status, reachable, error, code, at } | null }], failures: [{ jobId, ticketId, number, copy, error, at }] }`. `code` is `not_a_printer` when something other than a printer answers on the address, else the last failure\'s reason (`timeout`, `disconnected`, `not_ready`) or null. A failure whose ticket was later reprinted successfully is not listed.',
    errors: ['not_found'],
    handler: async (ctx) => {
      await requireHall(ctx.deps, ctx.params.hallId);
      requireHallAccess(ctx, ctx.params.hallId);
      return printingOverview(ctx.deps, ctx.params.hallId);
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/halls/:hallId/ticket-layout',
    tag: 'Printing',
    summary: 'The ticket layout of the hall: paper width, logo text, notice lines',
    auth: { roles: ['admin', 'supervisor'] },
    params: hallParams,
    response: '`{ paper: 58 | 80, logoText, notice: [string] }`',
    errors: ['not_found'],
    handler: async (ctx) => {
      await requireHall(ctx.deps, ctx.params.hallId);
      requireHallAccess(ctx, ctx.params.hallId);
      return getTicketLayout(ctx.deps, ctx.params.hallId);
    },
  }),
  route({
    method: 'put',
    path: '/api/v1/halls/:hallId/ticket-layout',
    tag: 'Printing',
    summary: 'Set the ticket layout of the hall',
    auth: { roles: ['admin'] },
    params: hallParams,
    body: ticketLayoutSchema,
    example: {
      paper: 80,
      logoText: '宁夏政务服务',
      notice: ['过号请到取号机重新排队。', '办事完成请评价：好差评。'],
    },
    response: 'the layout as saved',
    errors: ['not_found'],
    handler: async (ctx) => {
      await requireHall(ctx.deps, ctx.params.hallId);
      requireHallAccess(ctx, ctx.params.hallId);
      return saveTicketLayout(ctx.deps, { hallId: ctx.params.hallId, layout: ctx.body, actor: actor(ctx) });
    },
  }),
];
