import {
  claimGiven,
  DomainError,
  firstEligible,
  formatNumber,
  isDomainError,
  freeCounter,
  isRepeatPress,
  lifecycle,
  parseNumber,
  requireOpen,
  ticketIssued,
  type Counter,
  type HallEvent,
  type NewEvent,
  type QueuedTicket,
  type ServiceWindow,
  type Ticket,
  type TicketPatch,
} from '../../domain/index.js';
import type {
  ClaimRequest,
  ClaimResult,
  IssueInput,
  IssueOnce,
  IssueOnceResult,
  IssueResult,
  TicketClaimRequest,
  TicketQuery,
  TicketUpdate,
  WindowUpdate,
} from '../port.js';
import { applyCheckIn } from './appointments.js';
import { inTransaction, notFound } from './connection.js';
import { appendEvents, col, type Ctx, type Session } from './context.js';
import { fromDoc, fromDocs, toDoc, type Doc, type WindowDoc } from './docs.js';
import {
  counterUpdate,
  ISSUE_SORT,
  limitOf,
  QUEUE_SORT,
  QUEUED_PROJECTION,
  ticketListFilter,
  ticketPatchUpdate,
  waitingOfDayFilter,
} from './queries.js';

/** Issuing, calling and changing tickets and windows: each one transaction. */

type TicketDoc = Doc<Ticket>;

export async function getTicket(ctx: Ctx, id: string, session?: Session): Promise<Ticket | null> {
  return fromDoc<Ticket>(await col<TicketDoc>(ctx, 'tickets').findOne({ _id: id }, { session }));
}

export async function getTicketByToken(ctx: Ctx, statusToken: string): Promise<Ticket | null> {
  return fromDoc<Ticket>(await col<TicketDoc>(ctx, 'tickets').findOne({ statusToken }));
}

export async function findTicketByNumber(
  ctx: Ctx,
  hallId: string,
  businessDay: string,
  number: string,
): Promise<Ticket | null> {
  const parsed = parseNumber(number);
  if (!parsed) return null;
  return fromDoc<Ticket>(
    await col<TicketDoc>(ctx, 'tickets').findOne({
      hallId,
      businessDay,
      prefix: parsed.prefix,
      seq: parsed.seq,
    }),
  );
}

export async function listTickets(ctx: Ctx, hallId: string, q: TicketQuery = {}): Promise<Ticket[]> {
  const filter = ticketListFilter(hallId, q);
  if (filter === null) return [];
  if (q.limit !== undefined && limitOf(q.limit) === 0) return [];
  const docs = await col<TicketDoc>(ctx, 'tickets')
    .find(filter, { sort: ISSUE_SORT, limit: limitOf(q.limit) })
    .toArray();
  return fromDocs<Ticket>(docs);
}

export function ticketConflict(ticket: Ticket, details: Record<string, unknown> = {}): DomainError {
  return new DomainError('conflict', `Ticket ${ticket.number} was changed meanwhile; reload and try again.`, {
    ticketId: ticket.id,
    ...details,
  });
}

/** Writes a change decided on `ticket` (as read in this transaction) if its version still holds. */
export async function applyTicketPatch(
  ctx: Ctx,
  session: Session,
  ticket: Ticket,
  patch: TicketPatch,
): Promise<Ticket> {
  const doc = await col<TicketDoc>(ctx, 'tickets').findOneAndUpdate(
    { _id: ticket.id, version: ticket.version },
    ticketPatchUpdate(patch),
    { session, returnDocument: 'after' },
  );
  if (!doc) throw ticketConflict(ticket);
  return fromDoc<Ticket>(doc) as Ticket;
}

