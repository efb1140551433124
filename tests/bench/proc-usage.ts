import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * CPU time and resident memory of another process, read from Linux's /proc
 * (the child's own `process.cpuUsage()` is not reachable from here).
 */

export interface ProcSample {
  /** performance.now()-like wall clock of the reading, ms. */
  at: number;
  /** User + system CPU time since the process started, ms. */
  cpuMs: number;
  /** Resident set size, bytes. */
  rssBytes: number;
  /**
   * Time the main thread was ready to run but waited for a core, ms
   * (/proc/<pid>/schedstat; NaN where the kernel does not keep it): what
   * other work on the machine took from the process.
   */
  runQueueMs: number;
}

let ticksPerSecond: number | null = null;

/** Clock ticks per second of /proc/<pid>/stat's times (`getconf CLK_TCK`, 100 on Linux almost always). */
function clockTicks(): number {
  if (ticksPerSecond === null) {
    try {
      const n = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
      ticksPerSecond = Number.isInteger(n) && n > 0 ? n : 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

export function readProc(pid: number, at: number): ProcSample {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
  const ticks = Number(fields[11]) + Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? Number.NaN);
  let runQueueMs = Number.NaN;
  try {
    runQueueMs = Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e6;
  } catch {
    // A kernel without scheduler statistics: leave it unknown.
  }
  return { at, cpuMs: (ticks * 1000) / clockTicks(), rssBytes: rssKb * 1024, runQueueMs };
}

/** Share of one core used between two readings: 1 = one core fully busy. */
export function coresUsed(from: ProcSample, to: ProcSample): number {
  return (to.cpuMs - from.cpuMs) / (to.at - from.at);
}

/** Share of the time between two readings the process waited for a core (0–1). */
export function runQueueShare(from: ProcSample, to: ProcSample): number {
  return (to.runQueueMs - from.runQueueMs) / (to.at - from.at);
}

/** Whether this machine has /proc to read (Linux). */
export function procReadable(): boolean {
  try {
    readFileSync(`/proc/${process.pid}/stat`, 'utf8');
    return true;
  } catch {
    return false;
  }
}

export interface MachineSample {
  busy: number;
  total: number;
}

/** The whole machine's CPU time from /proc/stat, to tell how much of it other work took. */
export function readMachine(): MachineSample {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal …: idle and iowait are not busy.
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  const total = ticks.slice(0, 8).reduce((s, t) => s + t, 0);
  return { busy: total - idle, total };
}

/** Share of all cores busy between two readings (0–1). */
export function machineBusy(from: MachineSample, to: MachineSample): number {
  return (to.busy - from.busy) / (to.total - from.total);
}
