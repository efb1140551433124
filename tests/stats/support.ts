import { newEvent } from '../../server/src/domain/index.js';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApplication } from '../../server/src/create-app.js';
import { openSqliteStore } from '../../server/src/store/sqlite/index.js';
import type { AppDeps } from '../../server/src/app/index.js';
import { silentLogger } from '../../server/src/logger.js';
import type { Evaluation, EvaluationLevel } from '../../server/src/store/port.js';
import type { Ticket } from '../../server/src/domain/index.js';
import type { TestHub } from '../helpers/hub.js';

/**
 * A real hub on a real SQLite file like startTestHub, but with
 * `synchronous = NORMAL`: a simulated month is thousands of commits and
 * fsync on each would make the test slow without testing anything more.
 */
export async function startSimHub(deps: Partial<AppDeps>): Promise<TestHub> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'hall-stats-'));
  const store = openSqliteStore({ file: path.join(dataDir, 'hall.db'), synchronous: 'NORMAL' });
  const server = createServer();
  const hub = createApplication(server, {
    store,
    log: silentLogger(),
    options: { rateLimitPerMinute: 100_000, trustProxy: false, jobs: false },
    deps,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    hub,
    store,
    deps: hub.deps,
    server,
    dataDir,
    async close() {
      await hub.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A controllable clock for `deps.now`. */
export class Clock {
  constructor(public at: number) {}
  readonly now = () => this.at;
  advance(ms: number) {
    this.at += ms;
  }
}

/** Deterministic random numbers, so a failing run can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Rates a served ticket the way the evaluator's use case does: the rating
 * and its `evaluation.submitted` event in one store step, then published.
 * `publish: false` stores the rating without its event, so no watcher of the log ever
 * sees it (as when the hub died between the two in an older version): only the job's
 * catch-up, which reads ratings rather than events, can open its case.
 */
export async function rate(
  deps: AppDeps,
  ticket: Ticket,
  level: EvaluationLevel,
  opts: { publish?: boolean; reasons?: string[]; comment?: string; clerkId?: string | null } = {},
): Promise<Evaluation> {
  const evaluation: Evaluation = {
    id: deps.newId(),
    hallId: ticket.hallId,
    ticketId: ticket.id,
    serviceId: ticket.serviceId,
    windowId: ticket.windowId,
    clerkId: opts.clerkId ?? null,
    level,
    reasons: opts.reasons ?? (level <= 2 ? ['态度不好'] : []),
    comment: opts.comment ?? '',
    channel: 'evaluator',
    deviceId: null,
    at: deps.now(),
  };
  const event = newEvent(
    'evaluation.submitted',
    {
      hallId: ticket.hallId,
      at: evaluation.at,
      actor: { type: 'citizen', id: null },
      ticketId: ticket.id,
      windowId: ticket.windowId,
    },
    { evaluationId: evaluation.id, level, channel: 'evaluator', negative: level <= 2, reasons: [] },
  );
  const { evaluation: saved } = await deps.store.saveEvaluation(
    evaluation,
    opts.publish === false ? [] : [event],
  );
  return saved;
}
