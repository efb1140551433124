import { expect, test } from '@playwright/test';
import { seedDemoHall, type DemoHall } from '../../server/src/demo/seed.js';
import { type Api, expectStatus, setupAdmin } from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';
import { installFakeSpeech, speechRecord, spokenTexts, waitForSpoken } from '../signage/board-fixtures.js';

/**
 * A lobby board whose link to the hub was cut while the hall kept calling
 * (25 call-outs in two minutes): back again, it lists every call it missed,
 * in order, and speaks only those younger than the hall's
 * `voice.missedCallSeconds`. The hub's clock is the test's, so "two minutes"
 * takes no time.
 */

/** The board's link to the hub, reached from the page to pull the cable and plug it back in. */
interface BoardInternals {
  hub: { socket: { connect(): void; disconnect(): void } };
}

let hub: TestHub;
let admin: Api;
let demo: DemoHall;
const clock = { now: Date.now() };

test.beforeAll(async () => {
  hub = await startTestHub({ deps: { now: () => clock.now } });
  demo = await seedDemoHall(hub.deps);
  admin = await setupAdmin(hub);
  expectStatus(
    await admin.patch(`/api/v1/halls/${demo.hall.id}`, { rules: { idempotencyMs: 0 } }),
    200,
    'rules',
  );
  expectStatus(
    await admin.patch(`/api/v1/halls/${demo.hall.id}/signage`, { voice: { missedCallSeconds: 20 } }),
    200,
    'signage',
  );
  const sbk = demo.services.find((s) => s.code === 'SB001')!;
  for (let i = 0; i < 25; i++)
    expectStatus(
      await admin.post(`/api/v1/halls/${demo.hall.id}/tickets`, { serviceId: sbk.id }),
      201,
      'issue',
    );
});
test.afterAll(() => hub.close());

async function callNext(windowNumber: number): Promise<string> {
  const w = demo.windows.find((x) => x.number === windowNumber)!;
  const reply = await admin.post<{ ticket: { number: string } | null }>(`/api/v1/windows/${w.id}/call-next`);
  const body = expectStatus(reply, 200, 'call-next');
  if (!body.ticket) throw new Error('nothing to call');
  return body.ticket.number;
}

test('a board back after missing 25 calls shows all of them in order and speaks only the recent ones', async ({
  page,
}) => {
  await installFakeSpeech(page, 40);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`${hub.url}/signage/${demo.hall.id}`);
  await expect(page.locator('hall-board[status="live"]')).toHaveCount(1);

  // The board's link goes (a cable pulled); the hall goes on calling, one call every 5 s.
  await page
    .locator('hall-board')
    .evaluate((board: unknown) => (board as BoardInternals).hub.socket.disconnect());
  await expect(page.locator('hall-board[status="live"]')).toHaveCount(0);
  const called: { number: string; window: number }[] = [];
  for (let i = 0; i < 25; i++) {
    clock.now += 5_000;
    const window = (i % 3) + 1;
    called.push({ number: await callNext(window), window });
  }

  await page
    .locator('hall-board')
    .evaluate((board: unknown) => (board as BoardInternals).hub.socket.connect());
  await expect(page.locator('hall-board[status="live"]')).toHaveCount(1);

  // Every missed call, oldest first: not just the ten a snapshot carries.
  const missed = page.locator('board-recent [data-missed] li');
  await expect(missed).toHaveCount(25);
  await expect(page.locator('board-recent [data-missed] h2')).toHaveText('刚才叫过的号（共25个）');
  expect((await missed.locator('.n').allTextContents()).map((t) => t.trim())).toEqual(
    called.map((c) => c.number),
  );
  await expect(page.locator('board-recent .latest .number')).toHaveText(called[24]!.number);

  // Only calls at most 20 s old when the board came back are spoken (0, 5, 10, 15, 20 s: the last five), each twice.
  const recent = called.slice(-5).map((c) => `请${c.number}号到${c.window}号窗口办理`);
  await waitForSpoken(page, 10);
  expect(spokenTexts(await speechRecord(page)).slice(0, 10)).toEqual(recent.flatMap((t) => [t, t]));

  // The next live call ends the catch-up list and is spoken once more than the rest, not again for old ones.
  clock.now += 5_000;
  await expectStatus(
    await admin.post(`/api/v1/halls/${demo.hall.id}/tickets`, {
      serviceId: demo.services.find((s) => s.code === 'SB001')!.id,
    }),
    201,
    'issue',
  );
  const next = await callNext(1);
  await expect(page.locator('board-recent .latest .number')).toHaveText(next);
  await expect(page.locator('board-recent [data-missed]')).toHaveCount(0);
  await waitForSpoken(page, 12);
  expect(spokenTexts(await speechRecord(page))).toEqual([
    ...recent.flatMap((t) => [t, t]),
    `请${next}号到1号窗口办理`,
    `请${next}号到1号窗口办理`,
  ]);
});
