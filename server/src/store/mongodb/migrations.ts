import { MongoServerError, type Db, type IndexDescription } from 'mongodb';
import { TICKET_STATUSES, WINDOW_STATES } from '../../domain/types.js';
import { APPOINTMENT_STATUSES } from '../../domain/appointments/index.js';

/**
 * Versioned migrations, run by every hub at start. Each step is idempotent
 * (createCollection ignores "already exists", createIndexes with the same
 * definition is a no-op, collMod sets the same validator), so two hubs
 * starting at once both run the missing steps safely; the `migrations`
 * document only moves forward (`$max`), and a hub refuses a database whose
 * version is newer than it knows.
 */

export const COLLECTIONS = {
  halls: 'halls',
  services: 'services',
  windows: 'windows',
  tickets: 'tickets',
  counters: 'counters',
  events: 'events',
  issueKeys: 'issue_keys',
  settings: 'hall_settings',
  printJobs: 'print_jobs',
  evaluations: 'evaluations',
  users: 'users',
  sessions: 'sessions',
  devices: 'devices',
  readiness: 'readiness',
  statsCursors: 'stats_cursors',
  ticketFacts: 'ticket_facts',
  statsDaily: 'stats_daily',
  statsMonthly: 'stats_monthly',
  statsMonths: 'stats_months',
  rectifications: 'rectifications',
  appointments: 'appointments',
  notifications: 'notifications',
  migrations: 'migrations',
  socketIo: 'socket_io_events',
} as const;

/** The capped collection the Socket.IO adapter writes to and tails (server/src/realtime/mongo-adapter.ts). */
export const SOCKET_IO_CAPPED_BYTES = 16 * 1024 * 1024;

export type IndexSpec = IndexDescription & { name: string };

/** Every index of the store, by collection; the names are stable so a changed definition is a new migration. */
export const INDEXES: Record<string, IndexSpec[]> = {
  [COLLECTIONS.services]: [
    { name: 'services_hall_code', key: { hallId: 1, code: 1 }, unique: true },
    { name: 'services_hall_order', key: { hallId: 1, sortOrder: 1, code: 1 } },
  ],
  [COLLECTIONS.windows]: [
    { name: 'windows_hall_number', key: { hallId: 1, number: 1 }, unique: true },
    { name: 'windows_hall_order', key: { hallId: 1, sortOrder: 1, number: 1 } },
  ],
  [COLLECTIONS.tickets]: [
    // The safety net: one number per hall and business day, whatever a counter says.
    { name: 'tickets_number', key: { hallId: 1, businessDay: 1, prefix: 1, seq: 1 }, unique: true },
    // Serves the claim query: equality on hall, day and status, then the queue order.
    {
      name: 'tickets_claim',
      key: { hallId: 1, businessDay: 1, status: 1, effectiveAt: 1, issuedAt: 1, number: 1 },
    },
    // The whole hall's waiting line (all days) and the ETA groups.
    { name: 'tickets_hall_status', key: { hallId: 1, status: 1, effectiveAt: 1, issuedAt: 1, number: 1 } },
    { name: 'tickets_issue_order', key: { hallId: 1, issuedAt: 1, number: 1, _id: 1 } },
    { name: 'tickets_window', key: { windowId: 1, status: 1 } },
    { name: 'tickets_service', key: { serviceId: 1 } },
    { name: 'tickets_token', key: { statusToken: 1 }, unique: true },
    { name: 'tickets_ended', key: { hallId: 1, endedAt: 1 } },
  ],
  [COLLECTIONS.events]: [
    { name: 'events_hall_seq', key: { hallId: 1, seq: 1 }, unique: true },
    { name: 'events_ticket', key: { ticketId: 1, seq: 1 } },
    { name: 'events_hall_type', key: { hallId: 1, type: 1, seq: -1 } },
  ],
  [COLLECTIONS.issueKeys]: [
    { name: 'issue_keys_key', key: { hallId: 1, businessDay: 1, key: 1 }, unique: true },
  ],
  [COLLECTIONS.settings]: [{ name: 'settings_key', key: { hallId: 1, key: 1 }, unique: true }],
  [COLLECTIONS.printJobs]: [
    { name: 'print_jobs_copy', key: { ticketId: 1, copy: 1 }, unique: true },
    { name: 'print_jobs_order', key: { createdAt: 1, copy: 1, _id: 1 } },
    { name: 'print_jobs_device', key: { deviceId: 1, status: 1 } },
  ],
  [COLLECTIONS.evaluations]: [
    { name: 'evaluations_ticket', key: { ticketId: 1 }, unique: true },
    { name: 'evaluations_hall_at', key: { hallId: 1, at: 1, _id: 1 } },
  ],
  [COLLECTIONS.users]: [{ name: 'users_username', key: { username: 1 }, unique: true }],
  [COLLECTIONS.sessions]: [{ name: 'sessions_user', key: { userId: 1 } }],
  [COLLECTIONS.devices]: [
    { name: 'devices_token', key: { tokenHash: 1 }, unique: true },
    { name: 'devices_hall', key: { hallId: 1, name: 1, _id: 1 } },
  ],
  [COLLECTIONS.ticketFacts]: [{ name: 'facts_hall_day', key: { hallId: 1, businessDay: 1 } }],
  [COLLECTIONS.statsDaily]: [{ name: 'daily_hall_day', key: { hallId: 1, businessDay: 1 } }],
  [COLLECTIONS.statsMonthly]: [{ name: 'monthly_hall_month', key: { hallId: 1, businessDay: 1 } }],
  [COLLECTIONS.statsMonths]: [{ name: 'months_hall_month', key: { hallId: 1, month: 1 }, unique: true }],
  [COLLECTIONS.rectifications]: [
    { name: 'cases_evaluation', key: { evaluationId: 1 }, unique: true },
    { name: 'cases_ticket', key: { ticketId: 1 } },
    { name: 'cases_hall_opened', key: { hallId: 1, openedAt: 1, _id: 1 } },
  ],
  // Migration 3. A booking's code is what the citizen shows; the slot index serves the capacity count.
  [COLLECTIONS.appointments]: [
    { name: 'appointments_code', key: { code: 1 }, unique: true },
    { name: 'appointments_slot', key: { hallId: 1, serviceId: 1, day: 1, status: 1, slotStart: 1 } },
    { name: 'appointments_day', key: { hallId: 1, day: 1, slotStart: 1, createdAt: 1, _id: 1 } },
    {
      name: 'appointments_phone',
      key: { hallId: 1, phone: 1, serviceId: 1, day: 1 },
      partialFilterExpression: { phone: { $type: 'string' } },
    },
  ],
  // Migration 4. The outbox: a message is queued once per key; the sender reads what is due.
  [COLLECTIONS.notifications]: [
    { name: 'notifications_key', key: { key: 1 }, unique: true },
    { name: 'notifications_due', key: { status: 1, dueAt: 1, _id: 1 } },
    { name: 'notifications_hall', key: { hallId: 1, createdAt: -1, _id: -1 } },
  ],
};

