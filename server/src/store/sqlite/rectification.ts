import { DomainError, type HallEvent, type NewEvent } from '../../domain/index.js';
import {
  ACTIVE_RECTIFICATION,
  BAD_LEVELS,
  type RectificationCase,
} from '../../domain/rectification/index.js';
import type { Evaluation, RectificationQuery, RectificationUpdate } from '../port.js';
import { isUniqueViolation, notFound, sql, writeTx, type Db } from './connection.js';
import { appendEvents } from './events.js';
import { toEvaluation, type EvaluationRow } from './evaluations.js';

/** 整改 cases: the case is one JSON body; a few columns are copied out for filtering. */

interface CaseRow {
  body: string;
}

function toCase(r: CaseRow): RectificationCase {
  return JSON.parse(r.body) as RectificationCase;
}

function columns(c: RectificationCase): unknown[] {
  return [c.windowId, c.clerkId, c.assigneeId, c.status, c.deadlineAt, c.version, JSON.stringify(c)];
}

export function getRectification(db: Db, id: string): RectificationCase | null {
  const row = sql(db, 'SELECT body FROM rectifications WHERE id = ?').get(id) as CaseRow | undefined;
  return row ? toCase(row) : null;
}

export function getRectificationByTicket(db: Db, ticketId: string): RectificationCase | null {
  const row = sql(db, 'SELECT body FROM rectifications WHERE ticket_id = ?').get(ticketId) as
    CaseRow | undefined;
  return row ? toCase(row) : null;
}

function byEvaluation(db: Db, evaluationId: string): RectificationCase | null {
  const row = sql(db, 'SELECT body FROM rectifications WHERE evaluation_id = ?').get(evaluationId) as
    CaseRow | undefined;
  return row ? toCase(row) : null;
}

export function openRectification(
  db: Db,
  c: RectificationCase,
  events: readonly NewEvent[],
): { rectification: RectificationCase; events: HallEvent[]; created: boolean } {
  return writeTx(db, () => {
    const existing = byEvaluation(db, c.evaluationId);
    if (existing) return { rectification: existing, events: [], created: false };
    if (!sql(db, 'SELECT 1 FROM halls WHERE id = ?').get(c.hallId)) throw notFound('Hall', c.hallId);
    try {
      sql(
        db,
        `INSERT INTO rectifications (id, hall_id, evaluation_id, ticket_id, opened_at, window_id, clerk_id,
           assignee_id, status, deadline_at, version, body)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(c.id, c.hallId, c.evaluationId, c.ticketId, c.openedAt, ...columns(c));
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError('conflict', `Case ${c.id} already exists.`);
      throw err;
    }
    return { rectification: c, events: appendEvents(db, events), created: true };
  });
}

export function updateRectification(
  db: Db,
  u: RectificationUpdate,
): { rectification: RectificationCase; events: HallEvent[] } {
  return writeTx(db, () => {
    const current = getRectification(db, u.next.id);
    if (!current) throw notFound('Case', u.next.id);
    if (current.version !== u.expectedVersion || u.next.hallId !== current.hallId) {
      throw new DomainError('conflict', `Case ${current.id} was changed meanwhile; reload and try again.`, {
        caseId: current.id,
        version: current.version,
      });
    }
    sql(
      db,
      `UPDATE rectifications SET window_id = ?, clerk_id = ?, assignee_id = ?, status = ?, deadline_at = ?,
         version = ?, body = ? WHERE id = ?`,
    ).run(...columns(u.next), u.next.id);
    return { rectification: u.next, events: appendEvents(db, u.events) };
  });
}

export function listRectifications(db: Db, hallId: string, q: RectificationQuery = {}): RectificationCase[] {
  const where = ['hall_id = ?'];
  const args: unknown[] = [hallId];
  const statuses = q.statuses ?? null;
  if (statuses !== null) {
    if (statuses.length === 0) return [];
    where.push(`status IN (${statuses.map(() => '?').join(', ')})`);
    args.push(...statuses);
  }
  if (q.overdueAt !== undefined) {
    where.push(`status IN (${ACTIVE_RECTIFICATION.map(() => '?').join(', ')}) AND deadline_at <= ?`);
    args.push(...ACTIVE_RECTIFICATION, q.overdueAt);
  }
  const equal: [string, string | undefined][] = [
    ['window_id', q.windowId],
    ['clerk_id', q.clerkId],
    ['assignee_id', q.assigneeId],
  ];
  for (const [column, value] of equal) {
    if (value === undefined) continue;
    where.push(`${column} = ?`);
    args.push(value);
  }
  args.push(q.limit === undefined ? -1 : Math.max(0, Math.floor(q.limit)));
  const text = `SELECT body FROM rectifications WHERE ${where.join(' AND ')} ORDER BY opened_at, id LIMIT ?`;
  return (sql(db, text).all(...args) as CaseRow[]).map(toCase);
}

export function listUnfollowedBadRatings(db: Db, hallId: string, limit: number): Evaluation[] {
  const rows = sql(
    db,
    `SELECT e.* FROM evaluations e LEFT JOIN rectifications r ON r.evaluation_id = e.id
     WHERE e.hall_id = ? AND e.level IN (${BAD_LEVELS.map(() => '?').join(', ')}) AND r.id IS NULL
     ORDER BY e.at, e.id LIMIT ?`,
  ).all(hallId, ...BAD_LEVELS, Math.max(0, Math.floor(limit))) as EvaluationRow[];
  return rows.map(toEvaluation);
}
