import { randomUUID } from 'node:crypto';
import {
  computeJobState,
  toJobId,
  type AgendaBackend,
  type JobId,
  type JobParameters,
  type JobRepository,
  type JobRepositoryOptions,
  type JobsOverview,
  type JobsQueryOptions,
  type JobsResult,
  type JobWithState,
  type RemoveJobsOptions,
} from 'agenda';
import { openConnection, readTx, sql, writeTx, type Db } from './connection.js';
import { migrate } from './migrations.js';

/**
 * Agenda's job repository on the hall's own SQLite file (table `agenda_jobs`,
 * migration 7), so a township hub needs no second database for its schedule.
 *
 * The columns Agenda selects and locks on (name, type, priority, next run,
 * lock time, disabled, who changed it last) are real columns; the rest of a
 * job (its interval, data, last run, failures) is JSON in `attrs`, its dates
 * as epoch milliseconds. Every lock-and-claim step is one IMMEDIATE
 * transaction, so of several hub processes on the file exactly one gets a
 * due job; a job whose lock is older than its lock lifetime (its process
 * died) is claimed again by the next process that looks.
 */

interface Row {
  id: string;
  name: string;
  type: 'normal' | 'single';
  priority: number;
  next_run_at: number | null;
  locked_at: number | null;
  disabled: number;
  last_modified_by: string | null;
  attrs: string;
}

/** Job fields kept in columns, not in `attrs`. */
const COLUMN_FIELDS = new Set([
  '_id',
  'name',
  'type',
  'priority',
  'nextRunAt',
  'lockedAt',
  'disabled',
  'lastModifiedBy',
]);
/** Job fields that are dates (stored in `attrs` as epoch milliseconds). */
const DATE_FIELDS = new Set([
  'lastRunAt',
  'lastFinishedAt',
  'failedAt',
  'startDate',
  'endDate',
  'debounceStartedAt',
]);

const ms = (d: Date | string | number | null | undefined): number | null =>
  d === null || d === undefined ? null : new Date(d).getTime();

function attrsOf(job: JobParameters): string {
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(job)) {
    if (COLUMN_FIELDS.has(key) || value === undefined || value === null) continue;
    rest[key] = DATE_FIELDS.has(key) ? ms(value as Date) : value;
  }
  return JSON.stringify(rest);
}

function jobOf(row: Row): JobParameters {
  const rest = JSON.parse(row.attrs) as Record<string, unknown>;
  const job: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    job[key] = DATE_FIELDS.has(key) && typeof value === 'number' ? new Date(value) : value;
  }
  if (!('data' in job)) job.data = undefined;
  job._id = toJobId(row.id);
  job.name = row.name;
  job.type = row.type;
  job.priority = row.priority;
  job.nextRunAt = row.next_run_at === null ? null : new Date(row.next_run_at);
  if (row.locked_at !== null) job.lockedAt = new Date(row.locked_at);
  if (row.disabled) job.disabled = true;
  if (row.last_modified_by !== null) job.lastModifiedBy = row.last_modified_by;
  return job as unknown as JobParameters;
}

/** A partial match of `want` in `have` (objects by key, the rest by value), as Agenda's data filters mean. */
function matches(have: unknown, want: unknown): boolean {
  if (want !== null && typeof want === 'object' && !Array.isArray(want)) {
    if (have === null || typeof have !== 'object') return false;
    return Object.entries(want).every(([k, v]) => matches((have as Record<string, unknown>)[k], v));
  }
  return JSON.stringify(have) === JSON.stringify(want);
}

function selected(job: JobParameters, o: RemoveJobsOptions): boolean {
  if (o.id !== undefined && String(job._id) !== String(o.id)) return false;
  if (o.id === undefined && o.ids?.length && !o.ids.map(String).includes(String(job._id))) return false;
  if (o.name !== undefined && job.name !== o.name) return false;
  if (o.name === undefined && o.names?.length && !o.names.includes(job.name)) return false;
  if (o.name === undefined && !o.names?.length && o.notNames?.length && o.notNames.includes(job.name))
    return false;
  if (o.data !== undefined && !matches(job.data, o.data)) return false;
  return true;
}

const hasFilter = (o: RemoveJobsOptions) =>
  o.id !== undefined ||
  Boolean(o.ids?.length) ||
  o.name !== undefined ||
  Boolean(o.names?.length) ||
  Boolean(o.notNames?.length) ||
  o.data !== undefined;

export class SqliteJobRepository implements JobRepository {
  constructor(private readonly db: Db) {}

  async connect(): Promise<void> {
    // The table comes with the store's migrations; a hub opening a file older than them migrates it.
    migrate(this.db);
  }

