import {
  CONFIG_ACTIONS,
  CONFIG_ENTITIES,
  isEventType,
  type ConfigAction,
  type ConfigEntity,
  type EventData,
  type EventType,
  type HallEvent,
  type PrinterStatusFlags,
} from './events.js';
import type { Actor } from './types.js';

/**
 * Reads a stored event of any version into today's `HallEvent`. Logs are
 * never rewritten: an event written by an older hub (payloads before they
 * were typed, e.g. `ticket.called` without `specific`, `config.changed`
 * with free-form fields) is brought to the current shape here, field by
 * field, with the default that older hubs meant. Current events pass through
 * unchanged.
 */
export interface StoredEvent {
  seq: number;
  hallId: string;
  type: string;
  at: number;
  actor: Actor;
  ticketId: string | null;
  windowId: string | null;
  from: string | null;
  to: string | null;
  data: unknown;
}

type Raw = Record<string, unknown>;

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown, fallback = 0): number =>
  typeof v === 'number' && Number.isFinite(v) ? v : fallback;
const numOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const bool = (v: unknown, fallback = false): boolean => (typeof v === 'boolean' ? v : fallback);
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

function configEntity(v: unknown): ConfigEntity {
  return (CONFIG_ENTITIES as readonly unknown[]).includes(v) ? (v as ConfigEntity) : 'setting';
}

function configAction(v: unknown): ConfigAction {
  return (CONFIG_ACTIONS as readonly unknown[]).includes(v) ? (v as ConfigAction) : 'updated';
}

/** Before payloads were typed, audit events named their subject in one of several fields. */
function configSubject(d: Raw, e: StoredEvent): string | null {
  return (
    strOrNull(d.subjectId) ??
    strOrNull(d.serviceId) ??
    strOrNull(d.deviceId) ??
    strOrNull(d.userId) ??
    strOrNull(d.windowId) ??
    strOrNull(d.key) ??
    (d.entity === 'window' ? e.windowId : null) ??
    (d.entity === 'hall' ? strOrNull(d.hallId) : null)
  );
}

function configLabel(d: Raw): string | null {
  if (typeof d.label === 'string') return d.label;
  if (typeof d.number === 'number') return String(d.number);
  return strOrNull(d.code);
}

function printerStatus(v: unknown): PrinterStatusFlags | null {
  if (typeof v !== 'object' || v === null) return null;
  const s = v as Raw;
  return {
    online: bool(s.online, true),
    coverOpen: bool(s.coverOpen),
    paperOut: bool(s.paperOut),
    paperNearEnd: bool(s.paperNearEnd),
    error: bool(s.error),
  };
}

type Upcasters = { [T in EventType]: (d: Raw, e: StoredEvent) => EventData[T] };

const call = (d: Raw) => ({
  number: str(d.number),
  serviceId: str(d.serviceId),
  specific: bool(d.specific),
});
const job = (d: Raw) => ({ jobId: str(d.jobId), deviceId: str(d.deviceId), copy: num(d.copy, 1) });
const caseRef = (d: Raw) => ({
  caseId: str(d.caseId),
  ticketId: str(d.ticketId),
  evaluationId: str(d.evaluationId),
});
const appointmentRef = (d: Raw) => ({
  appointmentId: str(d.appointmentId),
  serviceId: str(d.serviceId),
  day: str(d.day),
  slotStart: num(d.slotStart),
});
const empty = (): Record<string, never> => ({});

