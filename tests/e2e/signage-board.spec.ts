import { expect, test, type Page } from '@playwright/test';
import { seedDemoHall, type DemoHall } from '../../server/src/demo/seed.js';
import { type Api, expectStatus, setupAdmin } from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';
import {
  installFakeSpeech,
  overlaps,
  speechRecord,
  spokenTexts,
  waitForSpoken,
} from '../signage/board-fixtures.js';

/**
 * The lobby board in Debian Chromium against a real hub: calls made over the
 * HTTP API appear and are spoken, in order and one at a time.
 */

let hub: TestHub;
let admin: Api;
let demo: DemoHall;

test.beforeAll(async () => {
  hub = await startTestHub();
  demo = await seedDemoHall(hub.deps);
  admin = await setupAdmin(hub);
  // Call-next on the same window again at once must call the next citizen, not repeat the last press.
  expectStatus(
    await admin.patch(`/api/v1/halls/${demo.hall.id}`, { rules: { idempotencyMs: 0 } }),
    200,
    'rules',
  );
});
test.afterAll(() => hub.close());

const sbk = () => demo.services.find((s) => s.code === 'SB001')!;
const windowNo = (n: number) => demo.windows.find((w) => w.number === n)!;

async function issue(count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    expectStatus(
      await admin.post(`/api/v1/halls/${demo.hall.id}/tickets`, { serviceId: sbk().id }),
      201,
      'issue',
    );
  }
}

async function callNext(windowNumber: number): Promise<string> {
  const reply = await admin.post<{ ticket: { number: string } | null }>(
    `/api/v1/windows/${windowNo(windowNumber).id}/call-next`,
  );
  const body = expectStatus(reply, 200, 'call-next');
  if (!body.ticket) throw new Error('nothing to call');
  return body.ticket.number;
}

async function openBoard(page: Page): Promise<void> {
  await installFakeSpeech(page);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`${hub.url}/signage/${demo.hall.id}`);
  await expect(page.locator('board-header h1')).toHaveText('银川市民大厅');
  await expect(page.locator('hall-board[status="live"]')).toHaveCount(1);
  await expect(page.locator('board-header [data-voice]')).toHaveText('语音播报');
}

test('a call made over the HTTP API appears on the board and is spoken digit by digit', async ({ page }) => {
  await issue(1);
  await openBoard(page);
  const t0 = Date.now();
  const number = await callNext(1);
  await expect(page.locator('board-recent .latest .number')).toHaveText(number);
  console.log(`call-next → on the board: ${Date.now() - t0} ms (HTTP call to the text on screen, one board)`);
  await expect(page.locator('board-calls .card.latest .number')).toHaveText(number);
  await waitForSpoken(page, 2);
  const record = await speechRecord(page);
  const voiceText = `请${number}号到1号窗口办理`;
  expect(spokenTexts(record)).toEqual([voiceText, voiceText]);
  const digits = number
    .slice(1)
    .split('')
    .map((d) => '零一二三四五六七八九'[Number(d)])
    .join(' ');
  expect(record.entries.find((e) => e.what === 'speech')?.text).toBe(
    `请 ${number[0]} ${digits} 号，到 一 号窗口办理`,
  );
  expect(record.entries[0]?.what).toBe('chime');
});

test('ten calls in one second are announced in order, each twice, never overlapping', async ({ page }) => {
  await issue(10);
  await openBoard(page);
  const before = (await speechRecord(page)).entries.length;
  const called: string[] = [];
  for (let i = 0; i < 10; i++) called.push(`请${await callNext((i % 3) + 1)}号到${(i % 3) + 1}号窗口办理`);
  await waitForSpoken(page, 20);
  const record = await speechRecord(page);
  expect(before).toBe(0);
  expect(spokenTexts(record)).toEqual(called.flatMap((t) => [t, t]));
  expect(record.entries.filter((e) => e.what === 'chime')).toHaveLength(10);
  expect(record.maxActive).toBe(1);
  expect(overlaps(record)).toBe(0);
  await expect(page.locator('board-recent .latest .number')).toHaveText(called[9]!.slice(1, 5));
});

test('without a Mandarin voice in the browser the board plays the hub’s audio, and says so', async ({
  page,
}) => {
  // As on a PC without Chinese speech voices: the browser reports none.
  await page.addInitScript({ content: 'speechSynthesis.getVoices = () => [];' });
  const board = expectStatus(
    await admin.get<{ voice: { hubAudio: boolean } }>(`/api/v1/halls/${demo.hall.id}/signage/board`),
    200,
    'board config',
  );
  await page.goto(`${hub.url}/signage/${demo.hall.id}`);
  await expect(page.locator('hall-board[status="live"]')).toHaveCount(1);
  await issue(1);
  if (!board.voice.hubAudio) {
    // espeak-ng is not installed on this hub (.ci/run installs it): the chime alone, and the board says so.
    await expect(page.locator('board-header [data-voice="chime"]')).toHaveText('仅提示音');
    return;
  }
  await expect(page.locator('board-header [data-voice="hub-audio"]')).toHaveText('语音播报（服务器合成）');
  const audio = page.waitForResponse((r) => r.url().includes('/api/v1/voice?text='));
  const number = await callNext(2);
  const response = await audio;
  const asked = new URL(response.url()).searchParams;
  expect(asked.get('text')).toBe(`请${number}号到2号窗口办理`);
  // In this hall's sentence and number reading.
  expect(asked.get('hall')).toBe(demo.hall.id);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('audio/wav');
});
