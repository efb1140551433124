import { z } from 'zod';

/**
 * The hall export file (docs/deploy.md, "Moving a hall"): JSON lines, one
 * record per line. The first line is the header, the last the trailer that
 * counts the records between, so a file cut short is refused rather than
 * half restored. Records carry the domain objects as the store port returns
 * them, so a file from either store kind imports into either.
 */
export const EXPORT_FORMAT = 'hall-queue.hall-export';
export const EXPORT_VERSION = 1;

export interface ExportHeader {
  kind: 'header';
  format: typeof EXPORT_FORMAT;
  version: number;
  hallId: string;
  /** Where the hall came from: the store kind and its schema version. */
  source: { store: 'sqlite' | 'mongodb'; schema: number };
  exportedAt: string;
}

export interface ExportTrailer {
  kind: 'end';
  /** Records between the header and this line. */
  records: number;
}

/** The record kinds, in the order an export writes them. */
export const RECORD_KINDS = [
  'hall',
  'service',
  'window',
  'device',
  'user',
  'setting',
  'ticket',
  'event',
  'evaluation',
  'rectification',
  'printJob',
  'statsCursor',
  'ticketFact',
  'dayAggregate',
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

const id = z.string().min(1);
const nullableId = id.nullable();
const time = z.number().int();
const nullableTime = time.nullable();
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const strings = z.array(z.string());

/**
 * The fields each record must have, with their types: a gate against damaged
 * or hand-edited lines, so a bad value is named with its line instead of
 * failing deep inside the store. Fields not listed pass through as they are.
 */
export const RECORD_SCHEMAS: Record<RecordKind, z.ZodType> = {
  hall: z.looseObject({
    id,
    name: z.string(),
    level: z.string(),
    timeZone: z.string(),
    calendar: z.record(z.string(), z.unknown()),
    rules: z.record(z.string(), z.unknown()),
    createdAt: time,
    updatedAt: time,
  }),
  service: z.looseObject({
    id,
    hallId: id,
    code: z.string(),
    name: z.string(),
    domain: z.string(),
    prefix: z.string(),
    crossRegion: z.boolean(),
    cannotHandle: z.boolean(),
    dedicated: z.boolean(),
    expectedMinutes: z.number(),
    pinyin: z.string(),
    enabled: z.boolean(),
    sortOrder: z.number(),
  }),
  window: z.looseObject({
    id,
    hallId: id,
    number: z.number().int(),
    name: z.string(),
    kind: z.string(),
    domains: strings,
    serviceIds: strings,
    overflow: z.boolean(),
    state: z.enum(['open', 'paused', 'closed']),
    pauseReason: z.string().nullable(),
    clerkIds: strings,
    currentClerkId: nullableId,
    currentTicketId: nullableId,
    lastCallNextAt: nullableTime,
    sortOrder: z.number(),
  }),
  device: z.looseObject({
    id,
    hallId: id,
    kind: z.string(),
    name: z.string(),
    windowId: nullableId,
    tokenHash: id,
    config: z.record(z.string(), z.unknown()),
    revokedAt: nullableTime,
    lastSeenAt: nullableTime,
    createdAt: time,
  }),
  user: z.looseObject({
    id,
    username: id,
    displayName: z.string(),
    staffNo: z.string(),
    role: z.enum(['admin', 'supervisor', 'clerk']),
    hallIds: strings,
    passwordHash: id,
    disabled: z.boolean(),
    createdAt: time,
  }),
  setting: z.looseObject({ key: id, value: z.unknown(), updatedAt: time }),
  ticket: z.looseObject({
    id,
    hallId: id,
    serviceId: id,
    number: id,
    prefix: z.string(),
    seq: z.number().int().min(1),
    businessDay: day,
    categories: strings,
    assistance: z.boolean(),
    channel: z.string(),
    appointmentId: nullableId,
    status: z.string(),
    issuedAt: time,
    effectiveAt: time,
    windowId: nullableId,
    targetWindowId: nullableId,
    callCount: z.number().int(),
    calledAt: nullableTime,
    startedAt: nullableTime,
    endedAt: nullableTime,
    transferCount: z.number().int(),
    statusToken: id,
    version: z.number().int(),
  }),
  event: z.looseObject({
    hallId: id,
    seq: z.number().int().min(1),
    type: z.string(),
    at: time,
    actor: z.looseObject({ type: z.string(), id: nullableId }),
    ticketId: nullableId,
    windowId: nullableId,
    from: z.string().nullable(),
    to: z.string().nullable(),
    data: z.unknown(),
  }),
  evaluation: z.looseObject({
    id,
    hallId: id,
    ticketId: id,
    serviceId: id,
    windowId: nullableId,
    clerkId: nullableId,
    level: z.number().int().min(1).max(5),
    reasons: strings,
    comment: z.string(),
    channel: z.string(),
    deviceId: nullableId,
    at: time,
  }),
  rectification: z.looseObject({
    id,
    hallId: id,
    evaluationId: id,
    ticketId: id,
    windowId: nullableId,
    clerkId: nullableId,
    assigneeId: nullableId,
    status: z.string(),
    openedAt: time,
    deadlineAt: time,
    version: z.number().int(),
  }),
  printJob: z.looseObject({
    id,
    hallId: id,
    deviceId: id,
    ticketId: id,
    copy: z.number().int(),
    status: z.string(),
    attempts: z.number().int(),
    error: z.string().nullable(),
    createdAt: time,
    updatedAt: time,
  }),
  statsCursor: z.looseObject({
    seq: z.number().int().min(0),
    windowClerks: z.record(z.string(), nullableId),
  }),
  ticketFact: z.looseObject({ ticketId: id, hallId: id, businessDay: day, serviceId: id }),
  dayAggregate: z.looseObject({
    hallId: id,
    businessDay: day,
    domain: z.string(),
    windowId: nullableId,
    clerkId: nullableId,
    priority: z.boolean(),
  }),
};

/** A refused file: what is wrong and, when one line is to blame, its number (from 1). */
export class TransferError extends Error {
  constructor(
    message: string,
    readonly line: number | null = null,
  ) {
    super(line === null ? message : `line ${line}: ${message}`);
    this.name = 'TransferError';
  }
}
