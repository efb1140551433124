import { readFileSync } from 'node:fs';
import os from 'node:os';

/** The machine the figures were measured on, printed above them. */
export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  os: string;
  disk: string;
}

function osName(): string {
  try {
    const text = readFileSync('/etc/os-release', 'utf8');
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(text)?.[1];
    if (pretty) return `${pretty}, kernel ${os.release()}`;
  } catch {
    // Not Linux, or no os-release: fall back to the kernel name.
  }
  return `${os.type()} ${os.release()}`;
}

/** The file system of the temporary folder, where the SQLite files live: fsync cost depends on it. */
function diskOf(dir: string): string {
  try {
    const mounts = readFileSync('/proc/mounts', 'utf8')
      .split('\n')
      .map((line) => line.split(' '))
      .filter((f) => f.length >= 3 && dir.startsWith(f[1] as string))
      .sort((a, b) => (b[1] as string).length - (a[1] as string).length);
    const m = mounts[0];
    if (m) return `${m[2]} on ${m[0]} (${dir})`;
  } catch {
    // No /proc: leave it unknown.
  }
  return `unknown (${dir})`;
}

export function describeMachine(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: osName(),
    disk: diskOf(os.tmpdir()),
  };
}

export function machineLines(m: MachineInfo): string[] {
  return [
    `CPU: ${m.cpu}, ${m.cores} cores`,
    `Memory: ${m.memoryGiB} GiB`,
    `OS: ${m.os}`,
    `Node: ${m.node}`,
    `Data files: ${m.disk}`,
  ];
}
