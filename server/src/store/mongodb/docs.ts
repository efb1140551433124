import {
  upcastEvent,
  type ActorType,
  type HallEvent,
  type NewEvent,
  type ServiceWindow,
} from '../../domain/index.js';

/**
 * Documents and entities. An entity with an `id` is stored with that id as
 * `_id` and every other field as it is (MongoDB keeps arrays, booleans and
 * nulls natively, so no JSON columns); reading drops `_id` back into `id`
 * and removes the adapter's own bookkeeping fields.
 */

export type Doc<T extends { id: string }> = Omit<T, 'id'> & { _id: string };

/** Fields a document may carry that are not part of its entity. */
const INTERNAL_FIELDS = ['eventSeq', 'lastClaimTicketId', 'bookingWrites'] as const;

export function toDoc<T extends { id: string }>(entity: T): Doc<T> {
  const { id, ...rest } = entity;
  return { _id: id, ...rest } as Doc<T>;
}

export function fromDoc<T extends { id: string }>(doc: Doc<T> | null | undefined): T | null {
  if (!doc) return null;
  const { _id, ...rest } = doc as Record<string, unknown>;
  for (const field of INTERNAL_FIELDS) delete rest[field];
  return { id: _id, ...rest } as T;
}

export function fromDocs<T extends { id: string }>(docs: readonly Doc<T>[]): T[] {
  return docs.map((d) => fromDoc<T>(d) as T);
}

/** A window as stored: its entity plus the ticket its last call-next claimed (the repeat-press rule). */
export type WindowDoc = Doc<ServiceWindow> & { lastClaimTicketId?: string | null };

/** A log entry as stored; `_id` is `hallId:seq`, so the (hall, seq) pair is unique by construction too. */
export interface EventDoc {
  _id: string;
  hallId: string;
  seq: number;
  type: string;
  at: number;
  actor: { type: ActorType; id: string | null };
  ticketId: string | null;
  windowId: string | null;
  from: string | null;
  to: string | null;
  data: unknown;
}

export function eventId(hallId: string, seq: number): string {
  return `${hallId}:${seq}`;
}

export function toEventDoc(event: NewEvent, seq: number): EventDoc {
  return {
    _id: eventId(event.hallId, seq),
    hallId: event.hallId,
    seq,
    type: event.type,
    at: event.at,
    actor: { type: event.actor.type, id: event.actor.id },
    ticketId: event.ticketId,
    windowId: event.windowId,
    from: event.from,
    to: event.to,
    data: event.data ?? null,
  };
}

/** Documents of any version are read through the upcaster, so old logs read as today's events. */
export function fromEventDoc(doc: EventDoc): HallEvent {
  return upcastEvent({
    seq: doc.seq,
    hallId: doc.hallId,
    type: doc.type,
    at: doc.at,
    actor: { type: doc.actor.type, id: doc.actor.id },
    ticketId: doc.ticketId,
    windowId: doc.windowId,
    from: doc.from,
    to: doc.to,
    data: doc.data,
  });
}