async function issueIn(ctx: Ctx, session: Session, input: IssueInput): Promise<IssueResult> {
  const service = await col(ctx, 'services').findOne(
    { _id: input.serviceId },
    { session, projection: { hallId: 1 } },
  );
  if (!service || service.hallId !== input.hallId) throw notFound('Matter', input.serviceId);
  // A stale booking refuses the whole issue before a number is drawn.
  const appointment = input.checkIn ? await applyCheckIn(ctx, session, input, input.checkIn) : undefined;
  const counter = counterUpdate(input.hallId, input.prefix, input.businessDay);
  const next = await col<{ _id: string; lastSeq: number }>(ctx, 'counters').findOneAndUpdate(
    counter.filter,
    counter.update,
    { session, upsert: true, returnDocument: 'after' },
  );
  const seq = next!.lastSeq;
  const number = formatNumber(input.prefix, seq, input.digits);
  const ticket: Ticket = {
    id: input.id,
    hallId: input.hallId,
    serviceId: input.serviceId,
    number,
    prefix: input.prefix,
    seq,
    businessDay: input.businessDay,
    categories: input.categories,
    assistance: input.assistance,
    channel: input.channel,
    appointmentId: input.appointmentId,
    status: 'waiting',
    issuedAt: input.issuedAt,
    effectiveAt: input.effectiveAt,
    windowId: null,
    targetWindowId: null,
    callCount: 0,
    calledAt: null,
    startedAt: null,
    endedAt: null,
    transferCount: 0,
    statusToken: input.statusToken,
    version: 1,
  };
  // The unique (hall, day, prefix, seq) index refuses a second ticket with this number: `conflict`.
  await col<TicketDoc>(ctx, 'tickets').insertOne(toDoc(ticket), { session });
  const events = await appendEvents(ctx, session, [
    issuedEvent(input, number),
    ...(input.checkIn?.events ?? []),
  ]);
  return appointment ? { ticket, events, appointment } : { ticket, events };
}

/** The domain's issue event, as every store writes it. */
export function issuedEvent(input: IssueInput, number: string): NewEvent {
  return ticketIssued({ ...input, number });
}

/**
 * Two first issues of a day racing to create one counter (or one idempotency
 * key) may have the second upsert refused by the `_id` index instead of a
 * write conflict; the step is then simply run again and finds the document.
 * A clash on the ticket number itself stays a `conflict`.
 */
export async function retryUpsertRace<T>(step: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await step();
    } catch (err) {
      if (i >= attempts || !isUpsertRace(err)) throw err;
    }
  }
}

export function isUpsertRace(err: unknown): boolean {
  if (!isDomainError(err) || err.code !== 'conflict') return false;
  const index = err.details.index;
  return index === '_id_' || index === 'issue_keys_key';
}

export function issueTicket(ctx: Ctx, input: IssueInput) {
  return retryUpsertRace(() => inTransaction(ctx.client, (session) => issueIn(ctx, session, input)));
}

export function issueTicketOnce(ctx: Ctx, input: IssueInput, once: IssueOnce): Promise<IssueOnceResult> {
  return retryUpsertRace(() =>
    inTransaction(ctx.client, async (session): Promise<IssueOnceResult> => {
      const keys = col(ctx, 'issueKeys');
      const known = await keys.findOne(
        { hallId: input.hallId, businessDay: input.businessDay, key: once.key },
        { session },
      );
      const ticket = known ? await getTicket(ctx, known.ticketId as string, session) : null;
      if (known && ticket) {
        return { ticket, events: [], replayed: true, fingerprint: known.fingerprint as string };
      }
      await keys.deleteMany({ hallId: input.hallId, businessDay: { $lt: input.businessDay } }, { session });
      const issued = await issueIn(ctx, session, input);
      await keys.updateOne(
        { hallId: input.hallId, businessDay: input.businessDay, key: once.key },
        { $set: { fingerprint: once.fingerprint, ticketId: issued.ticket.id } },
        { session, upsert: true },
      );
      return { ...issued, replayed: false, fingerprint: once.fingerprint };
    }),
  );
}

export function counterOf(doc: WindowDoc): Counter {
  return {
    id: doc._id,
    number: doc.number,
    state: doc.state,
    currentTicketId: doc.currentTicketId,
    lastCallNextAt: doc.lastCallNextAt,
    lastClaimTicketId: doc.lastClaimTicketId ?? null,
  };
}

async function windowDoc(ctx: Ctx, id: string, session: Session): Promise<WindowDoc | null> {
  return col<WindowDoc>(ctx, 'windows').findOne({ _id: id }, { session });
}

