import { DomainError } from '../../domain/index.js';
import type { HallImport } from '../port.js';
import { isUniqueViolation, sql, writeTx, type Db } from './connection.js';
import { appendEvents } from './events.js';
import { bit, json } from './rows.js';
import { saveStatsRollup } from './stats.js';

/**
 * Restores an exported hall (docs/deploy.md, "Moving a hall"): every row in
 * one write transaction, so a refused import leaves the file as it was. The
 * log goes through `appendEvents`, which gives seq 1, 2, 3 … exactly as the
 * export numbered them (checked), so the restored log is the source's.
 */
export function importHall(db: Db, data: HallImport): void {
  const hallId = data.hall.id;
  writeTx(db, () => {
    if (sql(db, 'SELECT 1 FROM halls WHERE id = ?').get(hallId)) {
      throw new DomainError(
        'conflict',
        `Hall ${hallId} exists in this store already; import only into a store without it.`,
        {
          hallId,
        },
      );
    }
    if (sql(db, 'SELECT 1 FROM events WHERE hall_id = ? LIMIT 1').get(hallId)) {
      throw new DomainError(
        'conflict',
        `This store keeps a log of a deleted hall ${hallId}; its seqs would clash.`,
        {
          hallId,
        },
      );
    }
    try {
      insertAll(db, data);
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new DomainError(
          'conflict',
          `An id of hall ${hallId} is taken in this store already (${String(err)}).`,
          {
            hallId,
          },
        );
      }
      throw err;
    }
  });
}

function insertAll(db: Db, d: HallImport): void {
  const h = d.hall;
  sql(
    db,
    `INSERT INTO halls (id, name, level, time_zone, calendar, rules, created_at, updated_at, event_seq)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)`,
  ).run(h.id, h.name, h.level, h.timeZone, json(h.calendar), json(h.rules), h.createdAt, h.updatedAt);

  for (const s of d.services) {
    sql(
      db,
      `INSERT INTO services (id, hall_id, code, name, domain, prefix, cross_region, cannot_handle, dedicated,
         expected_minutes, pinyin, enabled, sort_order)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      s.id,
      s.hallId,
      s.code,
      s.name,
      s.domain,
      s.prefix,
      bit(s.crossRegion),
      bit(s.cannotHandle),
      bit(s.dedicated),
      s.expectedMinutes,
      s.pinyin,
      bit(s.enabled),
      s.sortOrder,
    );
  }
  for (const w of d.windows) {
    sql(
      db,
      `INSERT INTO windows (id, hall_id, number, name, kind, domains, service_ids, overflow, state, pause_reason,
         clerk_ids, current_clerk_id, current_ticket_id, last_call_next_at, sort_order)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      w.id,
      w.hallId,
      w.number,
      w.name,
      w.kind,
      json(w.domains),
      json(w.serviceIds),
      bit(w.overflow),
      w.state,
      w.pauseReason,
      json(w.clerkIds),
      w.currentClerkId,
      w.currentTicketId,
      w.lastCallNextAt,
      w.sortOrder,
    );
  }
  for (const v of d.devices) {
    sql(
      db,
      `INSERT INTO devices (id, hall_id, kind, name, window_id, token_hash, config, revoked_at, last_seen_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      v.id,
      v.hallId,
      v.kind,
      v.name,
      v.windowId,
      v.tokenHash,
      json(v.config),
      v.revokedAt,
      v.lastSeenAt,
      v.createdAt,
    );
  }
  for (const u of d.users) {
    const existing = sql(db, 'SELECT id FROM users WHERE username = ?').get(u.username) as
      { id: string } | undefined;
    if (existing && existing.id !== u.id) {
      throw new DomainError('conflict', `The username ${u.username} belongs to another user in this store.`, {
        username: u.username,
      });
    }
    if (existing || sql(db, 'SELECT 1 FROM users WHERE id = ?').get(u.id)) continue;
    sql(
      db,
      `INSERT INTO users (id, username, display_name, staff_no, role, hall_ids, password_hash, disabled, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      u.id,
      u.username,
      u.displayName,
      u.staffNo,
      u.role,
      json(u.hallIds),
      u.passwordHash,
      bit(u.disabled),
      u.createdAt,
    );
  }
  for (const s of d.settings) {
    sql(db, 'INSERT INTO hall_settings (hall_id, key, value, updated_at) VALUES (?, ?, ?, ?)').run(
      h.id,
      s.key,
      JSON.stringify(s.value ?? null),
      s.updatedAt,
    );
  }
  for (const t of d.tickets) {
    sql(
      db,
      `INSERT INTO tickets (id, hall_id, service_id, number, prefix, seq, business_day, categories, assistance,
         channel, appointment_id, status, issued_at, effective_at, window_id, target_window_id, call_count,
         called_at, started_at, ended_at, transfer_count, status_token, version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      t.id,
      t.hallId,
      t.serviceId,
      t.number,
      t.prefix,
      t.seq,
      t.businessDay,
      json(t.categories),
      bit(t.assistance),
      t.channel,
      t.appointmentId,
      t.status,
      t.issuedAt,
      t.effectiveAt,
      t.windowId,
      t.targetWindowId,
      t.callCount,
      t.calledAt,
      t.startedAt,
      t.endedAt,
      t.transferCount,
      t.statusToken,
      t.version,
    );
  }
  // Numbers continue where the source stopped: a number is never issued twice in a day.
  sql(
    db,
    `INSERT INTO counters (hall_id, prefix, business_day, last_seq)
     SELECT hall_id, prefix, business_day, MAX(seq) FROM tickets WHERE hall_id = ? GROUP BY prefix, business_day`,
  ).run(h.id);

  const written = appendEvents(db, d.events);
  written.forEach((e, i) => {
    if (e.seq !== d.events[i]!.seq) {
      throw new DomainError(
        'conflict',
        `The log of hall ${h.id} is not numbered 1, 2, 3 …: event ${i + 1} has seq ${d.events[i]!.seq}.`,
      );
    }
  });

  for (const e of d.evaluations) {
    sql(
      db,
      `INSERT INTO evaluations (id, hall_id, ticket_id, service_id, window_id, clerk_id, level, reasons, comment,
         channel, device_id, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      e.id,
      e.hallId,
      e.ticketId,
      e.serviceId,
      e.windowId,
      e.clerkId,
      e.level,
      json(e.reasons),
      e.comment,
      e.channel,
      e.deviceId,
      e.at,
    );
  }
  for (const c of d.rectifications) {
    sql(
      db,
      `INSERT INTO rectifications (id, hall_id, evaluation_id, ticket_id, window_id, clerk_id, assignee_id, status,
         opened_at, deadline_at, version, body)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      c.id,
      c.hallId,
      c.evaluationId,
      c.ticketId,
      c.windowId,
      c.clerkId,
      c.assigneeId,
      c.status,
      c.openedAt,
      c.deadlineAt,
      c.version,
      json(c),
    );
  }
  for (const j of d.printJobs) {
    sql(
      db,
      `INSERT INTO print_jobs (id, hall_id, device_id, ticket_id, copy, status, attempts, error, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      j.id,
      j.hallId,
      j.deviceId,
      j.ticketId,
      j.copy,
      j.status,
      j.attempts,
      j.error,
      j.createdAt,
      j.updatedAt,
    );
  }
  saveStatsRollup(db, {
    hallId: h.id,
    expectedSeq: 0,
    cursor: d.statsCursor,
    facts: d.ticketFacts,
    days: [...new Set(d.dayAggregates.map((a) => a.businessDay))],
    aggregates: d.dayAggregates,
  });
}