  private all(): JobParameters[] {
    return (sql(this.db, 'SELECT * FROM agenda_jobs').all() as Row[]).map(jobOf);
  }

  private row(id: string): Row | undefined {
    return sql(this.db, 'SELECT * FROM agenda_jobs WHERE id = ?').get(id) as Row | undefined;
  }

  async queryJobs(options: JobsQueryOptions = {}): Promise<JobsResult> {
    const now = new Date();
    const { includeDisabled = true, skip = 0, limit = 0 } = options;
    let jobs: JobWithState[] = this.all()
      .filter((j) =>
        options.name ? j.name === options.name : !options.names?.length || options.names.includes(j.name),
      )
      .filter((j) =>
        options.id ? j._id === options.id : !options.ids?.length || options.ids.includes(String(j._id)),
      )
      .filter((j) => !options.search || j.name.toLowerCase().includes(options.search.toLowerCase()))
      .filter((j) => options.data === undefined || matches(j.data, options.data))
      .filter((j) => includeDisabled || !j.disabled)
      .map((j) => ({ ...j, _id: j._id as JobId, state: computeJobState(j, now) }))
      .filter(
        (j) =>
          !options.state || (options.state === 'paused' ? j.disabled === true : j.state === options.state),
      );
    const sort = options.sort ?? { nextRunAt: 'desc', lastRunAt: 'desc' };
    jobs.sort((a, b) => {
      for (const [key, dir] of Object.entries(sort)) {
        const av = (a as unknown as Record<string, unknown>)[key];
        const bv = (b as unknown as Record<string, unknown>)[key];
        const an = av instanceof Date ? av.getTime() : (av as number | string | undefined | null);
        const bn = bv instanceof Date ? bv.getTime() : (bv as number | string | undefined | null);
        if (an === bn) continue;
        const order =
          an === null || an === undefined ? -1 : bn === null || bn === undefined ? 1 : an < bn ? -1 : 1;
        return dir === 'asc' ? order : -order;
      }
      return 0;
    });
    const total = jobs.length;
    jobs = jobs.slice(skip, limit > 0 ? skip + limit : undefined);
    return { jobs, total };
  }

  async getJobsOverview(): Promise<JobsOverview[]> {
    const now = new Date();
    const byName = new Map<string, JobsOverview>();
    for (const job of this.all()) {
      let o = byName.get(job.name);
      if (!o) {
        o = {
          name: job.name,
          total: 0,
          running: 0,
          scheduled: 0,
          queued: 0,
          completed: 0,
          failed: 0,
          repeating: 0,
          paused: 0,
        };
        byName.set(job.name, o);
      }
      o.total += 1;
      o[computeJobState(job, now)] += 1;
      if (job.disabled && computeJobState(job, now) !== 'paused') o.paused += 1;
    }
    return [...byName.values()];
  }

  async getDistinctJobNames(): Promise<string[]> {
    return (
      sql(this.db, 'SELECT DISTINCT name FROM agenda_jobs ORDER BY name').all() as { name: string }[]
    ).map((r) => r.name);
  }

  async getJobById(id: string): Promise<JobParameters | null> {
    const row = this.row(id);
    return row ? jobOf(row) : null;
  }

  async getQueueSize(): Promise<number> {
    return (
      sql(this.db, 'SELECT count(*) AS n FROM agenda_jobs WHERE next_run_at < ?').get(Date.now()) as {
        n: number;
      }
    ).n;
  }

  /** The ids of the jobs `options` selects; none without a filter (never "every job" by accident). */
  private idsOf(options: RemoveJobsOptions): string[] {
    if (!hasFilter(options)) return [];
    return this.all()
      .filter((j) => selected(j, options))
      .map((j) => String(j._id));
  }

  async removeJobs(options: RemoveJobsOptions): Promise<number> {
    return writeTx(this.db, () => {
      let n = 0;
      for (const id of this.idsOf(options))
        n += sql(this.db, 'DELETE FROM agenda_jobs WHERE id = ?').run(id).changes;
      return n;
    });
  }

  private setDisabled(options: RemoveJobsOptions, disabled: 0 | 1): number {
    return writeTx(this.db, () => {
      let n = 0;
      for (const id of this.idsOf(options)) {
        n += sql(this.db, 'UPDATE agenda_jobs SET disabled = ? WHERE id = ? AND disabled <> ?').run(
          disabled,
          id,
          disabled,
        ).changes;
      }
      return n;
    });
  }

  async disableJobs(options: RemoveJobsOptions): Promise<number> {
    return this.setDisabled(options, 1);
  }

  async enableJobs(options: RemoveJobsOptions): Promise<number> {
    return this.setDisabled(options, 0);
  }

