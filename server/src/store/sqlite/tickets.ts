import {
  DomainError,
  formatNumber,
  parseNumber,
  ticketIssued,
  type HallEvent,
  type Ticket,
  type TicketPatch,
} from '../../domain/index.js';
import type { IssueInput, IssueResult, TicketQuery, TicketUpdate } from '../port.js';
import { applyCheckIn } from './appointments.js';
import { guardUnique, notFound, sql, writeTx, type Db } from './connection.js';
import { appendEvents } from './events.js';
import { toTicket, type TicketRow } from './queue-rows.js';
import { bit, json } from './rows.js';
import { getWindowRow } from './windows.js';

/** Issuing and changing tickets, and the ticket reads. */

const PATCH_COLUMNS: Record<keyof TicketPatch, string> = {
  status: 'status',
  serviceId: 'service_id',
  windowId: 'window_id',
  targetWindowId: 'target_window_id',
  callCount: 'call_count',
  calledAt: 'called_at',
  startedAt: 'started_at',
  endedAt: 'ended_at',
  effectiveAt: 'effective_at',
  transferCount: 'transfer_count',
};

export function getTicket(db: Db, id: string): Ticket | null {
  const row = sql(db, 'SELECT * FROM tickets WHERE id = ?').get(id) as TicketRow | undefined;
  return row ? toTicket(row) : null;
}

export function getTicketByToken(db: Db, statusToken: string): Ticket | null {
  const row = sql(db, 'SELECT * FROM tickets WHERE status_token = ?').get(statusToken) as
    TicketRow | undefined;
  return row ? toTicket(row) : null;
}

export function findTicketByNumber(
  db: Db,
  hallId: string,
  businessDay: string,
  number: string,
): Ticket | null {
  const parsed = parseNumber(number);
  if (!parsed) return null;
  const row = sql(
    db,
    'SELECT * FROM tickets WHERE hall_id = ? AND business_day = ? AND prefix = ? AND seq = ?',
  ).get(hallId, businessDay, parsed.prefix, parsed.seq) as TicketRow | undefined;
  return row ? toTicket(row) : null;
}

/** In issue order. */
export function listTickets(db: Db, hallId: string, q: TicketQuery = {}): Ticket[] {
  const where = ['hall_id = ?'];
  const args: unknown[] = [hallId];
  if (q.statuses !== undefined) {
    if (q.statuses.length === 0) return [];
    where.push(`status IN (${q.statuses.map(() => '?').join(', ')})`);
    args.push(...q.statuses);
  }
  const equal: [string, string | undefined][] = [
    ['business_day', q.businessDay],
    ['window_id', q.windowId],
    ['service_id', q.serviceId],
  ];
  for (const [column, value] of equal) {
    if (value === undefined) continue;
    where.push(`${column} = ?`);
    args.push(value);
  }
  if (q.after !== undefined) {
    where.push('(issued_at, number, id) > (?, ?, ?)');
    args.push(q.after.issuedAt, q.after.number, q.after.id);
  }
  args.push(q.limit === undefined ? -1 : Math.max(0, Math.floor(q.limit)));
  const text = `SELECT * FROM tickets WHERE ${where.join(' AND ')} ORDER BY issued_at, number, id LIMIT ?`;
  return (sql(db, text).all(...args) as TicketRow[]).map(toTicket);
}

/**
 * Writes a ticket change decided on `ticket` (the row as read in this
 * transaction) and bumps its version. Call only inside a write transaction.
 */
export function applyTicketPatch(db: Db, ticket: Ticket, patch: TicketPatch): Ticket {
  const sets: string[] = [];
  const args: unknown[] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const column = PATCH_COLUMNS[key as keyof TicketPatch] as string | undefined;
    if (column === undefined) throw new Error(`A ticket patch cannot change ${key}.`);
    sets.push(`${column} = ?`);
    args.push(value);
  }
  sets.push('version = version + 1');
  const done = sql(db, `UPDATE tickets SET ${sets.join(', ')} WHERE id = ? AND version = ?`).run(
    ...args,
    ticket.id,
    ticket.version,
  );
  if (done.changes !== 1) {
    throw new DomainError(
      'conflict',
      `Ticket ${ticket.number} was changed meanwhile; reload and try again.`,
      {
        ticketId: ticket.id,
      },
    );
  }
  return getTicket(db, ticket.id) as Ticket;
}

