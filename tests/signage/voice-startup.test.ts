import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHubProcess, type HubProcess } from '../helpers/hub-process.js';

/**
 * The real hub says at start how it voices call-outs, and warns when boards
 * without a browser voice can only chime (VOICE_ENGINE).
 */

let hub: HubProcess | null = null;
let dir = '';

afterEach(async () => {
  hub?.child.kill('SIGTERM');
  await hub?.exited;
  hub = null;
  await rm(dir, { recursive: true, force: true });
});

/** Resolves when the hub has printed a line matching `pattern`, from its own output stream. */
function lineMatching(h: HubProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const line = h
        .output()
        .split('\n')
        .find((l) => pattern.test(l));
      if (line === undefined) return false;
      resolve(line);
      return true;
    };
    if (check()) return;
    h.child.stdout?.on('data', () => void check());
    h.child.stderr?.on('data', () => void check());
    void h.exited.then(() => check() || reject(new Error(`hub ended without ${pattern}:\n${h.output()}`)));
  });
}

async function start(engine: string): Promise<HubProcess> {
  dir = await mkdtemp(path.join(tmpdir(), 'voice-start-'));
  hub = await startHubProcess({
    DATA_DIR: dir,
    DEMO: 'false',
    VIRTUAL_PRINTER_PORT: 'off',
    VOICE_ENGINE: engine,
  });
  return hub;
}

describe('the hub at start', () => {
  it('warns that boards will only chime when it has no voice, and answers 503 for audio', async () => {
    const h = await start('off');
    expect(await lineMatching(h, /WARNING: no call-out voice/)).toContain('only chime');
    const res = await fetch(`${h.url}/api/v1/voice?text=${encodeURIComponent('请A001号到1号窗口办理')}`);
    expect(res.status).toBe(503);
  });

  it('names the WebAssembly build when told to use it', async () => {
    const h = await start('wasm');
    expect(await lineMatching(h, /voice\s+espeak-ng/)).toContain('WebAssembly build');
  });
});