const UPCASTERS: Upcasters = {
  'ticket.issued': (d) => ({
    number: str(d.number),
    serviceId: str(d.serviceId),
    categories: strings(d.categories) as EventData['ticket.issued']['categories'],
    assistance: bool(d.assistance),
    channel: str(d.channel, 'kiosk') as EventData['ticket.issued']['channel'],
  }),
  'ticket.called': call,
  'ticket.recalled': (d) => ({ ...call(d), callCount: num(d.callCount, 2) }),
  'ticket.started': empty,
  // Before `started` was recorded, a call-next started a called ticket before completing it.
  'ticket.completed': (d) => ({
    serviceId: str(d.serviceId),
    serviceMs: numOrNull(d.serviceMs),
    started: bool(d.started, true),
  }),
  'ticket.no_show': empty,
  'ticket.reactivated': (d) => ({ behind: num(d.behind) }),
  'ticket.transferred': (d) => ({
    fromServiceId: str(d.fromServiceId),
    toServiceId: str(d.toServiceId),
    toWindowId: strOrNull(d.toWindowId),
    reason: str(d.reason),
  }),
  'ticket.held': (d) => ({ reason: str(d.reason) }),
  'ticket.called_back': call,
  'ticket.cancelled': (d) => ({ reason: str(d.reason) }),
  'ticket.expired': empty,
  'window.opened': (d) => ({ clerkId: strOrNull(d.clerkId) }),
  'window.paused': (d) => ({ reason: str(d.reason) }),
  'window.resumed': empty,
  'window.closed': empty,
  'config.changed': (d, e) => ({
    entity: configEntity(d.entity),
    action: configAction(d.action),
    subjectId: configSubject(d, e),
    fields: strings(d.fields),
    label: configLabel(d),
    source: d.source === 'import' ? 'import' : null,
  }),
  'evaluation.submitted': (d) => ({
    evaluationId: str(d.evaluationId),
    level: num(d.level, 3),
    channel: d.channel === 'qr' ? 'qr' : 'evaluator',
    negative: bool(d.negative),
    reasons: strings(d.reasons),
  }),
  'print.queued': (d) => ({ ...job(d), number: str(d.number) }),
  'print.printed': job,
  'print.failed': (d) => ({
    ...job(d),
    error: str(d.error, 'unknown'),
    reason: d.reason === 'hub_restart' ? 'hub_restart' : 'printer',
    number: strOrNull(d.number),
  }),
  // Keypad presses were told apart from printer reports by their press id.
  'device.status': (d) =>
    typeof d.pressId === 'string' || d.source === 'keypad'
      ? {
          source: 'keypad',
          deviceId: str(d.deviceId),
          pressId: str(d.pressId),
          status: str(d.status),
          action: strOrNull(d.action),
          code: strOrNull(d.code),
        }
      : {
          source: 'printer',
          deviceId: str(d.deviceId),
          status: printerStatus(d.status),
          error: strOrNull(d.error),
          code: strOrNull(d.code),
        },
  'rectification.opened': (d) => ({
    ...caseRef(d),
    level: num(d.level, 1),
    windowId: strOrNull(d.windowId),
    clerkId: strOrNull(d.clerkId),
    deadlineDay: str(d.deadlineDay),
  }),
  'rectification.assigned': (d) => ({ ...caseRef(d), assigneeId: str(d.assigneeId) }),
  'rectification.contacted': (d) => ({ ...caseRef(d), channel: str(d.channel) }),
  'rectification.closed': (d) => ({ ...caseRef(d), late: bool(d.late) }),
  'rectification.appealed': caseRef,
  'rectification.appeal_decided': (d) => ({
    ...caseRef(d),
    decision: d.decision === 'approved' ? 'approved' : 'rejected',
  }),
  'rectification.overdue': (d) => ({ ...caseRef(d), deadlineDay: str(d.deadlineDay) }),
  'rectification.reminded': (d) => ({ ...caseRef(d), deadlineDay: str(d.deadlineDay) }),
  'appointment.booked': appointmentRef,
  'appointment.rescheduled': (d) => ({
    ...appointmentRef(d),
    fromDay: str(d.fromDay),
    fromSlotStart: num(d.fromSlotStart),
  }),
  'appointment.cancelled': appointmentRef,
  'appointment.checked_in': (d) => ({ ...appointmentRef(d), onTime: bool(d.onTime) }),
  'appointment.missed': appointmentRef,
  'appointment.purged': appointmentRef,
};

export class UnknownEventError extends Error {
  constructor(readonly stored: Pick<StoredEvent, 'hallId' | 'seq' | 'type'>) {
    super(
      `Event ${stored.seq} of hall ${stored.hallId} has type "${stored.type}", which this hub does not know; it was written by a newer version.`,
    );
  }
}

export function upcastEvent(e: StoredEvent): HallEvent {
  if (!isEventType(e.type)) throw new UnknownEventError(e);
  const raw: Raw = typeof e.data === 'object' && e.data !== null ? (e.data as Raw) : {};
  const data = (UPCASTERS[e.type] as (d: Raw, e: StoredEvent) => unknown)(raw, e);
  return { ...e, type: e.type, data } as HallEvent;
}