const nullable = (bsonType: string) => ({ bsonType: [bsonType, 'null'] });

/** `$jsonSchema` validators of the queue's collections: a bad write from any process is refused by the server. */
export const VALIDATORS: Record<string, Record<string, unknown>> = {
  [COLLECTIONS.tickets]: {
    $jsonSchema: {
      bsonType: 'object',
      required: [
        '_id',
        'hallId',
        'serviceId',
        'number',
        'prefix',
        'seq',
        'businessDay',
        'status',
        'issuedAt',
        'effectiveAt',
        'statusToken',
        'version',
      ],
      properties: {
        _id: { bsonType: 'string' },
        hallId: { bsonType: 'string' },
        number: { bsonType: 'string' },
        seq: { bsonType: ['int', 'long', 'double'], minimum: 1 },
        businessDay: { bsonType: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
        status: { enum: [...TICKET_STATUSES] },
        categories: { bsonType: 'array' },
        assistance: { bsonType: 'bool' },
        windowId: nullable('string'),
        targetWindowId: nullable('string'),
        version: { bsonType: ['int', 'long', 'double'], minimum: 1 },
      },
    },
  },
  [COLLECTIONS.events]: {
    $jsonSchema: {
      bsonType: 'object',
      required: ['_id', 'hallId', 'seq', 'type', 'at', 'actor'],
      properties: {
        hallId: { bsonType: 'string' },
        seq: { bsonType: ['int', 'long', 'double'], minimum: 1 },
        type: { bsonType: 'string' },
        actor: { bsonType: 'object', required: ['type'] },
      },
    },
  },
  [COLLECTIONS.windows]: {
    $jsonSchema: {
      bsonType: 'object',
      required: ['_id', 'hallId', 'number', 'state'],
      properties: {
        state: { enum: [...WINDOW_STATES] },
        currentTicketId: nullable('string'),
      },
    },
  },
  [COLLECTIONS.appointments]: {
    $jsonSchema: {
      bsonType: 'object',
      required: ['_id', 'hallId', 'serviceId', 'code', 'day', 'slotStart', 'slotEnd', 'status', 'version'],
      properties: {
        _id: { bsonType: 'string' },
        hallId: { bsonType: 'string' },
        serviceId: { bsonType: 'string' },
        code: { bsonType: 'string' },
        day: { bsonType: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
        slotStart: { bsonType: ['int', 'long', 'double'], minimum: 0 },
        slotEnd: { bsonType: ['int', 'long', 'double'], minimum: 0 },
        status: { enum: [...APPOINTMENT_STATUSES] },
        name: nullable('string'),
        phone: nullable('string'),
        ticketId: nullable('string'),
        version: { bsonType: ['int', 'long', 'double'], minimum: 1 },
      },
    },
  },
  [COLLECTIONS.counters]: {
    $jsonSchema: {
      bsonType: 'object',
      required: ['_id', 'lastSeq'],
      properties: { lastSeq: { bsonType: ['int', 'long', 'double'], minimum: 1 } },
    },
  },
};

export interface Migration {
  version: number;
  name: string;
  up(db: Db): Promise<void>;
}

const NAMESPACE_EXISTS = 48;

async function ensureCollection(db: Db, name: string, options: Record<string, unknown> = {}): Promise<void> {
  try {
    await db.createCollection(name, options);
  } catch (err) {
    if (!(err instanceof MongoServerError && err.code === NAMESPACE_EXISTS)) throw err;
  }
}

/** Collections a later migration creates: the first one leaves them alone. */
const LATER: ReadonlySet<string> = new Set([
  COLLECTIONS.socketIo,
  COLLECTIONS.migrations,
  COLLECTIONS.appointments,
  COLLECTIONS.notifications,
  COLLECTIONS.statsMonthly,
  COLLECTIONS.statsMonths,
]);

async function ensureValidated(db: Db, name: string): Promise<void> {
  const validator = VALIDATORS[name];
  await ensureCollection(db, name, validator ? { validator, validationLevel: 'strict' } : {});
  if (validator) await db.command({ collMod: name, validator, validationLevel: 'strict' });
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'collections, indexes and validators of the store',
    async up(db) {
      for (const name of Object.values(COLLECTIONS)) {
        if (LATER.has(name)) continue;
        await ensureValidated(db, name);
      }
      for (const [name, indexes] of Object.entries(INDEXES)) {
        if (LATER.has(name)) continue;
        await db.collection(name).createIndexes(indexes);
      }
    },
  },
  {
    version: 2,
    name: 'capped collection of the Socket.IO adapter',
    async up(db) {
      await ensureCollection(db, COLLECTIONS.socketIo, { capped: true, size: SOCKET_IO_CAPPED_BYTES });
    },
  },
  {
    version: 3,
    name: 'appointments (预约): bookings with their validator and indexes',
    async up(db) {
      await ensureValidated(db, COLLECTIONS.appointments);
      await db.collection(COLLECTIONS.appointments).createIndexes(INDEXES[COLLECTIONS.appointments]!);
    },
  },
  {
    version: 4,
    name: 'notification outbox: confirmations and reminders of bookings',
    async up(db) {
      await ensureCollection(db, COLLECTIONS.notifications);
      await db.collection(COLLECTIONS.notifications).createIndexes(INDEXES[COLLECTIONS.notifications]!);
    },
  },
  {
    version: 5,
    name: 'month sums of the statistics',
    async up(db) {
      for (const name of [COLLECTIONS.statsMonthly, COLLECTIONS.statsMonths]) {
        await ensureCollection(db, name);
        await db.collection(name).createIndexes(INDEXES[name]!);
      }
    },
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** The migrations a database at `version` still needs, in order; a newer database is refused. */
export function pendingMigrations(version: number, list: readonly Migration[] = MIGRATIONS): Migration[] {
  const latest = list.length === 0 ? 0 : list[list.length - 1]!.version;
  if (version > latest) {
    throw new Error(
      `The MongoDB database is at schema version ${version}, newer than this hub knows (${latest}); upgrade the hub.`,
    );
  }
  return list.filter((m) => m.version > version);
}

const SCHEMA_DOC = 'schema';

export async function migrate(db: Db): Promise<number> {
  const migrations = db.collection<{ _id: string; version: number; at?: number }>(COLLECTIONS.migrations);
  const current = (await migrations.findOne({ _id: SCHEMA_DOC }))?.version ?? 0;
  for (const m of pendingMigrations(current)) {
    await m.up(db);
    try {
      await migrations.updateOne(
        { _id: SCHEMA_DOC },
        { $max: { version: m.version }, $set: { at: Date.now() } },
        { upsert: true },
      );
    } catch (err) {
      // Two hubs upserting the first version at once: the loser's upsert clashes; the other wrote it.
      if (!(err instanceof MongoServerError && err.code === 11000)) throw err;
      await migrations.updateOne({ _id: SCHEMA_DOC }, { $max: { version: m.version } });
    }
  }
  return Math.max(current, SCHEMA_VERSION);
}
