import type { Actor, Channel, PriorityCategory, WindowState } from './types.js';

/**
 * The hall's log (DESIGN.md §5, "The event log is the contract"). Every
 * change is one of these events; the hub, the statistics, the screens and
 * other hub processes read them, so each type's payload is declared here once
 * and a reader switches on `type` and gets the payload's type from the
 * compiler. Events are built only by the domain functions below and in
 * `lifecycle.ts` / `rectification/cases.ts`.
 */

export const EVENT_TYPES = [
  'ticket.issued',
  'ticket.called',
  'ticket.recalled',
  'ticket.started',
  'ticket.completed',
  'ticket.no_show',
  'ticket.reactivated',
  'ticket.transferred',
  'ticket.held',
  'ticket.called_back',
  'ticket.cancelled',
  'ticket.expired',
  'window.opened',
  'window.paused',
  'window.resumed',
  'window.closed',
  'config.changed',
  'evaluation.submitted',
  'print.queued',
  'print.printed',
  'print.failed',
  'device.status',
  'rectification.opened',
  'rectification.assigned',
  'rectification.contacted',
  'rectification.closed',
  'rectification.appealed',
  'rectification.appeal_decided',
  'rectification.overdue',
  'rectification.reminded',
  'appointment.booked',
  'appointment.rescheduled',
  'appointment.cancelled',
  'appointment.checked_in',
  'appointment.missed',
  'appointment.purged',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** What configuration a `config.changed` event is about. */
export const CONFIG_ENTITIES = [
  'hall',
  'service',
  'window',
  'device',
  'user',
  'signage',
  'ticket-layout',
  'setting',
] as const;
export type ConfigEntity = (typeof CONFIG_ENTITIES)[number];

export const CONFIG_ACTIONS = [
  'created',
  'updated',
  'deleted',
  'imported',
  'revoked',
  'token_issued',
] as const;
export type ConfigAction = (typeof CONFIG_ACTIONS)[number];

export interface ConfigChangedData {
  entity: ConfigEntity;
  action: ConfigAction;
  /** The id of what changed (service, window, device, user, setting key), when it has one. */
  subjectId: string | null;
  /** Names of the changed fields, when known. */
  fields: string[];
  /** The window number or matter code, for people reading the audit trail. */
  label: string | null;
  /** Set by a hall configuration import. */
  source: 'import' | null;
}

export interface CallData {
  number: string;
  serviceId: string;
  /** Called by number (叫指定号) rather than by call-next. */
  specific: boolean;
}

export type PrintOutcomeReason = 'printer' | 'hub_restart';

export interface PrintJobData {
  jobId: string;
  deviceId: string;
  copy: number;
}

export type KeypadOutcome = 'unbound_press' | 'refused' | 'ok' | 'empty' | 'error';

/** What a thermal printer answers to DLE EOT. */
export interface PrinterStatusFlags {
  online: boolean;
  coverOpen: boolean;
  paperOut: boolean;
  paperNearEnd: boolean;
  error: boolean;
}

export type DeviceStatusData =
  | {
      source: 'printer';
      deviceId: string;
      status: PrinterStatusFlags | null;
      error: string | null;
      /** A stable reason when the printer is not ready (`not_a_printer`, `paper_out` …). */
      code: string | null;
    }
  | {
      source: 'keypad';
      deviceId: string;
      pressId: string;
      status: string;
      action: string | null;
      code: string | null;
    };

export interface RectificationRef {
  caseId: string;
  ticketId: string;
  evaluationId: string;
}

/**
 * A booking in the log. Name and phone never enter the log: it is kept for
 * years and read by screens, while personal data is erased after a while.
 */
export interface AppointmentRef {
  appointmentId: string;
  serviceId: string;
  day: string;
  /** Hall-local minutes since midnight. */
  slotStart: number;
}

/** The payload of each event type. */
export interface EventData {
  'ticket.issued': {
    number: string;
    serviceId: string;
    categories: PriorityCategory[];
    assistance: boolean;
    channel: Channel;
  };
  'ticket.called': CallData;
  'ticket.recalled': CallData & { callCount: number };
  'ticket.started': Record<string, never>;
  /**
   * `serviceMs` is null when the ticket was never started: a call-next that
   * finished a ticket still only called is counted apart (not served).
   */
  'ticket.completed': { serviceId: string; serviceMs: number | null; started: boolean };
  'ticket.no_show': Record<string, never>;
  'ticket.reactivated': { behind: number };
  'ticket.transferred': {
    fromServiceId: string;
    toServiceId: string;
    toWindowId: string | null;
    reason: string;
  };
  'ticket.held': { reason: string };
  'ticket.called_back': CallData;
  'ticket.cancelled': { reason: string };
  'ticket.expired': Record<string, never>;
  'window.opened': { clerkId: string | null };
  'window.paused': { reason: string };
  'window.resumed': Record<string, never>;
  'window.closed': Record<string, never>;
  'config.changed': ConfigChangedData;
  'evaluation.submitted': {
    evaluationId: string;
    level: number;
    channel: 'evaluator' | 'qr';
    /** 差评 (levels 1–2): it must be followed up (整改). */
    negative: boolean;
    reasons: string[];
  };
  'print.queued': PrintJobData & { number: string };
  'print.printed': PrintJobData;
  'print.failed': PrintJobData & { error: string; reason: PrintOutcomeReason; number: string | null };
  'device.status': DeviceStatusData;
  'rectification.opened': RectificationRef & {
    level: number;
    windowId: string | null;
    clerkId: string | null;
    deadlineDay: string;
  };
  'rectification.assigned': RectificationRef & { assigneeId: string };
  'rectification.contacted': RectificationRef & { channel: string };
  'rectification.closed': RectificationRef & { late: boolean };
  'rectification.appealed': RectificationRef;
  'rectification.appeal_decided': RectificationRef & { decision: 'approved' | 'rejected' };
  'rectification.overdue': RectificationRef & { deadlineDay: string };
  'rectification.reminded': RectificationRef & { deadlineDay: string };
  'appointment.booked': AppointmentRef;
  'appointment.rescheduled': AppointmentRef & { fromDay: string; fromSlotStart: number };
  'appointment.cancelled': AppointmentRef;
  /** `onTime`: inside the early/late window, so the ticket carries the appointment head start. */
  'appointment.checked_in': AppointmentRef & { onTime: boolean };
  'appointment.missed': AppointmentRef;
  'appointment.purged': AppointmentRef;
}

/** One line of the append-only log; `seq` is monotonic and gap-free per hall. */
export interface EventOf<T extends EventType> {
  seq: number;
  hallId: string;
  type: T;
  at: number;
  actor: Actor;
  ticketId: string | null;
  windowId: string | null;
  from: string | null;
  to: string | null;
  data: EventData[T];
}

export type HallEvent = { [T in EventType]: EventOf<T> }[EventType];

type WithoutSeq<E> = E extends unknown ? Omit<E, 'seq'> : never;
/** An event before the store gives it its sequence number. */
export type NewEvent = WithoutSeq<HallEvent>;
export type NewEventOf<T extends EventType> = Omit<EventOf<T>, 'seq'>;

export function isEventType(type: string): type is EventType {
  return (EVENT_TYPES as readonly string[]).includes(type);
}

/** Builds an event; every builder goes through here so the envelope is the same everywhere. */
export function newEvent<T extends EventType>(
  type: T,
  fields: {
    hallId: string;
    at: number;
    actor: Actor;
    ticketId?: string | null;
    windowId?: string | null;
    from?: string | null;
    to?: string | null;
  },
  data: EventData[T],
): NewEventOf<T> {
  return {
    hallId: fields.hallId,
    type,
    at: fields.at,
    actor: fields.actor,
    ticketId: fields.ticketId ?? null,
    windowId: fields.windowId ?? null,
    from: fields.from ?? null,
    to: fields.to ?? null,
    data,
  };
}

export function configChanged(
  fields: { hallId: string; at: number; actor: Actor; windowId?: string | null },
  change: Pick<ConfigChangedData, 'entity' | 'action'> & Partial<ConfigChangedData>,
): NewEventOf<'config.changed'> {
  return newEvent('config.changed', fields, {
    entity: change.entity,
    action: change.action,
    subjectId: change.subjectId ?? null,
    fields: change.fields ?? [],
    label: change.label ?? null,
    source: change.source ?? null,
  });
}

/** A ticket drawn (取号): the first line of its history, built once here for every store. */
export function ticketIssued(ticket: {
  id: string;
  hallId: string;
  number: string;
  serviceId: string;
  categories: PriorityCategory[];
  assistance: boolean;
  channel: Channel;
  issuedAt: number;
  actor: Actor;
}): NewEventOf<'ticket.issued'> {
  return newEvent(
    'ticket.issued',
    { hallId: ticket.hallId, at: ticket.issuedAt, actor: ticket.actor, ticketId: ticket.id, to: 'waiting' },
    {
      number: ticket.number,
      serviceId: ticket.serviceId,
      categories: ticket.categories,
      assistance: ticket.assistance,
      channel: ticket.channel,
    },
  );
}

/**
 * A staff account's change. The log is kept per hall, so it is one
 * `config.changed` per hall the account concerns: the halls it works in
 * (before and after the change), or every hall for an admin who works in all.
 * `fields` names what changed (`role`, `password`, `disabled` …); issuing an
 * API token is the action `token_issued`.
 */
export function userChanged(
  hallIds: readonly string[],
  fields: { at: number; actor: Actor },
  user: { id: string; username: string },
  change: { action: 'created' | 'updated' | 'deleted' | 'token_issued'; fields?: string[] },
): NewEventOf<'config.changed'>[] {
  return [...new Set(hallIds)].map((hallId) =>
    configChanged(
      { hallId, at: fields.at, actor: fields.actor },
      {
        entity: 'user',
        action: change.action,
        subjectId: user.id,
        label: user.username,
        fields: change.fields ?? [],
      },
    ),
  );
}

export function windowMoved(
  type: 'window.opened' | 'window.paused' | 'window.resumed' | 'window.closed',
  fields: { hallId: string; windowId: string; at: number; actor: Actor; from: WindowState; to: WindowState },
  detail: { reason?: string; clerkId?: string | null },
): NewEvent {
  switch (type) {
    case 'window.opened':
      return newEvent(type, fields, { clerkId: detail.clerkId ?? null });
    case 'window.paused':
      return newEvent(type, fields, { reason: detail.reason ?? '' });
    case 'window.resumed':
    case 'window.closed':
      return newEvent(type, fields, {});
  }
}

/** Call-outs: what a board shows and speaks. */
export type CallEvent = EventOf<'ticket.called'> | EventOf<'ticket.recalled'> | EventOf<'ticket.called_back'>;
export const CALL_EVENT_TYPES = ['ticket.called', 'ticket.recalled', 'ticket.called_back'] as const;
export function isCallEvent(e: HallEvent): e is CallEvent {
  return (CALL_EVENT_TYPES as readonly string[]).includes(e.type);
}

interface PrintedJob {
  id: string;
  hallId: string;
  deviceId: string;
  ticketId: string;
  copy: number;
}

/** The print job's steps in the log, with the ticket they print. */
export function printQueued(job: PrintedJob, at: number, actor: Actor, number: string): NewEvent {
  return newEvent(
    'print.queued',
    { hallId: job.hallId, at, actor, ticketId: job.ticketId },
    { jobId: job.id, deviceId: job.deviceId, copy: job.copy, number },
  );
}

export function printPrinted(job: PrintedJob, at: number, actor: Actor): NewEvent {
  return newEvent(
    'print.printed',
    { hallId: job.hallId, at, actor, ticketId: job.ticketId },
    { jobId: job.id, deviceId: job.deviceId, copy: job.copy },
  );
}

export function printFailed(
  job: PrintedJob,
  at: number,
  actor: Actor,
  failure: { error: string; reason: PrintOutcomeReason; number: string | null },
): NewEvent {
  return newEvent(
    'print.failed',
    { hallId: job.hallId, at, actor, ticketId: job.ticketId },
    { jobId: job.id, deviceId: job.deviceId, copy: job.copy, ...failure },
  );
}

type AppointmentEventType =
  'appointment.booked' | 'appointment.cancelled' | 'appointment.missed' | 'appointment.purged';

interface BookedSlot {
  id: string;
  hallId: string;
  serviceId: string;
  day: string;
  slotStart: number;
}

const appointmentRef = (a: BookedSlot): AppointmentRef => ({
  appointmentId: a.id,
  serviceId: a.serviceId,
  day: a.day,
  slotStart: a.slotStart,
});

/** A booking's steps in the log; the payload carries the slot, never the person. */
export function appointmentEvent(
  type: AppointmentEventType,
  booking: BookedSlot,
  at: number,
  actor: Actor,
): NewEvent {
  return newEvent(type, { hallId: booking.hallId, at, actor }, appointmentRef(booking));
}

export function appointmentRescheduled(
  booking: BookedSlot,
  from: { day: string; slotStart: number },
  at: number,
  actor: Actor,
): NewEvent {
  return newEvent(
    'appointment.rescheduled',
    { hallId: booking.hallId, at, actor },
    { ...appointmentRef(booking), fromDay: from.day, fromSlotStart: from.slotStart },
  );
}

export function appointmentCheckedIn(
  booking: BookedSlot,
  ticketId: string,
  onTime: boolean,
  at: number,
  actor: Actor,
): NewEvent {
  return newEvent(
    'appointment.checked_in',
    { hallId: booking.hallId, at, actor, ticketId },
    { ...appointmentRef(booking), onTime },
  );
}
