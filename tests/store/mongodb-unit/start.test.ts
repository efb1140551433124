import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

function runHub(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: repoRoot,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DEMO: 'false', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('starting the hub with STORE=mongodb', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('refuses without MONGODB_URI', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hub-mongo-'));
    dirs.push(dir);
    const { code, stderr } = await runHub({ STORE: 'mongodb', MONGODB_URI: '', DATA_DIR: dir });
    expect(code).toBe(2);
    expect(stderr).toContain('MONGODB_URI: required when STORE=mongodb');
  }, 60_000);

  it('stops with a clear message when no MongoDB answers, the password left out', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hub-mongo-'));
    dirs.push(dir);
    const { code, stderr } = await runHub({
      STORE: 'mongodb',
      // Port 1 on loopback: nothing listens there.
      MONGODB_URI: 'mongodb://hub:s3cret@127.0.0.1:1/hall?serverSelectionTimeoutMS=300',
      DATA_DIR: dir,
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/Cannot reach MongoDB at mongodb:\/\/hub:\*\*\*@127\.0\.0\.1:1\/hall/);
    expect(stderr).not.toContain('s3cret');
  }, 60_000);
});
