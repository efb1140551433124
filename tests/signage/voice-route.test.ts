import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubVoice, SystemEspeak, VoiceError } from '../../server/src/voice/espeak.js';
import { WasmEspeak } from '../../server/src/voice/wasm-espeak.js';
import { Api } from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';

/**
 * The hub's fallback audio. espeak-ng is installed by .ci/run; where it is
 * missing, the route must say so (503 not_ready), which is tested with a
 * synthesizer pointed at a program that does not exist.
 */

function hasEspeak(): boolean {
  try {
    execFileSync('espeak-ng', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

let t: TestHub;
let anon: Api;
beforeAll(async () => {
  t = await startTestHub();
  anon = new Api(t.url);
});
afterAll(() => t.close());

const text = (s: string) => `/api/v1/voice?text=${encodeURIComponent(s)}`;

describe('GET /api/v1/voice', () => {
  it('answers a call-out as WAV audio when espeak-ng is installed, else a clear 503', async () => {
    const res = await fetch(t.url + text('重呼，请A023号到3号窗口办理'));
    if (hasEspeak()) {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('audio/wav');
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.subarray(0, 4).toString('latin1')).toBe('RIFF');
      expect(bytes.subarray(8, 12).toString('latin1')).toBe('WAVE');
      expect(bytes.length).toBeGreaterThan(10_000);
    } else {
      expect(res.status).toBe(503);
      expect(((await res.json()) as { code: string }).code).toBe('not_ready');
    }
  });

  it('refuses any text that is not a call-out', async () => {
    for (const bad of [
      '你好',
      '请A023号到3号窗口办理; rm -rf /',
      '--help',
      'x'.repeat(100),
      '请A023号到号窗口办理',
    ]) {
      const reply = await anon.get(text(bad));
      expect(reply.status, bad).toBe(400);
      expect(reply.body.code).toBe('validation_failed');
    }
    expect((await anon.get('/api/v1/voice')).status).toBe(400);
  });
});

describe('the hub voice without espeak-ng', () => {
  it('reports itself unavailable and refuses with a flagged error', async () => {
    const voice = new HubVoice('system', {
      system: new SystemEspeak('/nonexistent/espeak-ng'),
      wasm: new WasmEspeak(),
    });
    expect(await voice.isAvailable()).toBe(false);
    const err = await voice.wav('请A001号到1号窗口办理').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VoiceError);
    expect((err as VoiceError).reason).toBe('unavailable');
  });
});
