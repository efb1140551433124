import { DomainError, isDomainError } from '../../domain/index.js';
import { monthsOfDays } from '../../domain/stats/index.js';
import type { HallImport } from '../port.js';
import { inTransaction } from './connection.js';
import { col, type Ctx, type Session } from './context.js';
import { toDoc, toEventDoc, type EventDoc } from './docs.js';
import { counterId } from './queries.js';

/**
 * Restores an exported hall (docs/deploy.md, "Moving a hall"): every
 * document in one transaction with majority write concern, so a refused
 * import leaves the database as it was. Ids, status tokens and device tokens
 * are refused by their unique indexes (`conflict`); the log keeps its seqs
 * and the hall's `eventSeq` is set to the last one, so nothing is appended.
 */
export async function importHall(ctx: Ctx, data: HallImport): Promise<void> {
  const hallId = data.hall.id;
  try {
    await inTransaction(ctx.client, (session) => insertAll(ctx, session, data));
  } catch (err) {
    if (isDomainError(err) && err.code === 'conflict' && typeof err.details.index === 'string') {
      throw new DomainError(
        'conflict',
        `An id of hall ${hallId} is taken in this store already (${err.details.index}).`,
        { hallId, index: err.details.index },
      );
    }
    throw err;
  }
}

/** The imported log must be numbered 1, 2, 3 … as the export wrote it. */
export function checkImportedSeqs(data: Pick<HallImport, 'hall' | 'events'>): void {
  data.events.forEach((e, i) => {
    if (e.seq !== i + 1 || e.hallId !== data.hall.id) {
      throw new DomainError(
        'conflict',
        `The log of hall ${data.hall.id} is not numbered 1, 2, 3 …: event ${i + 1} has seq ${e.seq}.`,
      );
    }
  });
}

/** The highest ticket sequence per prefix and business day: where each number counter continues. */
export function importedCounters(data: Pick<HallImport, 'hall' | 'tickets'>) {
  const last = new Map<string, { prefix: string; businessDay: string; lastSeq: number }>();
  for (const t of data.tickets) {
    const id = counterId(data.hall.id, t.prefix, t.businessDay);
    const seen = last.get(id);
    if (!seen || t.seq > seen.lastSeq)
      last.set(id, { prefix: t.prefix, businessDay: t.businessDay, lastSeq: t.seq });
  }
  return [...last].map(([_id, c]) => ({ _id, hallId: data.hall.id, ...c }));
}

async function insertAll(ctx: Ctx, session: Session, d: HallImport): Promise<void> {
  const h = d.hall;
  if (await col(ctx, 'halls').findOne({ _id: h.id }, { session, projection: { _id: 1 } })) {
    throw new DomainError(
      'conflict',
      `Hall ${h.id} exists in this store already; import only into a store without it.`,
      { hallId: h.id },
    );
  }
  if (await col(ctx, 'events').findOne({ hallId: h.id }, { session, projection: { _id: 1 } })) {
    throw new DomainError(
      'conflict',
      `This store keeps a log of a deleted hall ${h.id}; its seqs would clash.`,
      { hallId: h.id },
    );
  }
  checkImportedSeqs(d);
  for (const row of [...d.ticketFacts, ...d.dayAggregates]) {
    if (row.hallId !== h.id)
      throw new DomainError('conflict', `A statistics row of hall ${row.hallId} is not of hall ${h.id}.`);
  }
  const many = async (name: Parameters<typeof col>[1], docs: object[]): Promise<void> => {
    if (docs.length > 0) await col(ctx, name).insertMany(docs, { session, ordered: true });
  };

  await col(ctx, 'halls').insertOne({ ...toDoc(h), eventSeq: d.events.length }, { session });
  await many('services', d.services.map(toDoc));
  // State, current ticket, clerk and last call-next time as the source had them.
  await many(
    'windows',
    d.windows.map((w) => ({ ...toDoc(w), lastClaimTicketId: null })),
  );
  await many('devices', d.devices.map(toDoc));

  for (const u of d.users) {
    const users = col(ctx, 'users');
    const byName = await users.findOne({ username: u.username }, { session, projection: { _id: 1 } });
    if (byName && byName._id !== u.id) {
      throw new DomainError('conflict', `The username ${u.username} belongs to another user in this store.`, {
        username: u.username,
      });
    }
    // A user who exists already (by id) is kept as stored.
    if (byName || (await users.findOne({ _id: u.id }, { session, projection: { _id: 1 } }))) continue;
    await users.insertOne(toDoc(u), { session });
  }

  await many(
    'settings',
    d.settings.map((s) => ({
      hallId: h.id,
      key: s.key,
      value: JSON.stringify(s.value ?? null),
      updatedAt: s.updatedAt,
    })),
  );
  await many('tickets', d.tickets.map(toDoc));
  // Numbers continue where the source stopped: a number is never issued twice in a day.
  await many('counters', importedCounters(d));
  await many(
    'events',
    d.events.map((e): EventDoc => toEventDoc(e, e.seq)),
  );
  await many('evaluations', d.evaluations.map(toDoc));
  // A case is stored whole, its keys in the order they came.
  await many('rectifications', d.rectifications.map(toDoc));
  await many('printJobs', d.printJobs.map(toDoc));

  // As the roll-up's own compare-and-set from 0: a cursor that moved past 0 is a conflict.
  const cursor = await col(ctx, 'statsCursors').findOne({ _id: h.id }, { session });
  if (cursor && cursor.seq !== 0) {
    throw new DomainError('conflict', `The statistics of hall ${h.id} are kept here already.`, {
      hallId: h.id,
    });
  }
  await col(ctx, 'statsCursors').replaceOne(
    { _id: h.id },
    { seq: d.statsCursor.seq, windowClerks: JSON.stringify(d.statsCursor.windowClerks) },
    { session, upsert: true },
  );
  await many(
    'ticketFacts',
    d.ticketFacts.map((f) => ({ _id: f.ticketId, ...f })),
  );
  const days = [...new Set(d.dayAggregates.map((a) => a.businessDay))];
  if (days.length > 0) {
    await col(ctx, 'statsDaily').deleteMany({ hallId: h.id, businessDay: { $in: days } }, { session });
    const months = monthsOfDays(days);
    await col(ctx, 'statsMonthly').deleteMany({ hallId: h.id, businessDay: { $in: months } }, { session });
    await col(ctx, 'statsMonths').deleteMany({ hallId: h.id, month: { $in: months } }, { session });
  }
  await many(
    'statsDaily',
    d.dayAggregates.map((a) => ({ ...a })),
  );
}
