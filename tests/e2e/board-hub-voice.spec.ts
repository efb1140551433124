import { expect, test } from '@playwright/test';
import { seedDemoHall, type DemoHall } from '../../server/src/demo/seed.js';
import { type Api, expectStatus, setupAdmin } from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';
import { HubVoice } from '../../server/src/voice/espeak.js';

/**
 * A board in headless Chromium, which has no speech voice at all (like many
 * kiosk PCs), against a hub that voices with the espeak-ng WebAssembly build
 * (a fresh install): the board asks the hub for each call-out's audio, in the
 * hall's sentence, and plays it to the end.
 */

let hub: TestHub;
let admin: Api;
let demo: DemoHall;

test.beforeAll(async () => {
  hub = await startTestHub({ options: { voice: new HubVoice('wasm') } });
  demo = await seedDemoHall(hub.deps);
  admin = await setupAdmin(hub);
});
test.afterAll(() => hub.close());

interface Play {
  src: string;
  events: string[];
}

/**
 * Records what the page plays and how each play ends, without changing how it
 * plays. Page script text, since this file is type-checked without the DOM.
 */
const RECORD_PLAYS = `
(() => {
  globalThis.hallPlays = [];
  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function () {
    const entry = { src: this.src, events: [] };
    globalThis.hallPlays.push(entry);
    for (const type of ['playing', 'ended', 'error']) this.addEventListener(type, () => entry.events.push(type));
    return play.call(this);
  };
})();
`;

test('with no browser voice the board plays the hub’s audio for a call-out', async ({ page }) => {
  await page.addInitScript({ content: RECORD_PLAYS });
  const plays = () => page.evaluate('globalThis.hallPlays ?? []') as Promise<Play[]>;
  expectStatus(
    await admin.patch(`/api/v1/halls/${demo.hall.id}/signage`, {
      voice: { repeat: 1, chime: false, template: '请{number}号到{window}号窗口', numberReading: 'number' },
    }),
    200,
    'voice settings',
  );
  await page.goto(`${hub.url}/signage/${demo.hall.id}`);
  await expect(page.locator('hall-board[status="live"]')).toHaveCount(1);
  // Headless Chromium has no speech voice: the board falls back to the hub's audio.
  expect(await page.evaluate('speechSynthesis.getVoices().length')).toBe(0);
  await expect(page.locator('board-header [data-voice]')).toHaveText('语音播报（服务器合成）');

  const sbk = demo.services.find((s) => s.code === 'SB001')!;
  const issued = expectStatus(
    await admin.post<{ number: string }>(`/api/v1/halls/${demo.hall.id}/tickets`, { serviceId: sbk.id }),
    201,
    'issue',
  );
  const w1 = demo.windows.find((w) => w.number === 1)!;
  const audio = page.waitForResponse((r) => r.url().includes('/api/v1/voice?'));
  expectStatus(
    await admin.post(`/api/v1/windows/${w1.id}/call-number`, { number: issued.number }),
    200,
    'call',
  );
  const response = await audio;
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('audio/wav');
  const url = new URL(response.url());
  expect(url.searchParams.get('text')).toBe(`请${issued.number}号到1号窗口办理`);
  expect(url.searchParams.get('hall')).toBe(demo.hall.id);
  expect((await response.body()).subarray(0, 4).toString('latin1')).toBe('RIFF');

  // The audio element decoded it and played it to the end.
  await expect.poll(async () => (await plays())[0]?.events ?? [], { timeout: 20_000 }).toContain('ended');
  const played = await plays();
  expect(played).toHaveLength(1);
  expect(played[0]?.events).not.toContain('error');
  expect(played[0]?.src).toContain('/api/v1/voice?text=');
});
