import {
  MongoClient,
  MongoServerError,
  type ClientSession,
  type Db,
  type MongoClientOptions,
  type TransactionOptions,
} from 'mongodb';
import { DomainError } from '../../domain/index.js';

/** The parts of the `hello` answer the replica-set check reads. */
export interface HelloReply {
  setName?: string;
  isWritablePrimary?: boolean;
  primary?: string;
  msg?: string;
}

export class MongoStoreError extends Error {}

/**
 * Transactions and change streams need a replica set (a single node is
 * fine). Returns the set's name, or throws telling the admin how to start one.
 */
export function checkReplicaSet(hello: HelloReply, uri: string): string {
  if (hello.msg === 'isdbgrid') {
    return 'sharded';
  }
  if (!hello.setName) {
    throw new MongoStoreError(
      `MONGODB_URI ${redactUri(uri)} is a standalone MongoDB server; the store needs a replica set ` +
        '(transactions and change streams). A single node is enough: start mongod with ' +
        '`--replSet rs0`, run `rs.initiate()` once in mongosh, and add `?replicaSet=rs0` to MONGODB_URI.',
    );
  }
  return hello.setName;
}

/** The URI without its password, for messages and logs. */
export function redactUri(uri: string): string {
  return uri.replace(/\/\/([^:/@]+):([^@]*)@/, '//$1:***@');
}

/** What /readyz shows of the replica set. */
export interface ReplicaSetStatus {
  name: string;
  primary: string | null;
}

export function replicaSetStatus(hello: HelloReply): ReplicaSetStatus {
  return {
    name: hello.setName ?? (hello.msg === 'isdbgrid' ? 'sharded' : ''),
    primary: hello.primary ?? null,
  };
}

/**
 * Every queue write: majority write concern, snapshot reads, on the primary.
 * `withTransaction` retries the whole callback on TransientTransactionError
 * (two hubs writing the same hall's seq counter) and the commit on
 * UnknownTransactionCommitResult.
 */
export const TRANSACTION_OPTIONS: TransactionOptions = {
  readConcern: { level: 'snapshot' },
  writeConcern: { w: 'majority' },
  readPreference: 'primary',
};

export async function inTransaction<T>(
  client: MongoClient,
  fn: (session: ClientSession) => Promise<T>,
): Promise<T> {
  const session = client.startSession();
  try {
    return await session.withTransaction(fn, TRANSACTION_OPTIONS);
  } catch (err) {
    throw mapWriteError(err);
  } finally {
    await session.endSession();
  }
}

export const DUPLICATE_KEY = 11000;

export function isDuplicateKey(err: unknown): boolean {
  return err instanceof MongoServerError ? err.code === DUPLICATE_KEY : hasCode(err, DUPLICATE_KEY);
}

function hasCode(err: unknown, code: number): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}

/**
 * A unique index refusing a write (the ticket-number safety net, a username
 * or window-number clash) is a `conflict`; the transaction was aborted, so
 * nothing changed. Mapped outside the transaction callback: errors must
 * leave the callback for the driver to abort cleanly.
 */
export function mapWriteError(err: unknown): unknown {
  if (err instanceof DomainError) return err;
  if (isDuplicateKey(err)) {
    const index = duplicateIndexName(err);
    return new DomainError(
      'conflict',
      `The change clashes with a stored record${index ? ` (${index})` : ''}.`,
      {
        ...(index ? { index } : {}),
      },
    );
  }
  return err;
}

export function duplicateIndexName(err: unknown): string | null {
  const message = err instanceof Error ? err.message : '';
  const match = /index: (\S+)/.exec(message);
  return match ? match[1]! : null;
}

export function notFound(what: string, id: string): DomainError {
  return new DomainError('not_found', `${what} ${id} does not exist.`, { id });
}

/**
 * Majority writes and retryable writes for every operation; `ignoreUndefined`
 * so an optional field left undefined is not stored as null (it would read
 * back as a different entity).
 */
export const MONGO_CLIENT_OPTIONS: MongoClientOptions = {
  writeConcern: { w: 'majority' },
  retryWrites: true,
  ignoreUndefined: true,
};

export interface Connection {
  client: MongoClient;
  db: Db;
  replicaSet: string;
}

/** Connects, checks for a replica set, and picks the database named in the URI (default `hall`). */
export async function connect(uri: string, dbName?: string): Promise<Connection> {
  const client = new MongoClient(uri, MONGO_CLIENT_OPTIONS);
  try {
    await client.connect();
    const db = client.db(dbName ?? databaseOf(uri));
    const hello = (await db.admin().command({ hello: 1 })) as HelloReply;
    const replicaSet = checkReplicaSet(hello, uri);
    return { client, db, replicaSet };
  } catch (err) {
    await client.close().catch(() => undefined);
    if (err instanceof MongoStoreError) throw err;
    throw new MongoStoreError(
      `Cannot reach MongoDB at ${redactUri(uri)}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

/** The database named in the URI's path, `hall` when it names none. */
export function databaseOf(uri: string): string {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]*\/([^?]*)/.exec(uri);
  const name = match ? decodeURIComponent(match[1]!) : '';
  return name === '' ? 'hall' : name;
}
