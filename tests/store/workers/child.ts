import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

export interface Worker {
  child: ChildProcess;
  /** Resolves with the first line (seen so far or to come) that matches; rejects if the process ends first. */
  waitFor(match: (line: string) => boolean): Promise<string>;
  /** Every stdout line so far. */
  lines(): readonly string[];
  send(line: string): void;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Runs a worker script from this folder as its own OS process
 * (`node --import tsx`), with `config` as its JSON argument. Workers talk in
 * stdout lines, so tests wait on what a worker says, never on the clock.
 */
export function startWorker(script: string, config: unknown): Worker {
  const path = fileURLToPath(new URL(script, import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', path, JSON.stringify(config)], {
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const seen: string[] = [];
  let stderr = '';
  let ended = false;
  const waiters = new Set<{
    match: (line: string) => boolean;
    resolve: (l: string) => void;
    reject: (e: Error) => void;
  }>();
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    seen.push(line);
    for (const w of waiters) {
      if (w.match(line)) {
        waiters.delete(w);
        w.resolve(line);
      }
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => {
      ended = true;
      for (const w of waiters) w.reject(new Error(`${script} ended (${code ?? signal}) first.\n${stderr}`));
      waiters.clear();
      resolve({ code, signal });
    });
  });
  return {
    child,
    exited,
    lines: () => seen,
    send: (line) => child.stdin?.write(`${line}\n`),
    waitFor: (match) => {
      const found = seen.find(match);
      if (found !== undefined) return Promise.resolve(found);
      if (ended) return Promise.reject(new Error(`${script} has ended.\n${stderr}`));
      return new Promise((resolve, reject) => waiters.add({ match, resolve, reject }));
    },
  };
}

/** Reads lines from stdin, for a worker waiting on its test. */
export function stdinLines(): AsyncIterableIterator<string> {
  return createInterface({ input: process.stdin })[Symbol.asyncIterator]();
}
