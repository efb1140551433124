import { randomBytes, randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import {
  formatNumber,
  windowFilters,
  type Channel,
  type EligibilityFilter,
  type PriorityCategory,
  type Service,
  type ServiceWindow,
} from '../../server/src/domain/index.js';

/**
 * The baseline: the same physical writes our SQLite store makes for an issue
 * and a call-next, done with hand-written better-sqlite3 prepared statements
 * on a file with the same schema (created by our own migrations) and the same
 * pragmas, one IMMEDIATE transaction per operation. What is left out is our
 * overhead: use-case lookups, row mapping, re-reads, routing computed per call,
 * the wait estimate returned with each ticket.
 *
 * Routing is compiled once from the hall's windows (it is configuration, not
 * per-call work) into the cheapest predicate that makes the same choice, so
 * both sides call the same tickets to the same windows.
 */

interface RawClause {
  services: Set<string> | null;
  priority?: boolean;
  assistance?: boolean;
}
interface RawFilter {
  clauses: RawClause[];
  foreign: Set<string>;
}
interface WaitingRow {
  id: string;
  service_id: string;
  categories: string;
  assistance: number;
  target_window_id: string | null;
  number: string;
}

export interface RawIssueInput {
  serviceId: string;
  prefix: string;
  categories: PriorityCategory[];
  assistance: boolean;
  channel: Channel;
  businessDay: string;
  issuedAt: number;
  effectiveAt: number;
}

function compile(f: EligibilityFilter): RawFilter {
  return {
    clauses: f.clauses.map((c) => ({
      services: c.serviceIds ? new Set(c.serviceIds) : null,
      ...(c.priority !== undefined ? { priority: c.priority } : {}),
      ...(c.assistance !== undefined ? { assistance: c.assistance } : {}),
    })),
    foreign: new Set(f.foreignTargets),
  };
}

function matches(windowId: string, f: RawFilter, r: WaitingRow): boolean {
  if (r.target_window_id !== null) {
    if (r.target_window_id === windowId) return true;
    if (f.foreign.has(r.target_window_id)) return false;
  }
  const priority = r.categories !== '[]';
  const assistance = r.assistance !== 0;
  return f.clauses.some(
    (c) =>
      (c.services === null || c.services.has(r.service_id)) &&
      (c.priority === undefined || c.priority === priority) &&
      (c.assistance === undefined || c.assistance === assistance),
  );
}

function prepare(db: Database.Database) {
  return {
    counter: db.prepare(
      `INSERT INTO counters (hall_id, prefix, business_day, last_seq) VALUES (?, ?, ?, 1)
       ON CONFLICT (hall_id, prefix, business_day) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq`,
    ),
    insertTicket: db.prepare(
      `INSERT INTO tickets (id, hall_id, service_id, number, prefix, seq, business_day, categories, assistance,
         channel, appointment_id, status, issued_at, effective_at, window_id, target_window_id, call_count,
         called_at, started_at, ended_at, transfer_count, status_token, version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 'waiting', ?, ?, NULL, NULL, 0, NULL, NULL, NULL, 0, ?, 1)`,
    ),
    bumpSeq: db.prepare('UPDATE halls SET event_seq = event_seq + 1 WHERE id = ? RETURNING event_seq'),
    insertEvent: db.prepare(
      `INSERT INTO events (hall_id, seq, type, at, actor_type, actor_id, ticket_id, window_id, from_state, to_state, data)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    window: db.prepare('SELECT current_ticket_id FROM windows WHERE id = ?'),
    current: db.prepare('SELECT status, service_id, started_at FROM tickets WHERE id = ?'),
    complete: db.prepare(
      `UPDATE tickets SET status = 'completed', started_at = ?, ended_at = ?, version = version + 1 WHERE id = ?`,
    ),
    freeWindow: db.prepare('UPDATE windows SET current_ticket_id = NULL WHERE id = ?'),
    waiting: db.prepare(
      `SELECT id, service_id, categories, assistance, target_window_id, number FROM tickets
       WHERE hall_id = ? AND status = 'waiting' AND business_day = ? ORDER BY effective_at, issued_at, number`,
    ),
    call: db.prepare(
      `UPDATE tickets SET status = 'called', window_id = ?, target_window_id = NULL, call_count = 1, called_at = ?,
         version = version + 1 WHERE id = ?`,
    ),
    claimWindow: db.prepare(
      'UPDATE windows SET current_ticket_id = ?, last_call_next_at = ?, last_claim_ticket_id = ? WHERE id = ?',
    ),
  };
}

export class RawQueue {
  readonly db: Database.Database;
  private readonly filters = new Map<string, RawFilter[]>();
  private readonly s: ReturnType<typeof prepare>;

  /** Opens a file already created and seeded by our store (same schema, same hall). */
  constructor(
    file: string,
    readonly hallId: string,
    readonly digits: number,
  ) {
    this.db = new Database(file);
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.s = prepare(this.db);
  }

  /** Compiles each window's routing once, from the same domain rules our call-next uses. */
  route(services: readonly Service[], windows: readonly ServiceWindow[]): void {
    for (const w of windows) {
      this.filters.set(w.id, windowFilters(w, { services, windows }).map(compile));
    }
  }

  private append(
    type: string,
    at: number,
    actor: [string, string | null],
    ticketId: string,
    windowId: string | null,
    from: string | null,
    to: string,
    data: unknown,
  ): void {
    const { event_seq: seq } = this.s.bumpSeq.get(this.hallId) as { event_seq: number };
    this.s.insertEvent.run(
      this.hallId,
      seq,
      type,
      at,
      actor[0],
      actor[1],
      ticketId,
      windowId,
      from,
      to,
      JSON.stringify(data),
    );
  }

  issue(t: RawIssueInput): { id: string; number: string } {
    const id = randomUUID();
    const statusToken = randomBytes(24).toString('base64url');
    return this.db
      .transaction(() => {
        const { last_seq: seq } = this.s.counter.get(this.hallId, t.prefix, t.businessDay) as {
          last_seq: number;
        };
        const number = formatNumber(t.prefix, seq, this.digits);
        this.s.insertTicket.run(
          id,
          this.hallId,
          t.serviceId,
          number,
          t.prefix,
          seq,
          t.businessDay,
          JSON.stringify(t.categories),
          t.assistance ? 1 : 0,
          t.channel,
          t.issuedAt,
          t.effectiveAt,
          statusToken,
        );
        this.append('ticket.issued', t.issuedAt, ['citizen', null], id, null, null, 'waiting', {
          number,
          serviceId: t.serviceId,
          categories: t.categories,
          assistance: t.assistance,
          channel: t.channel,
        });
        return { id, number };
      })
      .immediate();
  }

  /** Completes the window's current ticket (as completeOnNext does) and calls the next eligible one. */
  callNext(
    windowId: string,
    now: number,
    businessDay: string,
    clerkId: string,
  ): { id: string; number: string } | null {
    const filters = this.filters.get(windowId);
    if (!filters) throw new Error(`No window ${windowId}`);
    const actor: [string, string] = ['user', clerkId];
    return this.db
      .transaction(() => {
        const w = this.s.window.get(windowId) as { current_ticket_id: string | null };
        const currentId = w.current_ticket_id;
        if (currentId !== null) {
          const cur = this.s.current.get(currentId) as {
            status: string;
            service_id: string;
            started_at: number | null;
          };
          if (cur.status === 'called' || cur.status === 'serving') {
            const startedAt = cur.started_at ?? now;
            this.s.complete.run(startedAt, now, currentId);
            if (cur.status === 'called')
              this.append('ticket.started', now, actor, currentId, windowId, 'called', 'serving', {});
            this.append('ticket.completed', now, actor, currentId, windowId, 'serving', 'completed', {
              serviceId: cur.service_id,
              serviceMs: now - startedAt,
            });
          }
          this.s.freeWindow.run(windowId);
        }
        for (const f of filters) {
          let next: WaitingRow | null = null;
          for (const row of this.s.waiting.iterate(
            this.hallId,
            businessDay,
          ) as IterableIterator<WaitingRow>) {
            if (matches(windowId, f, row)) {
              next = row;
              break;
            }
          }
          if (next === null) continue;
          this.s.call.run(windowId, now, next.id);
          this.s.claimWindow.run(next.id, now, next.id, windowId);
          this.append('ticket.called', now, actor, next.id, windowId, 'waiting', 'called', {
            number: next.number,
            serviceId: next.service_id,
          });
          return { id: next.id, number: next.number };
        }
        return null;
      })
      .immediate();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
