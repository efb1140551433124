import path from 'node:path';
import { MongoBackend } from '@agendajs/mongo-backend';
import type { AgendaBackend } from 'agenda';
import type { HubConfig } from '../config.js';
import { SqliteAgendaBackend } from '../store/sqlite/agenda-jobs.js';

/** Where the jobs live on MongoDB: Agenda's collection in the hub's database. */
export const MONGO_JOBS_COLLECTION = 'agendaJobs';

/**
 * The job store for the configured store: on SQLite the hall's own file
 * (table `agenda_jobs`), on MongoDB Agenda's collection in the database of
 * `MONGODB_URI` (its own client, closed when the jobs stop).
 */
export function createJobBackend(
  config: Pick<HubConfig, 'STORE' | 'MONGODB_URI' | 'dataDir' | 'SQLITE_SYNCHRONOUS'>,
): AgendaBackend {
  if (config.STORE === 'mongodb') {
    if (!config.MONGODB_URI) throw new Error('STORE=mongodb needs MONGODB_URI.');
    return new MongoBackend({ address: config.MONGODB_URI, collection: MONGO_JOBS_COLLECTION });
  }
  return new SqliteAgendaBackend({
    file: path.join(config.dataDir, 'hall.db'),
    synchronous: config.SQLITE_SYNCHRONOUS,
  });
}
