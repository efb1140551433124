import { networkInterfaces } from 'node:os';
import type { AddressInfo } from 'node:net';
import type { Namespace, Server, Socket } from 'socket.io';
import { z } from 'zod';
import {
  PRINTER_STATUS,
  PRINT_AGENT_NAMESPACE,
  PRINT_JOB,
  PRINT_RESULT,
  type AgentAck,
  type AgentToHubEvents,
  type HubToAgentEvents,
  type PrintJobMessage,
} from '@hall-queue/ticket-printer/agent/protocol.js';
import { resolveBearer, type AppDeps } from '../app/index.js';
import {
  markPrintJobSent,
  recordPrintResult,
  reportPrinterState,
  targetOfDevice,
} from '../app/printing/index.js';
import { renderJobBytes } from '../devices/printer/job-bytes.js';
import { startPrintDispatch, type PrintDispatch } from '../devices/printer/print-dispatch.js';
import type { Actor } from '../domain/index.js';
import type { Device, PrintJob } from '../domain/index.js';

/** The `/print-agents` namespace and its sockets, typed with the agent's event maps. */
type AgentNamespace = Namespace<AgentToHubEvents, HubToAgentEvents>;
type AgentSocket = Socket<AgentToHubEvents, HubToAgentEvents>;

/**
 * Printing on the hub: the `/print-agents` namespace for kiosks with a
 * locally attached printer, and the print dispatch that feeds it and the
 * network printers. Registered once from realtime/index.ts.
 */

const statusSchema = z
  .strictObject({
    online: z.boolean(),
    coverOpen: z.boolean(),
    paperOut: z.boolean(),
    paperNearEnd: z.boolean(),
    error: z.boolean(),
  })
  .nullable();
const resultSchema = z.strictObject({
  jobId: z.string().min(1).max(64),
  ok: z.boolean(),
  error: z.string().max(500).optional(),
  status: statusSchema.optional(),
});
const printerStatusSchema = z.strictObject({
  status: statusSchema,
  error: z.string().max(500).nullable().optional(),
});

const room = (deviceId: string) => `agent:${deviceId}`;
const deviceActor = (d: Device): Actor => ({ type: 'device', id: d.id });

/** Where phones reach the hub for the QR: PUBLIC_URL, else this machine's LAN address and port. */
export function hubBaseUrl(io: Server, publicUrl?: string): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, '');
  const a = io.httpServer?.address() as AddressInfo | null;
  const port = a?.port ?? 8080;
  if (a && a.address !== '0.0.0.0' && a.address !== '::')
    return `http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${port}`;
  const lan = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal);
  return `http://${lan?.address ?? '127.0.0.1'}:${port}`;
}