/** Reads the window and its ticket, and frees the counter as the domain decides (domain/claim.ts). */
async function prepareCounter(
  ctx: Ctx,
  session: Session,
  req: {
    hallId: string;
    windowId: string;
    now: number;
    actor: ClaimRequest['actor'];
    completeCurrent: boolean;
  },
  repeat?: (window: Counter, current: Ticket | null) => boolean,
): Promise<{ window: Counter; pending: NewEvent[]; repeated: Ticket | null }> {
  const doc = await windowDoc(ctx, req.windowId, session);
  if (!doc || doc.hallId !== req.hallId) throw notFound('Window', req.windowId);
  const window = counterOf(doc);
  requireOpen(window);
  const current =
    window.currentTicketId === null ? null : await getTicket(ctx, window.currentTicketId, session);
  if (repeat?.(window, current)) return { window, pending: [], repeated: current };
  const { finish, clearStale } = freeCounter(window, current, req);
  const pending: NewEvent[] = [];
  if (finish && current) {
    await applyTicketPatch(ctx, session, current, finish.patch);
    pending.push(finish.event);
  }
  // Written even when nothing changes, so two claims at one window always conflict on its document.
  await col<WindowDoc>(ctx, 'windows').updateOne(
    { _id: window.id },
    { $set: finish || clearStale ? { currentTicketId: null } : { currentTicketId: window.currentTicketId } },
    { session },
  );
  return { window, pending, repeated: null };
}

/**
 * The day's waiting tickets in queue order, read along the `tickets_claim`
 * index inside the transaction. The domain's `firstEligible` walks them; a
 * second claim of the same ticket by another hub conflicts on the ticket's
 * version (and on the window document), and `withTransaction` retries it
 * against the new state, so two windows never call one ticket.
 */
async function waitingOfDay(
  ctx: Ctx,
  session: Session,
  hallId: string,
  businessDay: string,
): Promise<QueuedTicket[]> {
  const docs = await col(ctx, 'tickets')
    .find(waitingOfDayFilter(hallId, businessDay), {
      session,
      sort: QUEUE_SORT,
      projection: QUEUED_PROJECTION,
    })
    .hint('tickets_claim')
    .toArray();
  return docs.map(toQueued);
}

export function toQueued(d: Record<string, unknown>): QueuedTicket {
  return {
    id: d._id as string,
    serviceId: d.serviceId as string,
    categories: d.categories as QueuedTicket['categories'],
    assistance: d.assistance as boolean,
    targetWindowId: (d.targetWindowId as string | null) ?? null,
    effectiveAt: d.effectiveAt as number,
    issuedAt: d.issuedAt as number,
    number: d.number as string,
  };
}

export function claimNext(ctx: Ctx, req: ClaimRequest): Promise<ClaimResult> {
  return inTransaction(ctx.client, async (session): Promise<ClaimResult> => {
    const { window, pending, repeated } = await prepareCounter(ctx, session, req, (w, current) =>
      isRepeatPress(w, current, req.now, req.idempotencyMs),
    );
    if (repeated) return { kind: 'repeated', ticket: repeated, events: [] };
    const waiting = await waitingOfDay(ctx, session, req.hallId, req.businessDay);
    const id = firstEligible(req.filters, () => waiting);
    if (id === null) return { kind: 'empty', events: await appendEvents(ctx, session, pending) };
    const ticket = (await getTicket(ctx, id, session)) as Ticket;
    const call = lifecycle.call(ticket, window.id, req.now, req.actor);
    const called = await applyTicketPatch(ctx, session, ticket, call.patch);
    await col<WindowDoc>(ctx, 'windows').updateOne(
      { _id: window.id },
      { $set: { currentTicketId: called.id, lastCallNextAt: req.now, lastClaimTicketId: called.id } },
      { session },
    );
    const events = await appendEvents(ctx, session, [...pending, call.event]);
    return { kind: 'claimed', ticket: called, events };
  });
}

