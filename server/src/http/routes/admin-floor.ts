import { listKeypads, requireHall, today } from '../../app/index.js';
import { printingOverview, ticketLayoutSchema } from '../../app/printing/index.js';
import { renderSvg } from '@hall-queue/ticket-printer/render.js';
import type { HallEvent } from '../../domain/index.js';
import { requireHallAccess } from '../access.js';
import { SENT, route } from '../route.js';
import { hallParams } from '../schemas/common.js';
import type { Floor } from '../../protocol/http.js';

/**
 * The live floor for supervisors (issue 6): one read that joins what the
 * floor screen needs and no other route gives together — the clerk's name at
 * each window, when the current citizen was called and started, since when a
 * window is paused, the longest wait per area, and the devices that need a
 * person (printer out of paper, keypad or display offline). The screen
 * re-reads it when the `/staff` feed says something changed.
 */

/** A counter display reports in when it reads its window; silent this long, it is shown offline. */
const DISPLAY_SILENT_MS = 10 * 60_000;
/** Pauses are looked up in the latest events only; older ones show as "paused, since unknown". */
const RECENT_EVENTS = 5000;

export const adminFloorRoutes = [
  route({
    method: 'get',
    path: '/api/v1/halls/:hallId/floor',
    tag: 'Halls',
    summary: 'The live floor: windows with clerk and current ticket, waiting per area, devices needing care',
    description:
      'For the supervisor console. Windows in display order with `clerk`, `current` (number, status, calledAt, startedAt) and `pausedSince`; `areas` per domain with `waiting` and `oldestIssuedAt`; `devices` with `online` (keypads by their heartbeat, displays and evaluators seen in the last 10 minutes) and printers with their last status.',
    auth: { roles: ['admin', 'supervisor'] },
    params: hallParams,
    response:
      '`{ at, seq, windows: [{ id, number, name, kind, state, pauseReason, pausedSince, clerk, current }], areas: [{ domain, waiting, oldestIssuedAt }], devices: [{ id, kind, name, windowId, online, lastSeenAt }], printers: [{ deviceId, name, state }] }`',
    errors: ['not_found'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      const { store } = ctx.deps;
      const hall = await requireHall(ctx.deps, ctx.params.hallId);
      const now = ctx.deps.now();
      const [windows, services, users, devices, keypads, waiting, seq, printing] = await Promise.all([
        store.listWindows(hall.id),
        store.listServices(hall.id),
        store.listUsers(),
        store.listDevices(hall.id),
        listKeypads(ctx.deps, hall.id),
        store.listTickets(hall.id, {
          businessDay: today(ctx.deps, hall),
          statuses: ['waiting'],
          limit: 100_000,
        }),
        store.lastSeq(hall.id),
        printingOverview(ctx.deps, hall.id, 20),
      ]);
      const recent: HallEvent[] = await store.listEvents(
        hall.id,
        Math.max(0, seq - RECENT_EVENTS),
        RECENT_EVENTS,
      );
      const pausedAt = new Map<string, number>();
      for (const e of recent) if (e.type === 'window.paused' && e.windowId) pausedAt.set(e.windowId, e.at);
      const current = await Promise.all(
        windows.map((w) => (w.currentTicketId ? store.getTicket(w.currentTicketId) : Promise.resolve(null))),
      );
      const userName = new Map(
        users.map((u) => [u.id, { id: u.id, name: u.displayName || u.username, staffNo: u.staffNo }]),
      );
      const serviceOf = new Map(services.map((s) => [s.id, s]));
      const areas = new Map<string, { domain: string; waiting: number; oldestIssuedAt: number | null }>();
      for (const s of services)
        if (!areas.has(s.domain)) areas.set(s.domain, { domain: s.domain, waiting: 0, oldestIssuedAt: null });
      for (const t of waiting) {
        const domain = serviceOf.get(t.serviceId)?.domain ?? '';
        const a = areas.get(domain) ?? { domain, waiting: 0, oldestIssuedAt: null };
        a.waiting += 1;
        a.oldestIssuedAt = a.oldestIssuedAt === null ? t.issuedAt : Math.min(a.oldestIssuedAt, t.issuedAt);
        areas.set(domain, a);
      }
      const keypadOnline = new Map(keypads.map((k) => [k.device.id, k.presence.online]));
      return {
        at: now,
        seq,
        windows: windows
          .map((w, i) => {
            const t = current[i];
            return {
              id: w.id,
              number: w.number,
              name: w.name,
              kind: w.kind,
              sortOrder: w.sortOrder,
              state: w.state,
              pauseReason: w.pauseReason,
              pausedSince: w.state === 'paused' ? (pausedAt.get(w.id) ?? null) : null,
              clerk: w.currentClerkId ? (userName.get(w.currentClerkId) ?? null) : null,
              current: t
                ? {
                    number: t.number,
                    status: t.status,
                    service: serviceOf.get(t.serviceId)?.name ?? '',
                    calledAt: t.calledAt,
                    startedAt: t.startedAt,
                  }
                : null,
            };
          })
          .sort((a, b) => a.sortOrder - b.sortOrder || a.number - b.number),
        areas: [...areas.values()],
        devices: devices
          .filter((d) => d.revokedAt === null)
          .map((d) => ({
            id: d.id,
            kind: d.kind,
            name: d.name,
            windowId: d.windowId,
            lastSeenAt: d.lastSeenAt,
            online:
              d.kind === 'keypad'
                ? (keypadOnline.get(d.id) ?? false)
                : d.lastSeenAt !== null && now - d.lastSeenAt <= DISPLAY_SILENT_MS,
          })),
        printers: printing.printers.map((p) => ({ deviceId: p.deviceId, name: p.name, state: p.state })),
      } satisfies Floor;
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/halls/:hallId/people',
    tag: 'Halls',
    summary: 'The people of a hall by name, for supervisors: who to assign a case to, who did what',
    description:
      'Active and disabled staff who work in the hall (and hub-wide admins): id, name, staff number and role only. Supervisors may not read `/api/v1/users`, yet must assign 差评 cases and read who did each step.',
    auth: { roles: ['admin', 'supervisor'] },
    params: hallParams,
    response: '`{ people: [{ id, displayName, staffNo, role, disabled }] }`',
    errors: ['not_found'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      const hall = await requireHall(ctx.deps, ctx.params.hallId);
      const users = await ctx.deps.store.listUsers();
      return {
        people: users
          .filter((u) => u.hallIds.includes(hall.id) || (u.role === 'admin' && u.hallIds.length === 0))
          .map((u) => ({
            id: u.id,
            displayName: u.displayName || u.username,
            staffNo: u.staffNo,
            role: u.role,
            disabled: u.disabled,
          })),
      };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/halls/:hallId/ticket-layout/preview',
    tag: 'Printing',
    summary: 'A sample ticket drawn with a layout not saved yet (SVG), for the admin console',
    description:
      'Drawn by the same layout code as the printed ticket and `GET /api/v1/tickets/{token}/ticket.svg`, with a sample number and matter. Saves nothing.',
    auth: { roles: ['admin', 'supervisor'] },
    params: hallParams,
    body: ticketLayoutSchema,
    example: { paper: 80, logoText: '宁夏政务服务', notice: ['过号请到取号机重新排队。'] },
    response: '`image/svg+xml`',
    errors: ['not_found'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      const hall = await requireHall(ctx.deps, ctx.params.hallId);
      const svg = renderSvg(
        {
          hallName: hall.name,
          logoText: ctx.body.logoText,
          number: 'A023',
          serviceName: '社会保障卡申领',
          domain: '社保',
          goTo: '请到综合受理窗口等候',
          ahead: 5,
          estimatedMinutes: 12,
          issuedAt: '2026-11-27 09:05',
          qrUrl: `${ctx.options.publicUrl ?? 'http://hub.local'}/t/preview`,
          priorityText: '',
          notice: ctx.body.notice,
          copy: 1,
        },
        ctx.body.paper,
      );
      ctx.res.status(200).type('image/svg+xml; charset=utf-8').setHeader('cache-control', 'no-store');
      ctx.res.send(svg);
      return SENT;
    },
  }),
];
