import { DomainError } from '../domain/index.js';
import type { Store, TicketCursor } from '../store/port.js';
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportHeader, type RecordKind } from './format.js';
import { hallSettingKeys } from './setting-keys.js';

const PAGE = 1000;

export interface ExportSource {
  store: ExportHeader['source']['store'];
  schema: number;
  /** The export's timestamp (the header's `exportedAt`). */
  now: number;
}

const line = (kind: RecordKind, data: unknown) => `${JSON.stringify({ kind, data })}\n`;

/**
 * One hall as JSON lines (format.ts), read through the store port so any
 * store kind exports the same way. Yields line by line: a big log is never
 * held in memory at once. The hall should be quiet while it is exported (a
 * backup at night, or a move with the hubs stopped): the parts are read one
 * after another, not in one snapshot.
 */
export async function* exportHall(
  store: Store,
  hallId: string,
  source: ExportSource,
): AsyncGenerator<string> {
  const hall = await store.getHall(hallId);
  if (!hall) throw new DomainError('not_found', `No hall ${hallId} in this store.`, { hallId });
  const header: ExportHeader = {
    kind: 'header',
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    hallId,
    source: { store: source.store, schema: source.schema },
    exportedAt: new Date(source.now).toISOString(),
  };
  yield `${JSON.stringify(header)}\n`;
  let records = 0;
  const emit = (kind: RecordKind, data: unknown) => {
    records++;
    return line(kind, data);
  };

  yield emit('hall', hall);
  for (const s of await store.listServices(hallId)) yield emit('service', s);
  for (const w of await store.listWindows(hallId)) yield emit('window', w);
  const devices = await store.listDevices(hallId);
  for (const d of devices) yield emit('device', d);
  for (const u of await store.listUsers()) if (u.hallIds.includes(hallId)) yield emit('user', u);
  for (const key of hallSettingKeys(devices)) {
    const value = await store.getHallSetting(hallId, key);
    if (value !== null && value !== undefined)
      yield emit('setting', { key, value, updatedAt: hall.updatedAt });
  }

  const days = new Set<string>();
  let after: TicketCursor | undefined;
  for (;;) {
    const page = await store.listTickets(hallId, { limit: PAGE, ...(after ? { after } : {}) });
    for (const t of page) {
      days.add(t.businessDay);
      yield emit('ticket', t);
    }
    const last = page.at(-1);
    if (!last || page.length < PAGE) break;
    after = { issuedAt: last.issuedAt, number: last.number, id: last.id };
  }

  for (let seq = 0; ;) {
    const page = await store.listEvents(hallId, seq, PAGE);
    for (const e of page) yield emit('event', e);
    if (page.length < PAGE) break;
    seq = page.at(-1)!.seq;
  }

  for (const e of await store.listEvaluations(hallId)) yield emit('evaluation', e);
  for (const c of await store.listRectifications(hallId)) yield emit('rectification', c);
  for (const j of await store.listPrintJobs({ hallId })) yield emit('printJob', j);

  yield emit('statsCursor', await store.getStatsCursor(hallId));
  for (const f of await store.listTicketFacts(hallId, { days: [...days].sort() }))
    yield emit('ticketFact', f);
  for (const a of await store.listDayAggregates(hallId, { from: '0000-01-01', to: '9999-12-31' }))
    yield emit('dayAggregate', a);

  yield `${JSON.stringify({ kind: 'end', records })}\n`;
}