export function claimTicket(
  ctx: Ctx,
  req: TicketClaimRequest,
): Promise<{ ticket: Ticket; events: HallEvent[] }> {
  return inTransaction(ctx.client, async (session) => {
    const target = await getTicket(ctx, req.ticketId, session);
    if (!target || target.hallId !== req.hallId) throw notFound('Ticket', req.ticketId);
    if (req.mode === 'by_number' && target.businessDay !== req.businessDay) {
      throw new DomainError('not_found', `No ticket ${target.number} today.`, { number: target.number });
    }
    const { window, pending } = await prepareCounter(ctx, session, req);
    const fresh = (await getTicket(ctx, req.ticketId, session)) as Ticket;
    const change = claimGiven(window, fresh, req.mode, req.now, req.actor);
    const called = await applyTicketPatch(ctx, session, fresh, change.patch);
    await col<WindowDoc>(ctx, 'windows').updateOne(
      { _id: window.id },
      { $set: { currentTicketId: called.id } },
      { session },
    );
    return { ticket: called, events: await appendEvents(ctx, session, [...pending, change.event]) };
  });
}

export function updateTicket(ctx: Ctx, u: TicketUpdate): Promise<{ ticket: Ticket; events: HallEvent[] }> {
  return inTransaction(ctx.client, async (session) => {
    const ticket = await getTicket(ctx, u.ticketId, session);
    if (!ticket) throw notFound('Ticket', u.ticketId);
    if (ticket.version !== u.expectedVersion) {
      throw ticketConflict(ticket, { version: ticket.version, expectedVersion: u.expectedVersion });
    }
    if (u.window) {
      const window = await windowDoc(ctx, u.window.id, session);
      if (!window) throw notFound('Window', u.window.id);
      if (window.currentTicketId !== u.window.expectedCurrentTicketId) {
        throw new DomainError(
          'conflict',
          `Window ${window.number}'s ticket has changed; reload and try again.`,
          {
            windowId: window._id,
            currentTicketId: window.currentTicketId,
            expectedCurrentTicketId: u.window.expectedCurrentTicketId,
          },
        );
      }
      await col<WindowDoc>(ctx, 'windows').updateOne(
        { _id: window._id },
        { $set: { currentTicketId: u.window.currentTicketId } },
        { session },
      );
    }
    const updated = await applyTicketPatch(ctx, session, ticket, u.patch);
    return { ticket: updated, events: await appendEvents(ctx, session, u.events) };
  });
}

/** The `$set` of a window update: only state, pause reason and clerk change here. */
export function windowPatchSet(patch: WindowUpdate['patch']): Partial<ServiceWindow> {
  const set: Partial<ServiceWindow> = {};
  if (patch.state !== undefined) set.state = patch.state;
  if (patch.pauseReason !== undefined) set.pauseReason = patch.pauseReason;
  if (patch.currentClerkId !== undefined) set.currentClerkId = patch.currentClerkId;
  return set;
}

export function updateWindow(
  ctx: Ctx,
  u: WindowUpdate,
): Promise<{ window: ServiceWindow; events: HallEvent[] }> {
  return inTransaction(ctx.client, async (session) => {
    const doc = await windowDoc(ctx, u.windowId, session);
    if (!doc) throw notFound('Window', u.windowId);
    if (u.expectedState !== undefined && doc.state !== u.expectedState) {
      throw new DomainError('conflict', `Window ${doc.number} is ${doc.state}, not ${u.expectedState}.`, {
        windowId: u.windowId,
        state: doc.state,
        expectedState: u.expectedState,
      });
    }
    if (u.expectedCurrentTicketId !== undefined && doc.currentTicketId !== u.expectedCurrentTicketId) {
      throw new DomainError('conflict', `Window ${doc.number}'s ticket has changed; reload and try again.`, {
        windowId: u.windowId,
        currentTicketId: doc.currentTicketId,
        expectedCurrentTicketId: u.expectedCurrentTicketId,
      });
    }
    if (
      u.expectNoHeldTickets &&
      (await col(ctx, 'tickets').findOne(
        { windowId: u.windowId, status: 'held' },
        { session, projection: { _id: 1 } },
      ))
    ) {
      throw new DomainError(
        'window_busy',
        `Window ${doc.number} holds a ticket; call it back or cancel it first.`,
        {
          windowId: u.windowId,
        },
      );
    }
    const updated = await col<WindowDoc>(ctx, 'windows').findOneAndUpdate(
      { _id: u.windowId },
      { $set: windowPatchSet(u.patch) },
      { session, returnDocument: 'after' },
    );
    const events = await appendEvents(ctx, session, u.events);
    return { window: fromDoc<ServiceWindow>(updated) as ServiceWindow, events };
  });
}