/** Sets which ticket a window has at its counter. Call only inside a write transaction. */
export function setWindowTicket(db: Db, windowId: string, ticketId: string | null): void {
  sql(db, 'UPDATE windows SET current_ticket_id = ? WHERE id = ?').run(ticketId, windowId);
}

export function issueTicket(db: Db, input: IssueInput): IssueResult {
  return writeTx(db, () => {
    const service = sql(db, 'SELECT hall_id FROM services WHERE id = ?').get(input.serviceId) as
      { hall_id: string } | undefined;
    if (!service || service.hall_id !== input.hallId) throw notFound('Matter', input.serviceId);
    // A stale booking refuses the whole issue before a number is drawn (and the transaction rolls back anyway).
    const appointment = input.checkIn ? applyCheckIn(db, input, input.checkIn) : undefined;
    const { last_seq: seq } = sql(
      db,
      `INSERT INTO counters (hall_id, prefix, business_day, last_seq) VALUES (?, ?, ?, 1)
       ON CONFLICT (hall_id, prefix, business_day) DO UPDATE SET last_seq = last_seq + 1
       RETURNING last_seq`,
    ).get(input.hallId, input.prefix, input.businessDay) as { last_seq: number };
    const number = formatNumber(input.prefix, seq, input.digits);
    guardUnique(`Ticket ${input.id}`, () =>
      sql(
        db,
        `INSERT INTO tickets (id, hall_id, service_id, number, prefix, seq, business_day, categories, assistance,
           channel, appointment_id, status, issued_at, effective_at, window_id, target_window_id, call_count,
           called_at, started_at, ended_at, transfer_count, status_token, version)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?, NULL, NULL, 0, NULL, NULL, NULL, 0, ?, 1)`,
      ).run(
        input.id,
        input.hallId,
        input.serviceId,
        number,
        input.prefix,
        seq,
        input.businessDay,
        json(input.categories),
        bit(input.assistance),
        input.channel,
        input.appointmentId,
        input.issuedAt,
        input.effectiveAt,
        input.statusToken,
      ),
    );
    const events = appendEvents(db, [ticketIssued({ ...input, number }), ...(input.checkIn?.events ?? [])]);
    const ticket = getTicket(db, input.id) as Ticket;
    return appointment ? { ticket, events, appointment } : { ticket, events };
  });
}

export function updateTicket(db: Db, u: TicketUpdate): { ticket: Ticket; events: HallEvent[] } {
  return writeTx(db, () => {
    const ticket = getTicket(db, u.ticketId);
    if (!ticket) throw notFound('Ticket', u.ticketId);
    if (ticket.version !== u.expectedVersion) {
      throw new DomainError(
        'conflict',
        `Ticket ${ticket.number} was changed meanwhile; reload and try again.`,
        {
          ticketId: ticket.id,
          version: ticket.version,
          expectedVersion: u.expectedVersion,
        },
      );
    }
    if (u.window) {
      const window = getWindowRow(db, u.window.id);
      if (!window) throw notFound('Window', u.window.id);
      if (window.current_ticket_id !== u.window.expectedCurrentTicketId) {
        throw new DomainError(
          'conflict',
          `Window ${window.number}'s ticket has changed; reload and try again.`,
          {
            windowId: window.id,
            currentTicketId: window.current_ticket_id,
            expectedCurrentTicketId: u.window.expectedCurrentTicketId,
          },
        );
      }
      setWindowTicket(db, window.id, u.window.currentTicketId);
    }
    const updated = applyTicketPatch(db, ticket, u.patch);
    return { ticket: updated, events: appendEvents(db, u.events) };
  });
}
