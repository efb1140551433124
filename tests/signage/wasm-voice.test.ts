import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubVoice, SystemEspeak } from '../../server/src/voice/espeak.js';
import { spokenText } from '../../server/src/voice/spoken.js';
import { WasmEspeak } from '../../server/src/voice/wasm-espeak.js';
import { Api, createHall, setupAdmin } from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';
import { decodeWav, rms } from './wav.js';

/**
 * Mandarin call-outs after `npm install` alone: the WebAssembly build of
 * espeak-ng from npm, tested directly (this machine also has the espeak-ng
 * program, which `auto` would prefer) and through a hub forced to it.
 */

const wasm = new WasmEspeak();
const CALL = '请A023号到3号窗口办理';

function checkSpeech(bytes: Buffer) {
  const wav = decodeWav(bytes);
  expect(wav.channels).toBe(1);
  expect(wav.sampleRate).toBe(22050);
  // 请 A 零 二 三 号，到 三 号窗口办理 at 140 words a minute: a few seconds, not a click, not a minute.
  expect(wav.seconds).toBeGreaterThan(1.5);
  expect(wav.seconds).toBeLessThan(12);
  // Not silence: speech, loud enough to hear over a hall.
  expect(rms(wav.samples)).toBeGreaterThan(500);
  return wav;
}

describe('the espeak-ng WebAssembly build', () => {
  it('is installed with the hub', async () => {
    expect(await wasm.available()).toBe(true);
  });

  it('speaks a call-out as Mandarin: tones on every syllable, not English letters', async () => {
    const phonemes = await wasm.phonemes(spokenText(CALL), 'cmn-latn-pinyin');
    // Mandarin tone contours (55, 35, 214, 51, 21) on 请 零 二 三 号 到 三 号 窗 口 办 理.
    expect(phonemes.match(/(55|35|214|51|21)/g)?.length ?? 0).toBeGreaterThanOrEqual(10);
    expect(phonemes).toContain("tS;h'i21N"); // 请 qing3
    // Pinyin with tone numbers is Mandarin in this voice too.
    expect(await wasm.phonemes('qing3 ling2 er4 san1 hao4', 'cmn-latn-pinyin')).toMatch(/l'i35N.*s'a55n/);
  });

  it('writes a valid WAV of plausible length with non-silent samples', async () => {
    checkSpeech(await wasm.wav(spokenText(CALL), 'cmn-latn-pinyin', 140));
  });

  it("changes the audio when the hall's sentence changes", async () => {
    const a = checkSpeech(await wasm.wav(spokenText(CALL), 'cmn-latn-pinyin', 140));
    const other = spokenText(CALL, {
      template: '请{number}号到{window}号窗口，谢谢',
      numberReading: 'number',
    });
    expect(other).toBe('请 A 二十三 号到 三 号窗口，谢谢');
    const b = checkSpeech(await wasm.wav(other, 'cmn-latn-pinyin', 140));
    expect(Buffer.from(b.samples.buffer).equals(Buffer.from(a.samples.buffer))).toBe(false);
  });
});

describe('choosing the engine', () => {
  it('falls back to the WebAssembly build when the espeak-ng program is missing (a fresh install)', async () => {
    const voice = new HubVoice('auto', { system: new SystemEspeak('/nonexistent/espeak-ng'), wasm });
    expect((await voice.engine())?.name).toBe('wasm');
    checkSpeech(await voice.wav(CALL));
  });

  it('has no voice when told so, or when the engine it is told to use is missing', async () => {
    expect(await new HubVoice('off').isAvailable()).toBe(false);
    const missing = new HubVoice('system', { system: new SystemEspeak('/nonexistent/espeak-ng'), wasm });
    expect(await missing.isAvailable()).toBe(false);
  });
});

describe('GET /api/v1/voice on a hub with the WebAssembly voice', () => {
  let t: TestHub;
  let admin: Api;
  beforeAll(async () => {
    t = await startTestHub({ options: { voice: new HubVoice('wasm') } });
    admin = await setupAdmin(t);
  });
  afterAll(() => t.close());

  it("answers WAV audio, read in the hall's own sentence when the board names its hall", async () => {
    const hall = await createHall(admin);
    const url = `${t.url}/api/v1/voice?text=${encodeURIComponent(CALL)}&hall=${hall.id}`;
    const first = await fetch(url);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toContain('audio/wav');
    const before = checkSpeech(Buffer.from(await first.arrayBuffer()));

    const saved = await admin.patch(`/api/v1/halls/${hall.id}/signage`, {
      voice: { template: '请{number}号到{window}号窗口', numberReading: 'number' },
    });
    expect(saved.status).toBe(200);
    const after = checkSpeech(Buffer.from(await (await fetch(url)).arrayBuffer()));
    expect(after.seconds).not.toBeCloseTo(before.seconds, 2);

    const board = await new Api(t.url).get<{ voice: { hubAudio: boolean; template: string } }>(
      `/api/v1/halls/${hall.id}/signage/board`,
    );
    expect(board.body.voice).toMatchObject({ hubAudio: true, template: '请{number}号到{window}号窗口' });
  });

  it('refuses a sentence without the ticket number, or with an unknown placeholder', async () => {
    const hall = await createHall(admin);
    for (const template of ['请到窗口办理', '请{number}号到{counter}号窗口', '{number}{number}']) {
      const reply = await admin.patch(`/api/v1/halls/${hall.id}/signage`, { voice: { template } });
      expect(reply.status, template).toBe(400);
    }
  });
});
