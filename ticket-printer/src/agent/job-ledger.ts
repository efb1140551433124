import { readFileSync, renameSync, writeFileSync } from 'node:fs';

/**
 * What the agent has done with each job, so a job is printed at most once:
 * the hub sends a job again until it hears the result (after a reconnect, a
 * hub restart), and the agent answers a repeat from this ledger instead of
 * printing again. A job is marked `started` before its first byte goes to the
 * printer; one found started but not finished after an agent crash is
 * reported failed (it may or may not have printed: a person decides on a
 * reprint), never printed again.
 *
 * With a file path the ledger survives agent restarts (written atomically);
 * without one it lives in memory.
 */

export interface JobResult {
  ok: boolean;
  error?: string;
}

interface LedgerFile {
  started: string[];
  done: Record<string, JobResult>;
}

const KEEP = 1000;

export class JobLedger {
  private started = new Set<string>();
  private done = new Map<string, JobResult>();

  constructor(private readonly file: string | null = null) {
    if (!file) return;
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as LedgerFile;
      this.started = new Set(data.started);
      this.done = new Map(Object.entries(data.done));
    } catch {
      // No ledger yet (first start): nothing has been printed.
    }
  }

  resultOf(jobId: string): JobResult | null {
    if (this.done.has(jobId)) return this.done.get(jobId)!;
    if (this.started.has(jobId))
      return {
        ok: false,
        error: 'interrupted while printing (agent restarted); check the paper and reprint if needed',
      };
    return null;
  }

  markStarted(jobId: string): void {
    this.started.add(jobId);
    this.save();
  }

  markDone(jobId: string, result: JobResult): void {
    this.started.delete(jobId);
    this.done.set(jobId, result);
    // Old jobs were answered long ago; the hub never re-sends them.
    while (this.done.size > KEEP) this.done.delete(this.done.keys().next().value!);
    this.save();
  }

  private save(): void {
    if (!this.file) return;
    const data: LedgerFile = { started: [...this.started], done: Object.fromEntries(this.done) };
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(data));
    renameSync(tmp, this.file);
  }
}
