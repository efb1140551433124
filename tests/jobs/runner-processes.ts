import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface RunnerEvent {
  ev: 'ready' | 'start' | 'done' | 'error' | 'stopped';
  pid: number;
  t: number;
  name?: string;
  id?: string;
  data?: unknown;
  msg?: string;
}

/** Every line the job-runner processes of one test reported, and waits on them. */
export class RunnerLog {
  readonly events: RunnerEvent[] = [];
  private waiters: { test: () => boolean; resolve: () => void }[] = [];

  add(e: RunnerEvent): void {
    this.events.push(e);
    this.waiters = this.waiters.filter((w) => {
      if (!w.test()) return true;
      w.resolve();
      return false;
    });
  }

  /** Resolves once `test` holds over the events seen so far. */
  until(test: (events: RunnerEvent[]) => boolean): Promise<void> {
    return new Promise((resolve) => {
      const check = () => test(this.events);
      if (check()) resolve();
      else this.waiters.push({ test: check, resolve });
    });
  }

  of(ev: RunnerEvent['ev'], name?: string): RunnerEvent[] {
    return this.events.filter((e) => e.ev === ev && (name === undefined || e.name === name));
  }
}

export interface RunnerProcess {
  child: ChildProcess;
  pid: number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM (the hub's graceful stop) and wait for the process to end. */
  stop(): Promise<void>;
}

/** Starts `tests/jobs/job-runner-child.ts` as its own OS process; resolves once its jobs are scheduled. */
export async function startRunner(log: RunnerLog, env: Record<string, string>): Promise<RunnerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/jobs/job-runner-child.ts'], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr?.setEncoding('utf8').on('data', (c: string) => (err += c));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  const pid = child.pid!;
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      log.add(JSON.parse(line) as RunnerEvent);
    } catch {
      err += `${line}\n`;
    }
  });
  await Promise.race([
    log.until((es) => es.some((e) => e.ev === 'ready' && e.pid === pid)),
    exited.then(({ code, signal }) => {
      throw new Error(`job runner ended (${code ?? signal}) before it was ready:\n${err}`);
    }),
  ]);
  return {
    child,
    pid,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
