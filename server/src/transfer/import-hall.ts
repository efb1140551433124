import { upcastEvent, type HallEvent } from '../domain/index.js';
import type { HallImport, Store } from '../store/port.js';
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  RECORD_KINDS,
  RECORD_SCHEMAS,
  TransferError,
  type ExportHeader,
  type RecordKind,
} from './format.js';

/** Records whose `hallId` must be the header's. */
const OWNED: ReadonlySet<RecordKind> = new Set([
  'service',
  'window',
  'device',
  'ticket',
  'event',
  'evaluation',
  'rectification',
  'printJob',
  'ticketFact',
  'dayAggregate',
]);

export interface ReadExport {
  header: ExportHeader;
  data: HallImport;
}

function parseLine(text: string, line: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new TransferError('not a JSON record (the file is damaged or cut)', line);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TransferError('a record is a JSON object', line);
  }
  return value as Record<string, unknown>;
}

function readHeader(text: string | undefined): ExportHeader {
  if (text === undefined) throw new TransferError('the file is empty', 1);
  const h = parseLine(text, 1);
  if (h.kind !== 'header' || h.format !== EXPORT_FORMAT) {
    throw new TransferError(`not a hall export (the first line must be its ${EXPORT_FORMAT} header)`, 1);
  }
  if (h.version !== EXPORT_VERSION) {
    throw new TransferError(
      `export format version ${String(h.version)} is not one this program reads (it reads ${EXPORT_VERSION})`,
      1,
    );
  }
  if (typeof h.hallId !== 'string' || h.hallId === '') throw new TransferError('the header names no hall', 1);
  return h as unknown as ExportHeader;
}

/**
 * Reads and checks a whole export before anything is written: every line
 * parses and has its record's fields, every record is of the header's hall,
 * the log is numbered 1, 2, 3 …, and the trailer counts what came before.
 * The first problem is refused with its line number.
 */
export function readHallExport(lines: readonly string[]): ReadExport {
  // A file ends with a newline; nothing else may be blank.
  const body = lines.at(-1) === '' ? lines.slice(0, -1) : lines;
  const header = readHeader(body[0]);
  const hallId = header.hallId;
  const data: Partial<HallImport> & Omit<HallImport, 'hall' | 'statsCursor'> = {
    services: [],
    windows: [],
    devices: [],
    users: [],
    settings: [],
    tickets: [],
    events: [],
    evaluations: [],
    rectifications: [],
    printJobs: [],
    ticketFacts: [],
    dayAggregates: [],
  };
  let records = 0;
  let ended = false;
  for (let i = 1; i < body.length; i++) {
    const n = i + 1;
    if (ended) throw new TransferError('a record after the end of the export', n);
    const record = parseLine(body[i]!, n);
    if (record.kind === 'end') {
      if (record.records !== records) {
        throw new TransferError(
          `the export ends claiming ${String(record.records)} records, ${records} were read`,
          n,
        );
      }
      ended = true;
      continue;
    }
    const kind = record.kind as RecordKind;
    if (!RECORD_KINDS.includes(kind))
      throw new TransferError(`unknown record kind ${JSON.stringify(record.kind)}`, n);
    const parsed = RECORD_SCHEMAS[kind].safeParse(record.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new TransferError(`${kind}: ${issue.path.join('.') || 'record'}: ${issue.message}`, n);
    }
    // The record as written, not zod's copy: a copy lists the checked fields first, and a
    // stored JSON body (a 整改 case) must keep its key order to read back byte for byte.
    const value = record.data as Record<string, unknown>;
    if (OWNED.has(kind) && value.hallId !== hallId) {
      throw new TransferError(`${kind} of hall ${String(value.hallId)}, not of ${hallId}`, n);
    }
    records++;
    add(data, kind, value, hallId, n);
  }
  if (!ended) throw new TransferError('the export has no end record: the file is cut short', body.length);
  if (!data.hall) throw new TransferError('the export has no hall record', null);
  if (!data.statsCursor) throw new TransferError('the export has no statsCursor record', null);
  return { header, data: data as HallImport };
}

function add(
  data: Partial<HallImport>,
  kind: RecordKind,
  value: Record<string, unknown>,
  hallId: string,
  line: number,
): void {
  const d = data as Record<string, unknown[]>;
  switch (kind) {
    case 'hall':
      if (data.hall) throw new TransferError('a second hall record', line);
      if (value.id !== hallId)
        throw new TransferError(`hall ${String(value.id)}, the header says ${hallId}`, line);
      data.hall = value as unknown as HallImport['hall'];
      return;
    case 'statsCursor':
      if (data.statsCursor) throw new TransferError('a second statsCursor record', line);
      data.statsCursor = value as unknown as HallImport['statsCursor'];
      return;
    case 'event': {
      const expected = data.events!.length + 1;
      if (value.seq !== expected) {
        throw new TransferError(
          `event seq ${String(value.seq)} where ${expected} comes next: the log has a gap`,
          line,
        );
      }
      let event: HallEvent;
      try {
        event = upcastEvent(value as unknown as Parameters<typeof upcastEvent>[0]);
      } catch (err) {
        throw new TransferError(`event: ${err instanceof Error ? err.message : String(err)}`, line);
      }
      data.events!.push(event);
      return;
    }
    default: {
      const list = {
        service: 'services',
        window: 'windows',
        device: 'devices',
        user: 'users',
        setting: 'settings',
        ticket: 'tickets',
        evaluation: 'evaluations',
        rectification: 'rectifications',
        printJob: 'printJobs',
        ticketFact: 'ticketFacts',
        dayAggregate: 'dayAggregates',
      }[kind];
      d[list]!.push(value);
    }
  }
}

/** Checks the whole file, then restores the hall in one atomic step of the store. */
export async function importHallExport(store: Store, lines: readonly string[]): Promise<ReadExport> {
  const read = readHallExport(lines);
  await store.importHall(read.data);
  return read;
}