export function setupPrintAgents(
  io: Server,
  deps: AppDeps,
  publicUrl?: string,
  statusWaitMs?: number,
): PrintDispatch {
  const ns: AgentNamespace = io.of(PRINT_AGENT_NAMESPACE);
  const report = (err: unknown, context: string) => deps.log.error({ err }, `printing: ${context}`);
  const baseUrl = () => hubBaseUrl(io, publicUrl);

  async function send(target: AgentSocket | AgentNamespace, job: PrintJob, deviceId: string): Promise<void> {
    const t = await targetOfDevice(() => deps.store.listDevices(job.hallId), deviceId);
    const { bytes, number } = await renderJobBytes(deps, job, {
      baseUrl: baseUrl(),
      paper: t?.paper ?? null,
    });
    const sent = await markPrintJobSent(deps, job);
    const message: PrintJobMessage = {
      jobId: sent.id,
      number,
      copy: sent.copy,
      bytes: Buffer.from(bytes).toString('base64'),
    };
    (target === ns ? ns.local.to(room(deviceId)) : (target as AgentSocket)).emit(PRINT_JOB, message);
  }

  const dispatch = startPrintDispatch(deps, {
    baseUrl,
    report,
    ...(statusWaitMs !== undefined ? { statusWaitMs } : {}),
    agents: {
      // An agent that is not connected gets the job when it connects. Only the hub
      // holding the agent's socket sends (`.local`): with a cross-hub adapter every hub would.
      async deliver(job) {
        if ((await ns.local.in(room(job.deviceId)).fetchSockets()).length > 0)
          await send(ns, job, job.deviceId);
      },
    },
  });

  ns.use((socket, next) => {
    const token: unknown = (socket.handshake.auth as { token?: unknown }).token;
    if (typeof token !== 'string' || token.length > 200)
      return next(
        Object.assign(new Error('unauthenticated'), {
          data: { code: 'unauthenticated', message: 'A device token is required.' },
        }),
      );
    resolveBearer(deps, token)
      .then((p) => {
        if (p?.kind !== 'device' || (p.device.kind !== 'kiosk' && p.device.kind !== 'printer')) {
          return next(
            Object.assign(new Error('unauthenticated'), {
              data: { code: 'unauthenticated', message: 'Only a kiosk or printer device token.' },
            }),
          );
        }
        (socket.data as { device?: Device }).device = p.device;
        next();
      })
      .catch((err: unknown) => next(err instanceof Error ? err : new Error('internal')));
  });

  ns.on('connection', (socket) => {
    const device = (socket.data as { device: Device }).device;
    void socket.join(room(device.id));
    const actor = deviceActor(device);
    // Connected or not is all the hub knows until the agent reports DLE EOT.
    const state = (reachable: boolean, error: string | null = null) =>
      reportPrinterState(deps, {
        hallId: device.hallId,
        actor,
        state: { deviceId: device.id, status: null, reachable, error },
      }).catch((err: unknown) => report(err, `status of ${device.id}`));
    void deps.store.touchDevice(device.id, deps.now());
    void state(true);

    // Everything not yet answered, oldest first: after a reconnect the agent skips what it already printed.
    void (async () => {
      for (const job of await deps.store.listPrintJobs({
        deviceId: device.id,
        statuses: ['queued', 'sent'],
      })) {
        await send(socket, job, device.id);
      }
    })().catch((err: unknown) => report(err, `resending to ${device.id}`));

    socket.on(PRINT_RESULT, (raw: unknown, ack?: (a: AgentAck) => void) => {
      const reply = typeof ack === 'function' ? ack : () => undefined;
      const parsed = resultSchema.safeParse(raw);
      if (!parsed.success)
        return reply({ ok: false, error: { code: 'validation_failed', message: 'Bad print result.' } });
      const r = parsed.data;
      recordPrintResult(deps, {
        jobId: r.jobId,
        ok: r.ok,
        ...(r.error ? { error: r.error } : {}),
        actor,
        deviceId: device.id,
      })
        .then(async () => {
          reply({ ok: true });
          if (r.status !== undefined) {
            await reportPrinterState(deps, {
              hallId: device.hallId,
              actor,
              state: {
                deviceId: device.id,
                status: r.status,
                reachable: true,
                error: r.ok ? null : (r.error ?? null),
              },
            });
          }
        })
        .catch((err: unknown) => {
          const code = (err as { code?: string }).code === 'not_found' ? 'not_found' : 'internal';
          reply({
            ok: false,
            error: {
              code,
              message: code === 'not_found' ? 'No such job for this device.' : 'Internal error.',
            },
          });
          if (code === 'internal') report(err, `result from ${device.id}`);
        });
    });

    socket.on(PRINTER_STATUS, (raw: unknown) => {
      const parsed = printerStatusSchema.safeParse(raw);
      if (!parsed.success) return;
      void reportPrinterState(deps, {
        hallId: device.hallId,
        actor,
        state: {
          deviceId: device.id,
          status: parsed.data.status,
          reachable: true,
          error: parsed.data.error ?? null,
        },
      }).catch((err: unknown) => report(err, `status of ${device.id}`));
    });

    socket.on('disconnect', () => {
      void ns.local
        .in(room(device.id))
        .fetchSockets()
        .then((left) => (left.length === 0 ? state(false, 'agent disconnected') : undefined));
    });
  });

  io.httpServer?.once('close', () => dispatch.stop());
  return dispatch;
}
