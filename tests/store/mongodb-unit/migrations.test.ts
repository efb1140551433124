import { describe, expect, it } from 'vitest';
import {
  COLLECTIONS,
  INDEXES,
  MIGRATIONS,
  pendingMigrations,
  SCHEMA_VERSION,
  VALIDATORS,
} from '../../../server/src/store/mongodb/migrations.js';
import { QUEUE_SORT, waitingOfDayFilter } from '../../../server/src/store/mongodb/queries.js';
import { TICKET_STATUSES } from '../../../server/src/domain/types.js';
import { APPOINTMENT_STATUSES } from '../../../server/src/domain/appointments/index.js';

describe('MongoDB store: migrations, indexes and validators', () => {
  it('numbers the migrations 1..n and runs only the missing ones, in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
    expect(pendingMigrations(0).map((m) => m.version)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(pendingMigrations(1).map((m) => m.version)).toEqual(MIGRATIONS.slice(1).map((m) => m.version));
    expect(pendingMigrations(SCHEMA_VERSION)).toEqual([]);
  });

  it('refuses a database migrated by a newer hub', () => {
    expect(() => pendingMigrations(SCHEMA_VERSION + 1)).toThrow(/newer than this hub knows.*upgrade the hub/);
  });

  it('names every index once, on a collection the store has', () => {
    const names = Object.values(INDEXES).flatMap((list) => list.map((i) => i.name));
    expect(new Set(names).size).toBe(names.length);
    for (const name of Object.keys(INDEXES)) expect(Object.values(COLLECTIONS)).toContain(name);
  });

  it('has the safety nets: one number per hall and day, one seq per hall, one rating per ticket', () => {
    const unique = (collection: string, name: string) => INDEXES[collection]!.find((i) => i.name === name);
    expect(unique(COLLECTIONS.tickets, 'tickets_number')).toEqual({
      name: 'tickets_number',
      key: { hallId: 1, businessDay: 1, prefix: 1, seq: 1 },
      unique: true,
    });
    expect(unique(COLLECTIONS.events, 'events_hall_seq')).toMatchObject({
      key: { hallId: 1, seq: 1 },
      unique: true,
    });
    expect(unique(COLLECTIONS.evaluations, 'evaluations_ticket')).toMatchObject({ unique: true });
    expect(unique(COLLECTIONS.rectifications, 'cases_evaluation')).toMatchObject({ unique: true });
  });

  it('serves the claim query from tickets_claim: its equality fields first, then the queue sort, nothing else', () => {
    const claim = INDEXES[COLLECTIONS.tickets]!.find((i) => i.name === 'tickets_claim')!;
    const keys = Object.keys(claim.key);
    const equality = Object.keys(waitingOfDayFilter('h', '2030-01-01'));
    expect(keys.slice(0, equality.length).sort()).toEqual([...equality].sort());
    expect(keys.slice(equality.length)).toEqual(Object.keys(QUEUE_SORT));
    // Ascending like the sort, so the walk needs no in-memory sort.
    for (const k of Object.keys(QUEUE_SORT))
      expect((claim.key as Record<string, number>)[k]).toBe(QUEUE_SORT[k]);
  });

  it('validates ticket statuses against the domain list', () => {
    const schema = VALIDATORS[COLLECTIONS.tickets]!.$jsonSchema as {
      properties: { status: { enum: string[] } };
    };
    expect(schema.properties.status.enum).toEqual([...TICKET_STATUSES]);
  });

  it('creates the capped collection of the Socket.IO adapter in its own migration', () => {
    const m = MIGRATIONS.find((x) => /Socket\.IO/.test(x.name));
    expect(m?.version).toBe(2);
  });

  it('creates the appointments collection, its validator and indexes in migration 3 only', () => {
    const m = MIGRATIONS.find((x) => /appointments/.test(x.name));
    expect(m?.version).toBe(3);
    const schema = VALIDATORS[COLLECTIONS.appointments]!.$jsonSchema as {
      properties: { status: { enum: string[] } };
    };
    expect(schema.properties.status.enum).toEqual([...APPOINTMENT_STATUSES]);
    const code = INDEXES[COLLECTIONS.appointments]!.find((i) => i.name === 'appointments_code');
    expect(code).toMatchObject({ key: { code: 1 }, unique: true });
  });
});
