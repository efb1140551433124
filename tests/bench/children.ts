import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/**
 * The benchmark's child processes (hubs and baseline servers). Every child
 * is tracked and killed when the benchmark ends, however it ends.
 */

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

const live = new Set<ChildProcess>();

export function killChildren(): void {
  for (const child of live) child.kill('SIGKILL');
  live.clear();
}
process.on('exit', killChildren);

export interface NodeChild {
  child: ChildProcess;
  /** The first stdout line that matched `ready`. */
  readyLine: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Runs a TypeScript file with Node and tsx, and resolves once a stdout line
 * matches `ready`; rejects if the child ends or stays silent past `timeoutMs`.
 */
export async function spawnNode(
  script: string,
  env: Record<string, string>,
  ready: RegExp,
  nodeArgs: string[] = [],
  timeoutMs = 30_000,
): Promise<NodeChild> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let out = '';
  child.stderr?.setEncoding('utf8').on('data', (c: string) => (out = (out + c).slice(-8000)));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  void exited.then(() => live.delete(child));
  const readyLine = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${script} not ready after ${timeoutMs} ms:\n${out}`)),
      timeoutMs,
    );
    createInterface({ input: child.stdout! }).on('line', (line) => {
      out = `${out}${line}\n`.slice(-8000);
      if (ready.test(line)) {
        clearTimeout(timer);
        resolve(line);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${script} ended before it was ready:\n${out}`));
    });
  });
  return {
    child,
    readyLine,
    output: () => out,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    },
  };
}
