import { DomainError, type HallEvent, type NewEvent } from '../../domain/index.js';
import type { Evaluation, EvaluationLevel, EvaluationQuery } from '../port.js';
import { isUniqueViolation, notFound, sql, writeTx, type Db } from './connection.js';
import { appendEvents } from './events.js';

export interface EvaluationRow {
  id: string;
  hall_id: string;
  ticket_id: string;
  service_id: string;
  window_id: string | null;
  clerk_id: string | null;
  level: number;
  reasons: string;
  comment: string;
  channel: Evaluation['channel'];
  device_id: string | null;
  at: number;
}

export function toEvaluation(r: EvaluationRow): Evaluation {
  return {
    id: r.id,
    hallId: r.hall_id,
    ticketId: r.ticket_id,
    serviceId: r.service_id,
    windowId: r.window_id,
    clerkId: r.clerk_id,
    level: r.level as EvaluationLevel,
    reasons: JSON.parse(r.reasons) as string[],
    comment: r.comment,
    channel: r.channel,
    deviceId: r.device_id,
    at: r.at,
  };
}

export function getEvaluationByTicket(db: Db, ticketId: string): Evaluation | null {
  const row = sql(db, 'SELECT * FROM evaluations WHERE ticket_id = ?').get(ticketId) as
    EvaluationRow | undefined;
  return row ? toEvaluation(row) : null;
}

export function saveEvaluation(
  db: Db,
  e: Evaluation,
  events: readonly NewEvent[],
): { evaluation: Evaluation; events: HallEvent[] } {
  return writeTx(db, () => {
    if (!sql(db, 'SELECT 1 FROM tickets WHERE id = ? AND hall_id = ?').get(e.ticketId, e.hallId)) {
      throw notFound('Ticket', e.ticketId);
    }
    try {
      sql(
        db,
        `INSERT INTO evaluations (id, hall_id, ticket_id, service_id, window_id, clerk_id, level, reasons, comment,
           channel, device_id, at)
         VALUES (@id, @hallId, @ticketId, @serviceId, @windowId, @clerkId, @level, @reasons, @comment, @channel,
           @deviceId, @at)`,
      ).run({ ...e, reasons: JSON.stringify(e.reasons) });
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new DomainError('conflict', 'This service has already been rated (一次一评).', {
          ticketId: e.ticketId,
        });
      }
      throw err;
    }
    return {
      evaluation: getEvaluationByTicket(db, e.ticketId) as Evaluation,
      events: appendEvents(db, events),
    };
  });
}

export function listEvaluations(db: Db, hallId: string, q: EvaluationQuery = {}): Evaluation[] {
  const where = ['hall_id = ?'];
  const args: unknown[] = [hallId];
  if (q.from !== undefined) {
    where.push('at >= ?');
    args.push(q.from);
  }
  if (q.to !== undefined) {
    where.push('at < ?');
    args.push(q.to);
  }
  if (q.windowId !== undefined) {
    where.push('window_id = ?');
    args.push(q.windowId);
  }
  if (q.levels !== undefined) {
    if (q.levels.length === 0) return [];
    where.push(`level IN (${q.levels.map(() => '?').join(', ')})`);
    args.push(...q.levels);
  }
  const text = `SELECT * FROM evaluations WHERE ${where.join(' AND ')} ORDER BY at, id ${q.limit !== undefined ? 'LIMIT ?' : ''}`;
  if (q.limit !== undefined) args.push(q.limit);
  return (db.prepare(text).all(...args) as EvaluationRow[]).map(toEvaluation);
}
