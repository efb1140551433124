import { DomainError, type HallEvent, type NewEvent } from '../../domain/index.js';
import type { PrintJob, PrintJobQuery, PrintJobStatus, PrintJobUpdate } from '../port.js';
import { guardUnique, notFound, sql, writeTx, type Db } from './connection.js';
import { appendEvents } from './events.js';

interface PrintJobRow {
  id: string;
  hall_id: string;
  device_id: string;
  ticket_id: string;
  copy: number;
  status: PrintJobStatus;
  attempts: number;
  error: string | null;
  created_at: number;
  updated_at: number;
}

function toPrintJob(r: PrintJobRow): PrintJob {
  return {
    id: r.id,
    hallId: r.hall_id,
    deviceId: r.device_id,
    ticketId: r.ticket_id,
    copy: r.copy,
    status: r.status,
    attempts: r.attempts,
    error: r.error,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function getPrintJob(db: Db, id: string): PrintJob | null {
  const row = sql(db, 'SELECT * FROM print_jobs WHERE id = ?').get(id) as PrintJobRow | undefined;
  return row ? toPrintJob(row) : null;
}

export function createPrintJob(
  db: Db,
  job: PrintJob,
  events: readonly NewEvent[],
): { job: PrintJob; events: HallEvent[] } {
  return writeTx(db, () => {
    if (!sql(db, 'SELECT 1 FROM halls WHERE id = ?').get(job.hallId)) throw notFound('Hall', job.hallId);
    if (!sql(db, 'SELECT 1 FROM devices WHERE id = ? AND hall_id = ?').get(job.deviceId, job.hallId)) {
      throw notFound('Device', job.deviceId);
    }
    if (!sql(db, 'SELECT 1 FROM tickets WHERE id = ? AND hall_id = ?').get(job.ticketId, job.hallId)) {
      throw notFound('Ticket', job.ticketId);
    }
    guardUnique(`Print job ${job.id} (copy ${job.copy} of the ticket)`, () =>
      sql(
        db,
        `INSERT INTO print_jobs (id, hall_id, device_id, ticket_id, copy, status, attempts, error, created_at, updated_at)
         VALUES (@id, @hallId, @deviceId, @ticketId, @copy, @status, @attempts, @error, @createdAt, @updatedAt)`,
      ).run(job),
    );
    return { job: getPrintJob(db, job.id) as PrintJob, events: appendEvents(db, events) };
  });
}

export function updatePrintJob(db: Db, u: PrintJobUpdate): { job: PrintJob; events: HallEvent[] } {
  return writeTx(db, () => {
    const job = getPrintJob(db, u.id);
    if (!job) throw notFound('Print job', u.id);
    if (!u.expectedStatuses.includes(job.status)) {
      throw new DomainError(
        'conflict',
        `Print job ${u.id} is ${job.status}, not ${u.expectedStatuses.join(' or ')}.`,
        {
          status: job.status,
        },
      );
    }
    const next = { ...job, ...u.patch };
    sql(
      db,
      `UPDATE print_jobs SET status = @status, attempts = @attempts, error = @error, device_id = @deviceId,
         updated_at = @updatedAt WHERE id = @id`,
    ).run(next);
    return { job: getPrintJob(db, u.id) as PrintJob, events: appendEvents(db, u.events) };
  });
}

export function listPrintJobs(db: Db, q: PrintJobQuery): PrintJob[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (q.hallId !== undefined) {
    where.push('hall_id = ?');
    args.push(q.hallId);
  }
  if (q.deviceId !== undefined) {
    where.push('device_id = ?');
    args.push(q.deviceId);
  }
  if (q.ticketId !== undefined) {
    where.push('ticket_id = ?');
    args.push(q.ticketId);
  }
  if (q.statuses !== undefined) {
    if (q.statuses.length === 0) return [];
    where.push(`status IN (${q.statuses.map(() => '?').join(', ')})`);
    args.push(...q.statuses);
  }
  const text = `SELECT * FROM print_jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY created_at, copy, id ${q.limit !== undefined ? 'LIMIT ?' : ''}`;
  if (q.limit !== undefined) args.push(q.limit);
  return (db.prepare(text).all(...args) as PrintJobRow[]).map(toPrintJob);
}
