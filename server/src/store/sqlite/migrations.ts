import type { Db } from './connection.js';

/**
 * Numbered schema migrations. `PRAGMA user_version` holds the number of the
 * last one applied; a migration is never edited once released, only
 * followed by a new one.
 */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'halls, catalogue, windows, tickets, counters, event log, people and devices',
    sql: `
CREATE TABLE halls (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  level TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  calendar TEXT NOT NULL,
  rules TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  -- The seq of the hall's last event; bumped in the transaction that appends.
  event_seq INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE services (
  id TEXT PRIMARY KEY,
  hall_id TEXT NOT NULL REFERENCES halls(id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  domain TEXT NOT NULL,
  prefix TEXT NOT NULL,
  cross_region INTEGER NOT NULL,
  cannot_handle INTEGER NOT NULL,
  dedicated INTEGER NOT NULL,
  expected_minutes REAL NOT NULL,
  pinyin TEXT NOT NULL,
  enabled INTEGER NOT NULL,
  sort_order INTEGER NOT NULL
);
CREATE UNIQUE INDEX services_hall_code ON services (hall_id, code);
CREATE INDEX services_hall_prefix ON services (hall_id, prefix);

CREATE TABLE windows (
  id TEXT PRIMARY KEY,
  hall_id TEXT NOT NULL REFERENCES halls(id),
  number INTEGER NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  domains TEXT NOT NULL,
  service_ids TEXT NOT NULL,
  overflow INTEGER NOT NULL,
  state TEXT NOT NULL,
  pause_reason TEXT,
  clerk_ids TEXT NOT NULL,
  current_clerk_id TEXT,
  current_ticket_id TEXT,
  last_call_next_at INTEGER,
  -- The ticket the last call-next claimed: only that one is returned again by a repeated press.
  last_claim_ticket_id TEXT,
  sort_order INTEGER NOT NULL
);
CREATE UNIQUE INDEX windows_hall_number ON windows (hall_id, number);

CREATE TABLE tickets (
  id TEXT PRIMARY KEY,
  hall_id TEXT NOT NULL REFERENCES halls(id),
  service_id TEXT NOT NULL REFERENCES services(id),
  number TEXT NOT NULL,
  prefix TEXT NOT NULL,
  seq INTEGER NOT NULL,
  business_day TEXT NOT NULL,
  categories TEXT NOT NULL,
  assistance INTEGER NOT NULL,
  channel TEXT NOT NULL,
  appointment_id TEXT,
  status TEXT NOT NULL,
  issued_at INTEGER NOT NULL,
  effective_at INTEGER NOT NULL,
  window_id TEXT,
  target_window_id TEXT,
  call_count INTEGER NOT NULL,
  called_at INTEGER,
  started_at INTEGER,
  ended_at INTEGER,
  transfer_count INTEGER NOT NULL,
  status_token TEXT NOT NULL,
  version INTEGER NOT NULL
);
-- Call-next walks this index in queue order and stops at the first eligible ticket.
CREATE INDEX tickets_queue ON tickets (hall_id, status, effective_at, issued_at, number);
-- A number is its prefix and sequence: unique per hall and day whatever the padding.
CREATE UNIQUE INDEX tickets_hall_day_number ON tickets (hall_id, business_day, prefix, seq);
CREATE UNIQUE INDEX tickets_status_token ON tickets (status_token);
CREATE INDEX tickets_window ON tickets (window_id, status);
CREATE INDEX tickets_service ON tickets (service_id);
CREATE INDEX tickets_hall_ended ON tickets (hall_id, ended_at);
CREATE INDEX tickets_hall_day ON tickets (hall_id, business_day, issued_at);

-- Numbers per hall, prefix and business day; never reset, so a number is never issued twice.
CREATE TABLE counters (
  hall_id TEXT NOT NULL REFERENCES halls(id),
  prefix TEXT NOT NULL,
  business_day TEXT NOT NULL,
  last_seq INTEGER NOT NULL,
  PRIMARY KEY (hall_id, prefix, business_day)
) WITHOUT ROWID;

-- The append-only log. No foreign key to halls: the log outlives a deleted hall.
CREATE TABLE events (
  hall_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  type TEXT NOT NULL,
  at INTEGER NOT NULL,
  actor_type TEXT NOT NULL,
  actor_id TEXT,
  ticket_id TEXT,
  window_id TEXT,
  from_state TEXT,
  to_state TEXT,
  data TEXT NOT NULL
);
CREATE UNIQUE INDEX events_hall_seq ON events (hall_id, seq);
CREATE INDEX events_ticket ON events (ticket_id);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  staff_no TEXT NOT NULL,
  role TEXT NOT NULL,
  hall_ids TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  csrf_token TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE devices (
  id TEXT PRIMARY KEY,
  hall_id TEXT NOT NULL REFERENCES halls(id),
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  window_id TEXT,
  token_hash TEXT NOT NULL UNIQUE,
  config TEXT NOT NULL,
  revoked_at INTEGER,
  last_seen_at INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX devices_hall ON devices (hall_id);
`,
  },
  {
    version: 2,
    description: 'hall settings, print jobs, ratings',
    sql: `
CREATE TABLE hall_settings (
  hall_id TEXT NOT NULL REFERENCES halls (id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (hall_id, key)
);

CREATE TABLE print_jobs (
  id TEXT PRIMARY KEY,
  hall_id TEXT NOT NULL REFERENCES halls (id),
  device_id TEXT NOT NULL REFERENCES devices (id),
  ticket_id TEXT NOT NULL REFERENCES tickets (id),
  copy INTEGER NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  error TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX print_jobs_ticket_copy ON print_jobs (ticket_id, copy);
CREATE INDEX print_jobs_device_status ON print_jobs (device_id, status, created_at);
CREATE INDEX print_jobs_hall ON print_jobs (hall_id, created_at);

-- One rating per ticket (一次一评): the unique index is the rule.
CREATE TABLE evaluations (
  id TEXT PRIMARY KEY,
  hall_id TEXT NOT NULL REFERENCES halls (id),
  ticket_id TEXT NOT NULL UNIQUE REFERENCES tickets (id),
  service_id TEXT NOT NULL,
  window_id TEXT,
  clerk_id TEXT,
  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
  reasons TEXT NOT NULL,
  comment TEXT NOT NULL,
  channel TEXT NOT NULL,
  device_id TEXT,
  at INTEGER NOT NULL
);
CREATE INDEX evaluations_hall_at ON evaluations (hall_id, at);
`,
  },
  {
    version: 3,
    description: 'statistics roll-up (ticket facts, daily aggregates) and rectification cases',
    sql: `
-- How far the roll-up has folded each hall's log, and the windows' clerks as the log last said.
CREATE TABLE stats_cursors (
  hall_id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,
  window_clerks TEXT NOT NULL
);

-- One row per ticket, folded from its events (server/src/domain/stats/facts.ts).
CREATE TABLE ticket_facts (
  ticket_id TEXT PRIMARY KEY,
  hall_id TEXT NOT NULL,
  business_day TEXT NOT NULL,
  issue_hour INTEGER NOT NULL,
  service_id TEXT NOT NULL,
  domain TEXT NOT NULL,
  window_id TEXT,
  clerk_id TEXT,
  actor_clerk_id TEXT,
  call_clerk_id TEXT,
  priority INTEGER NOT NULL,
  issued_at INTEGER NOT NULL,
  wait_ms INTEGER,
  started_at INTEGER,
  service_ms INTEGER,
  outcome TEXT,
  end_hour INTEGER,
  transfers INTEGER NOT NULL,
  rating INTEGER
);
CREATE INDEX ticket_facts_hall_day ON ticket_facts (hall_id, business_day);

-- Daily sums per area, window, clerk and priority; '' stands for no window or clerk.
CREATE TABLE stats_daily (
  hall_id TEXT NOT NULL,
  business_day TEXT NOT NULL,
  domain TEXT NOT NULL,
  window_id TEXT NOT NULL,
  clerk_id TEXT NOT NULL,
  priority INTEGER NOT NULL,
  issued INTEGER NOT NULL,
  completed INTEGER NOT NULL,
  no_show INTEGER NOT NULL,
  cancelled INTEGER NOT NULL,
  expired INTEGER NOT NULL,
  open INTEGER NOT NULL,
  transfers INTEGER NOT NULL,
  transferred_tickets INTEGER NOT NULL,
  wait_count INTEGER NOT NULL,
  wait_sum_ms INTEGER NOT NULL,
  wait_hist TEXT NOT NULL,
  service_count INTEGER NOT NULL,
  service_sum_ms INTEGER NOT NULL,
  service_hist TEXT NOT NULL,
  issued_by_hour TEXT NOT NULL,
  served_by_hour TEXT NOT NULL,
  ratings TEXT NOT NULL,
  PRIMARY KEY (hall_id, business_day, domain, window_id, clerk_id, priority)
) WITHOUT ROWID;

-- 整改 of 差评: one case per evaluation, the unique index is the rule.
CREATE TABLE rectifications (
  id TEXT PRIMARY KEY,
  hall_id TEXT NOT NULL REFERENCES halls (id),
  evaluation_id TEXT NOT NULL UNIQUE,
  ticket_id TEXT NOT NULL,
  window_id TEXT,
  clerk_id TEXT,
  assignee_id TEXT,
  status TEXT NOT NULL,
  opened_at INTEGER NOT NULL,
  deadline_at INTEGER NOT NULL,
  version INTEGER NOT NULL,
  -- The whole case as JSON; the columns above are copies for filtering.
  body TEXT NOT NULL
);
CREATE INDEX rectifications_hall_status ON rectifications (hall_id, status, deadline_at);
CREATE INDEX rectifications_ticket ON rectifications (ticket_id);
CREATE INDEX rectifications_hall_opened ON rectifications (hall_id, opened_at);
`,
  },
  {
    version: 4,
    description: 'the queue index covers what call-next and the wait estimate read',
    sql: `
-- With every column that routing and counting read in the index, call-next's walk and the
-- estimate's counts never touch the table rows: a deep queue costs an index scan, no more.
DROP INDEX tickets_queue;
CREATE INDEX tickets_queue ON tickets (hall_id, status, effective_at, issued_at, number, id, business_day,
  service_id, categories, assistance, target_window_id);
-- The same columns in group order: the estimate's counts stream from it without a sort.
CREATE INDEX tickets_groups ON tickets (hall_id, status, service_id, categories, assistance, target_window_id,
  effective_at, issued_at, number);
`,
  },
  {
    version: 5,
    description: 'idempotency keys of ticket issue, kept for the business day',
    sql: `
-- A kiosk that lost the answer repeats its request with the same key and gets the same ticket.
CREATE TABLE issue_keys (
  hall_id TEXT NOT NULL,
  business_day TEXT NOT NULL,
  key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  PRIMARY KEY (hall_id, business_day, key)
);
`,
  },
  {
    version: 6,
    description: 'leases, so work that must run once runs in one hub process',
    sql: `
CREATE TABLE leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  until INTEGER NOT NULL
);
`,
  },
  {
    version: 7,
    description:
      'scheduled jobs (Agenda), so every hub process on the file shares one schedule and its locks',
    sql: `
CREATE TABLE agenda_jobs (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('normal', 'single')),
  priority INTEGER NOT NULL DEFAULT 0,
  next_run_at INTEGER,
  locked_at INTEGER,
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  last_modified_by TEXT,
  attrs TEXT NOT NULL
);
CREATE UNIQUE INDEX agenda_jobs_single ON agenda_jobs (name) WHERE type = 'single';
CREATE INDEX agenda_jobs_due ON agenda_jobs (name, disabled, locked_at, next_run_at);
`,
  },
  {
    version: 8,
    description: 'appointments (预约): bookings with their slot, code and optional personal data',
    sql: `
CREATE TABLE appointments (
  id TEXT PRIMARY KEY,
  hall_id TEXT NOT NULL REFERENCES halls(id),
  service_id TEXT NOT NULL,
  code TEXT NOT NULL,
  day TEXT NOT NULL,
  slot_start INTEGER NOT NULL,
  slot_end INTEGER NOT NULL,
  status TEXT NOT NULL,
  name TEXT,
  phone TEXT,
  ticket_id TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  checked_in_at INTEGER,
  purged_at INTEGER,
  version INTEGER NOT NULL
);
-- The code is what the citizen holds; it finds the booking in any hall.
CREATE UNIQUE INDEX appointments_code ON appointments (code);
-- Capacity counts per slot and the lists of a day read this index.
CREATE INDEX appointments_slot ON appointments (hall_id, service_id, day, status, slot_start);
CREATE INDEX appointments_day ON appointments (hall_id, day, slot_start);
CREATE INDEX appointments_phone ON appointments (hall_id, phone, service_id, day) WHERE phone IS NOT NULL;
`,
  },
  {
    version: 9,
    description: 'notification outbox: confirmations and reminders of bookings, sent once by a job',
    sql: `
CREATE TABLE notifications (
  id TEXT PRIMARY KEY,
  hall_id TEXT NOT NULL,
  appointment_id TEXT NOT NULL,
  template TEXT NOT NULL,
  key TEXT NOT NULL,
  slot_at INTEGER NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  due_at INTEGER NOT NULL,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  sent_at INTEGER
);
CREATE UNIQUE INDEX notifications_key ON notifications (key);
CREATE INDEX notifications_due ON notifications (status, due_at);
CREATE INDEX notifications_hall ON notifications (hall_id, created_at);
`,
  },
  {
    version: 10,
    description:
      'month sums of the statistics, kept once computed and dropped when a day of theirs is rolled up',
    sql: `
-- The columns of stats_daily; business_day holds the month, YYYY-MM.
CREATE TABLE stats_monthly (
  hall_id TEXT NOT NULL,
  business_day TEXT NOT NULL,
  domain TEXT NOT NULL,
  window_id TEXT NOT NULL,
  clerk_id TEXT NOT NULL,
  priority INTEGER NOT NULL,
  issued INTEGER NOT NULL,
  completed INTEGER NOT NULL,
  no_show INTEGER NOT NULL,
  cancelled INTEGER NOT NULL,
  expired INTEGER NOT NULL,
  open INTEGER NOT NULL,
  transfers INTEGER NOT NULL,
  transferred_tickets INTEGER NOT NULL,
  wait_count INTEGER NOT NULL,
  wait_sum_ms INTEGER NOT NULL,
  wait_hist TEXT NOT NULL,
  service_count INTEGER NOT NULL,
  service_sum_ms INTEGER NOT NULL,
  service_hist TEXT NOT NULL,
  issued_by_hour TEXT NOT NULL,
  served_by_hour TEXT NOT NULL,
  ratings TEXT NOT NULL,
  PRIMARY KEY (hall_id, business_day, domain, window_id, clerk_id, priority)
) WITHOUT ROWID;
-- The months whose sums are kept (a month without tickets keeps no rows).
CREATE TABLE stats_months (
  hall_id TEXT NOT NULL,
  month TEXT NOT NULL,
  PRIMARY KEY (hall_id, month)
) WITHOUT ROWID;
`,
  },
  {
    version: 11,
    description: 'waiting tickets counted per queue group by triggers, so the counts are read, not scanned',
    sql: `
-- Waiting tickets per (hall, matter, categories, assistance, target window; '' for none). The
-- triggers keep it in every transaction that makes a ticket wait or stop waiting, whoever writes.
CREATE TABLE queue_counts (
  hall_id TEXT NOT NULL,
  service_id TEXT NOT NULL,
  categories TEXT NOT NULL,
  assistance INTEGER NOT NULL,
  target_window_id TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (hall_id, service_id, categories, assistance, target_window_id)
) WITHOUT ROWID;
INSERT INTO queue_counts (hall_id, service_id, categories, assistance, target_window_id, n)
  SELECT hall_id, service_id, categories, assistance, COALESCE(target_window_id, ''), COUNT(*)
  FROM tickets WHERE status = 'waiting'
  GROUP BY hall_id, service_id, categories, assistance, COALESCE(target_window_id, '');
CREATE TRIGGER queue_counts_insert AFTER INSERT ON tickets WHEN NEW.status = 'waiting' BEGIN
  INSERT INTO queue_counts (hall_id, service_id, categories, assistance, target_window_id, n)
  VALUES (NEW.hall_id, NEW.service_id, NEW.categories, NEW.assistance, COALESCE(NEW.target_window_id, ''), 1)
  ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER queue_counts_leave
AFTER UPDATE OF hall_id, service_id, categories, assistance, target_window_id, status ON tickets
WHEN OLD.status = 'waiting' BEGIN
  UPDATE queue_counts SET n = n - 1 WHERE hall_id = OLD.hall_id AND service_id = OLD.service_id AND categories = OLD.categories AND assistance = OLD.assistance AND target_window_id = COALESCE(OLD.target_window_id, '');
END;
CREATE TRIGGER queue_counts_enter
AFTER UPDATE OF hall_id, service_id, categories, assistance, target_window_id, status ON tickets
WHEN NEW.status = 'waiting' BEGIN
  INSERT INTO queue_counts (hall_id, service_id, categories, assistance, target_window_id, n)
  VALUES (NEW.hall_id, NEW.service_id, NEW.categories, NEW.assistance, COALESCE(NEW.target_window_id, ''), 1)
  ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER queue_counts_delete AFTER DELETE ON tickets WHEN OLD.status = 'waiting' BEGIN
  UPDATE queue_counts SET n = n - 1 WHERE hall_id = OLD.hall_id AND service_id = OLD.service_id AND categories = OLD.categories AND assistance = OLD.assistance AND target_window_id = COALESCE(OLD.target_window_id, '');
END;
`,
  },
];

export const SCHEMA_VERSION = MIGRATIONS.reduce((v, m) => Math.max(v, m.version), 0);

function userVersion(db: Db): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/**
 * Brings the file up to SCHEMA_VERSION. Each step runs in an IMMEDIATE
 * transaction and re-reads the version inside it, so two processes opening
 * a new file at once apply each migration exactly once.
 */
export function migrate(db: Db): number {
  const found = userVersion(db);
  if (found > SCHEMA_VERSION) {
    throw new Error(
      `The database schema is version ${found}, newer than this program knows (${SCHEMA_VERSION}); upgrade the program.`,
    );
  }
  for (const m of [...MIGRATIONS].sort((a, b) => a.version - b.version)) {
    db.transaction(() => {
      if (userVersion(db) >= m.version) return;
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return userVersion(db);
}
