import type { PrinterStatus } from '@hall-queue/ticket-printer/escpos/status.js';
import type { PrinterErrorReason } from '@hall-queue/ticket-printer/port.js';
import { newEvent, type Actor } from '../../domain/index.js';
import type { AppDeps } from '../deps.js';
import { printerTarget } from './printer-target.js';

/**
 * The last known status of each printer (DLE EOT, or "agent offline"). It is
 * live state, not history: kept as a hall setting in the store (so every hub
 * process sharing it sees the same), with a `device.status` event in the log
 * whenever it changes.
 */

export interface PrinterState {
  deviceId: string;
  /** null: the transport cannot read status (USB file) or the printer never answered. */
  status: PrinterStatus | null;
  /** Agent connected, or the network printer answered last time. */
  reachable: boolean;
  error: string | null;
  /**
   * What went wrong, as a stable code (the printer port's error reason):
   * `not_a_printer` (something else answers on that address), `timeout`,
   * `disconnected`, `not_ready` (paper out, cover open: see `status`); null
   * when the last job or status read went well. Absent in states saved by
   * older versions.
   */
  code?: PrinterErrorReason | null;
  at: number;
}

const settingKey = (deviceId: string) => `printer-status:${deviceId}`;

const same = (a: PrinterState | undefined, b: PrinterState) =>
  a !== undefined &&
  a.reachable === b.reachable &&
  a.error === b.error &&
  (a.code ?? null) === (b.code ?? null) &&
  JSON.stringify(a.status) === JSON.stringify(b.status);

export async function reportPrinterState(
  deps: AppDeps,
  props: { hallId: string; state: Omit<PrinterState, 'at'>; actor: Actor },
): Promise<void> {
  const state: PrinterState = { ...props.state, at: deps.now() };
  // Kept in the store, so every hub process sharing it reports the same state.
  const before = (await deps.store.getHallSetting(props.hallId, settingKey(state.deviceId))) as
    PrinterState | undefined | null;
  if (same(before ?? undefined, state)) return;
  // The setting's audit event is the `device.status` line in the log.
  await deps.store.saveHallSetting(props.hallId, settingKey(state.deviceId), state, state.at, [
    newEvent(
      'device.status',
      {
        hallId: props.hallId,
        at: state.at,
        actor: props.actor,
        from: before ? (before.reachable ? 'reachable' : 'unreachable') : null,
        to: state.reachable ? 'reachable' : 'unreachable',
      },
      {
        source: 'printer',
        deviceId: state.deviceId,
        status: state.status,
        error: state.error,
        code: state.code ?? null,
      },
    ),
  ]);
}

export interface PrintingOverview {
  printers: {
    deviceId: string;
    name: string;
    kind: 'network' | 'agent';
    address: string | null;
    state: PrinterState | null;
  }[];
  failures: {
    jobId: string;
    ticketId: string;
    number: string;
    copy: number;
    error: string | null;
    at: number;
  }[];
}

/** What the admin side shows: each kiosk printer with its state, and recent failed prints. */
export async function printingOverview(
  deps: AppDeps,
  hallId: string,
  limit = 100,
): Promise<PrintingOverview> {
  const devices = await deps.store.listDevices(hallId);
  const printers: PrintingOverview['printers'] = [];
  for (const d of devices) {
    if (d.revokedAt !== null || (d.kind !== 'kiosk' && d.kind !== 'printer')) continue;
    const t = printerTarget(d, (id) => devices.find((x) => x.id === id));
    if (!t || t.deviceId !== d.id) continue;
    printers.push({
      deviceId: d.id,
      name: d.name,
      kind: t.kind,
      address: t.kind === 'network' ? t.address : null,
      state: (await deps.store.getHallSetting(hallId, settingKey(d.id))) as PrinterState | null,
    });
  }
  const failed = await deps.store.listPrintJobs({ hallId, statuses: ['failed'] });
  // A failure the citizen later got a good copy for needs nobody's attention any more.
  const printedAfter = new Map<string, number>();
  for (const j of await deps.store.listPrintJobs({ hallId, statuses: ['printed'] }))
    printedAfter.set(j.ticketId, Math.max(printedAfter.get(j.ticketId) ?? 0, j.copy));
  const open = failed.filter((j) => (printedAfter.get(j.ticketId) ?? 0) < j.copy);
  const recent = open.slice(-limit).reverse();
  const failures: PrintingOverview['failures'] = [];
  for (const j of recent) {
    const ticket = await deps.store.getTicket(j.ticketId);
    failures.push({
      jobId: j.id,
      ticketId: j.ticketId,
      number: ticket?.number ?? '',
      copy: j.copy,
      error: j.error,
      at: j.updatedAt,
    });
  }
  return { printers, failures };
}
