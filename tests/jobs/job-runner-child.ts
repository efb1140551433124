/**
 * One hub process's job runner, as its own OS process, for the job tests:
 * Agenda on the hall file with the hub's runner (startJobs), running probe
 * jobs that report on stdout as JSON lines ({ ev: 'start' | 'done', ... }).
 *
 * Environment: HALL_FILE, LOCK_MS, PROCESS_EVERY_MS, and
 * - EVERY_MS: also run the recurring job `probe-every` at this interval;
 * - WORK_MS: how long a probe run works;
 * - HANG=1: a `probe-once` run never finishes (the test kills or stops the process);
 * - DRAIN_MS: how long a stopping runner waits for a running job.
 * `probe-once` jobs are one-off jobs the test puts in the job store itself.
 */
import { defaultDeps } from '../../server/src/app/index.js';
import type { Job } from '../../server/src/jobs/job.js';
import { startJobs } from '../../server/src/jobs/index.js';
import { createLogger } from '../../server/src/logger.js';
import { SqliteAgendaBackend } from '../../server/src/store/sqlite/agenda-jobs.js';
import { openSqliteStore } from '../../server/src/store/sqlite/index.js';

const env = (name: string) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is required`);
  return v;
};
const file = env('HALL_FILE');
const workMs = Number(process.env.WORK_MS ?? 0);
const say = (o: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify({ pid: process.pid, t: Date.now(), ...o })}\n`);
const work = () => new Promise((r) => setTimeout(r, workMs));

const store = openSqliteStore({ file, synchronous: 'NORMAL' });
const deps = defaultDeps(store, { log: createLogger('error') });
const jobs: Job[] = process.env.EVERY_MS
  ? [
      {
        name: 'probe-every',
        every: Number(process.env.EVERY_MS),
        async perform() {
          say({ ev: 'start', name: 'probe-every' });
          await work();
          say({ ev: 'done', name: 'probe-every' });
        },
      },
    ]
  : [];
const runner = startJobs(deps, new SqliteAgendaBackend({ file, synchronous: 'NORMAL' }), {
  jobs,
  lockLifetimeMs: Number(env('LOCK_MS')),
  processEveryMs: Number(env('PROCESS_EVERY_MS')),
  drainMs: Number(process.env.DRAIN_MS ?? 5_000),
  log: (msg) => say({ ev: 'error', msg }),
});
runner.agenda.define(
  'probe-once',
  async (job) => {
    say({ ev: 'start', name: 'probe-once', id: String(job.attrs._id), data: job.attrs.data });
    if (process.env.HANG === '1') await new Promise(() => {});
    await work();
    say({ ev: 'done', name: 'probe-once', id: String(job.attrs._id), data: job.attrs.data });
  },
  { concurrency: 4 },
);
await runner.started;
say({ ev: 'ready', holder: runner.holder });
process.on('SIGTERM', () => {
  void runner.stop().then(async () => {
    await store.close();
    say({ ev: 'stopped' });
    process.exit(0);
  });
});