  async purgeAllJobs(): Promise<number> {
    return writeTx(this.db, () => sql(this.db, 'DELETE FROM agenda_jobs').run().changes);
  }

  private insert(job: JobParameters, by: string | null): JobParameters {
    const id = randomUUID();
    sql(
      this.db,
      `INSERT INTO agenda_jobs (id, name, type, priority, next_run_at, locked_at, disabled, last_modified_by, attrs)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      job.name,
      job.type,
      job.priority ?? 0,
      ms(job.nextRunAt),
      ms(job.lockedAt),
      job.disabled ? 1 : 0,
      by,
      attrsOf(job),
    );
    return jobOf(this.row(id)!);
  }

  private update(
    id: string,
    job: JobParameters,
    by: string | null,
    keepNextRunAt: boolean,
    keepLock: boolean,
  ): void {
    sql(
      this.db,
      `UPDATE agenda_jobs SET type = ?, priority = ?, disabled = ?, last_modified_by = ?, attrs = ?,
         next_run_at = CASE WHEN ? THEN next_run_at ELSE ? END,
         locked_at = CASE WHEN ? THEN locked_at ELSE ? END
       WHERE id = ?`,
    ).run(
      job.type,
      job.priority ?? 0,
      job.disabled ? 1 : 0,
      by,
      attrsOf(job),
      keepNextRunAt ? 1 : 0,
      ms(job.nextRunAt),
      keepLock ? 1 : 0,
      ms(job.lockedAt),
      id,
    );
  }

  async saveJob<DATA = unknown>(
    job: JobParameters<DATA>,
    options: JobRepositoryOptions | undefined,
  ): Promise<JobParameters<DATA>> {
    const by = options?.lastModifiedBy ?? null;
    const params = job as JobParameters;
    return writeTx(this.db, () => {
      if (params._id) {
        const row = this.row(String(params._id));
        if (!row || row.name !== params.name) return job;
        this.update(row.id, params, by, false, false);
        return jobOf(this.row(row.id)!) as JobParameters<DATA>;
      }
      if (params.type === 'single') {
        const row = sql(this.db, "SELECT * FROM agenda_jobs WHERE name = ? AND type = 'single'").get(
          params.name,
        ) as Row | undefined;
        if (!row) return this.insert(params, by) as JobParameters<DATA>;
        // Another hub defining the same recurring job at its start keeps the schedule and any lock:
        // a due run stays due, a running one stays locked, and its last run and failures are kept.
        const stored = jobOf(row);
        const due = params.nextRunAt !== null && params.nextRunAt.getTime() <= Date.now();
        const merged: JobParameters = {
          ...stored,
          ...Object.fromEntries(
            [
              'priority',
              'data',
              'repeatInterval',
              'repeatTimezone',
              'repeatAt',
              'startDate',
              'endDate',
              'skipDays',
              'fork',
            ]
              .filter((k) => k in params)
              .map((k) => [k, (params as unknown as Record<string, unknown>)[k]]),
          ),
          nextRunAt: params.nextRunAt,
        };
        this.update(row.id, merged, by, due, true);
        return jobOf(this.row(row.id)!) as JobParameters<DATA>;
      }
      if (params.unique) {
        const existing = this.all().find(
          (j) =>
            j.name === params.name &&
            Object.entries(params.unique!).every(([path, want]) =>
              matches(
                path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], j),
                want,
              ),
            ),
        );
        if (existing) {
          if (params.uniqueOpts?.insertOnly) return existing as JobParameters<DATA>;
          this.update(String(existing._id), params, by, false, false);
          return jobOf(this.row(String(existing._id))!) as JobParameters<DATA>;
        }
      }
      return this.insert(params, by) as JobParameters<DATA>;
    });
  }

  async saveJobState(job: JobParameters, options: JobRepositoryOptions | undefined): Promise<void> {
    if (!job._id) throw new Error('Cannot save job state without job ID');
    writeTx(this.db, () => {
      const row = this.row(String(job._id));
      if (!row || row.name !== job.name) {
        throw new Error(
          `job ${job._id} (name: ${job.name}) cannot be updated in the database, maybe it does not exist anymore?`,
        );
      }
      const stored = jobOf(row);
      const state: JobParameters = {
        ...stored,
        lastRunAt: job.lastRunAt,
        lastFinishedAt: job.lastFinishedAt,
        failedAt: job.failedAt,
        failCount: job.failCount,
        failReason: job.failReason,
        progress: job.progress,
      } as JobParameters;
      sql(
        this.db,
        'UPDATE agenda_jobs SET next_run_at = ?, locked_at = ?, last_modified_by = ?, attrs = ? WHERE id = ?',
      ).run(ms(job.nextRunAt), ms(job.lockedAt), options?.lastModifiedBy ?? null, attrsOf(state), row.id);
    });
  }

  async lockJob(
    job: JobParameters,
    options: JobRepositoryOptions | undefined,
  ): Promise<JobParameters | undefined> {
    if (!job._id) return undefined;
    return writeTx(this.db, () => {
      const claimed = sql(
        this.db,
        `UPDATE agenda_jobs SET locked_at = ?, last_modified_by = ?
         WHERE id = ? AND name = ? AND locked_at IS NULL AND next_run_at IS ? AND disabled = 0`,
      ).run(Date.now(), options?.lastModifiedBy ?? null, String(job._id), job.name, ms(job.nextRunAt));
      return claimed.changes === 1 ? jobOf(this.row(String(job._id))!) : undefined;
    });
  }

  async unlockJob(job: JobParameters): Promise<void> {
    if (!job._id) return;
    writeTx(this.db, () =>
      sql(this.db, 'UPDATE agenda_jobs SET locked_at = NULL WHERE id = ? AND next_run_at IS NOT NULL').run(
        String(job._id),
      ),
    );
  }

  async unlockJobs(jobIds: (JobId | string)[]): Promise<void> {
    writeTx(this.db, () => {
      for (const id of jobIds)
        sql(this.db, 'UPDATE agenda_jobs SET locked_at = NULL WHERE id = ?').run(String(id));
    });
  }

  /**
   * Gives up every lock `holder` still has (a hub stopping). What it locked is
   * due again at once: a run it had not started, and a run it had started but
   * not finished (whose next run Agenda had already moved on), so another hub
   * does that work now instead of after the lock lifetime or the next interval.
   */
  unlockJobsOf(holder: string, now = Date.now()): number {
    return writeTx(
      this.db,
      () =>
        sql(
          this.db,
          `UPDATE agenda_jobs SET locked_at = NULL,
             next_run_at = CASE WHEN next_run_at IS NULL OR next_run_at > ? THEN ? ELSE next_run_at END
           WHERE last_modified_by = ? AND locked_at IS NOT NULL`,
        ).run(now, now, holder).changes,
    );
  }

  /**
   * Finds and locks the next job of `jobName` in one IMMEDIATE transaction: an unlocked job due
   * before `nextScanAt`, or one whose lock is older than `lockDeadline` (its holder died or hung).
   */
  async getNextJobToRun(
    jobName: string,
    nextScanAt: Date,
    lockDeadline: Date,
    now: Date | undefined,
    options: JobRepositoryOptions | undefined,
  ): Promise<JobParameters | undefined> {
    const lockTime = (now ?? new Date()).getTime();
    return writeTx(this.db, () => {
      const row = sql(
        this.db,
        `SELECT id FROM agenda_jobs
         WHERE name = ? AND disabled = 0
           AND ((locked_at IS NULL AND next_run_at <= ?) OR locked_at <= ?)
         ORDER BY next_run_at IS NULL, next_run_at ASC, priority DESC
         LIMIT 1`,
      ).get(jobName, nextScanAt.getTime(), lockDeadline.getTime()) as { id: string } | undefined;
      if (!row) return undefined;
      sql(this.db, 'UPDATE agenda_jobs SET locked_at = ?, last_modified_by = ? WHERE id = ?').run(
        lockTime,
        options?.lastModifiedBy ?? null,
        row.id,
      );
      return jobOf(this.row(row.id)!);
    });
  }

  /** Every job as stored (tests and diagnostics). */
  snapshot(): JobParameters[] {
    return readTx(this.db, () => this.all());
  }
}

/**
 * The Agenda backend on the hall's SQLite file: its own connection to the
 * file (so a job never waits behind the queue's statements in the same
 * connection object), no notification channel (Agenda polls every
 * `processEvery`; a hall's jobs run once a minute, so polling is enough).
 */
export class SqliteAgendaBackend implements AgendaBackend {
  readonly name = 'SQLite';
  readonly ownsConnection = true;
  private db: Db | null = null;
  private repo: SqliteJobRepository | null = null;

  constructor(private readonly options: { file: string; synchronous?: 'FULL' | 'NORMAL' }) {}

  get repository(): SqliteJobRepository {
    if (!this.repo) {
      this.db = openConnection({
        file: this.options.file,
        ...(this.options.synchronous ? { synchronous: this.options.synchronous } : {}),
      });
      this.repo = new SqliteJobRepository(this.db);
    }
    return this.repo;
  }

  async connect(): Promise<void> {
    await this.repository.connect();
  }

  async disconnect(): Promise<void> {
    this.db?.close();
    this.db = null;
    this.repo = null;
  }
}
