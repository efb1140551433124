import type { PrinterStatus } from '../../../../ticket-printer/src/escpos/status.js';
import type { PrinterErrorReason } from '../../../../ticket-printer/src/port.js';
import type { Actor } from '../../domain/index.js';
import type { AppDeps } from '../deps.js';
import { printerTarget } from './printer-target.js';

/**
 * The last known status of each printer (DLE EOT, or "agent offline"). It is
 * live state, not history: kept in memory per hub, with a `device.status`
 * event in the log whenever it changes, so the admin side can see both.
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

const boards = new WeakMap<AppDeps, Map<string, PrinterState>>();

/** One board per hub (per deps), shared by the print dispatch and the HTTP routes. */
export function printerStates(deps: AppDeps): Map<string, PrinterState> {
  let board = boards.get(deps);
  if (!board) boards.set(deps, (board = new Map()));
  return board;
}

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
  const board = printerStates(deps);
  const state: PrinterState = { ...props.state, at: deps.now() };
  const before = board.get(state.deviceId);
  board.set(state.deviceId, state);
  if (same(before, state)) return;
  // Kept as a hall setting too, so the last state survives a restart; the
  // setting's audit event is the `device.status` line in the log.
  const events = await deps.store.saveHallSetting(
    props.hallId,
    `printer-status:${state.deviceId}`,
    state,
    state.at,
    {
      hallId: props.hallId,
      type: 'device.status',
      at: state.at,
      actor: props.actor,
      ticketId: null,
      windowId: null,
      from: before ? (before.reachable ? 'reachable' : 'unreachable') : null,
      to: state.reachable ? 'reachable' : 'unreachable',
      data: {
        deviceId: state.deviceId,
        status: state.status,
        error: state.error,
        code: state.code ?? null,
      },
    },
  );
  deps.bus.publish(events);
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
  const board = printerStates(deps);
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
      state:
        board.get(d.id) ??
        ((await deps.store.getHallSetting(hallId, `printer-status:${d.id}`)) as PrinterState | null),
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
