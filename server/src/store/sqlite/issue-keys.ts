import type { IssueInput, IssueOnce, IssueOnceResult } from '../port.js';
import { sql, writeTx, type Db } from './connection.js';
import { getTicket, issueTicket } from './tickets.js';

/** Idempotent ticket issue: the key and the ticket are written in one transaction. */
export function issueTicketOnce(db: Db, input: IssueInput, once: IssueOnce): IssueOnceResult {
  return writeTx(db, () => {
    const known = sql(
      db,
      'SELECT fingerprint, ticket_id FROM issue_keys WHERE hall_id = ? AND business_day = ? AND key = ?',
    ).get(input.hallId, input.businessDay, once.key) as
      { fingerprint: string; ticket_id: string } | undefined;
    const ticket = known ? getTicket(db, known.ticket_id) : null;
    if (known && ticket) return { ticket, events: [], replayed: true, fingerprint: known.fingerprint };

    // Keys live for the business day: a new day starts with none.
    sql(db, 'DELETE FROM issue_keys WHERE hall_id = ? AND business_day < ?').run(
      input.hallId,
      input.businessDay,
    );
    const issued = issueTicket(db, input);
    sql(
      db,
      `INSERT INTO issue_keys (hall_id, business_day, key, fingerprint, ticket_id) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (hall_id, business_day, key) DO UPDATE SET fingerprint = excluded.fingerprint, ticket_id = excluded.ticket_id`,
    ).run(input.hallId, input.businessDay, once.key, once.fingerprint, issued.ticket.id);
    return { ...issued, replayed: false, fingerprint: once.fingerprint };
  });
}
