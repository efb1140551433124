import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { startHubProcess, type HubProcess } from '../helpers/hub-process.js';
import { PASSWORD, twoHubChecks } from './two-hub-checks.js';

/**
 * Two hub processes on one DATA_DIR, each on its own port, behave as one hub:
 * what is done through one reaches screens connected to the other, in order,
 * once, because both follow the log in the shared SQLite file.
 */
let dir = '';
let a: HubProcess;
let b: HubProcess;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'two-hubs-'));
  const env = {
    DATA_DIR: dir,
    HUB_ADMIN_PASSWORD: PASSWORD,
    RATE_LIMIT_PER_MINUTE: '100000',
    VIRTUAL_PRINTER_PORT: 'off',
  };
  // The first creates the demo hall; the second finds it.
  a = await startHubProcess(env);
  b = await startHubProcess(env);
}, 60_000);

afterAll(async () => {
  for (const h of [a, b]) if (h && h.child.exitCode === null) h.child.kill('SIGTERM');
  await Promise.all([a?.exited, b?.exited]);
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('two hub processes on one SQLite file', () => twoHubChecks(() => ({ a, b })));
