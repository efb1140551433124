import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { Api, PASSWORD, expectStatus } from '../helpers/api-fixtures.js';
import { freePort, startHubProcess, type HubProcess } from '../helpers/hub-process.js';
import {
  installFakeSpeech,
  overlaps,
  speechRecord,
  spokenTexts,
  waitForSpoken,
} from '../signage/board-fixtures.js';

/**
 * The hub is killed and started again (same data folder, same port) while a
 * board runs. Calls made after the restart, some before the board is back,
 * all reach the board; none is lost and none is spoken twice, and the page
 * is never reloaded.
 */

let dataDir: string;
let port: number;
let hub: HubProcess | null = null;
let env: Record<string, string>;

test.beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'hall-signage-'));
  port = await freePort();
  env = { DATA_DIR: dataDir, HUB_ADMIN_PASSWORD: PASSWORD, RATE_LIMIT_PER_MINUTE: '10000', DEMO: 'true' };
  hub = await startHubProcess(env, { port });
});
test.afterAll(async () => {
  if (hub && hub.child.exitCode === null) {
    hub.child.kill('SIGTERM');
    await hub.exited;
  }
  await rm(dataDir, { recursive: true, force: true });
});

// A lobby board is a full-HD screen: there the latest call and the recent ones all fit whole.
test.use({ viewport: { width: 1920, height: 1080 } });

test('the hub restarts mid-run: the board catches up, nothing lost, nothing spoken twice', async ({
  page,
}) => {
  const base = hub!.url;
  const login = await new Api(base).post<{ token: string }>('/api/v1/auth/login', {
    username: 'admin',
    password: PASSWORD,
    token: true,
  });
  const admin = new Api(base, { token: expectStatus(login, 200, 'login').token });
  expectStatus(await admin.patch('/api/v1/halls/yinchuan', { rules: { idempotencyMs: 0 } }), 200, 'rules');
  const menu = expectStatus(
    await admin.get<{ domains: { services: { id: string; code: string }[] }[] }>(
      '/api/v1/halls/yinchuan/kiosk-menu',
    ),
    200,
    'menu',
  );
  const serviceId = menu.domains.flatMap((d) => d.services).find((s) => s.code === 'SB001')!.id;
  const windows = expectStatus(
    await admin.get<{ windows: { id: string; number: number }[] }>('/api/v1/halls/yinchuan/windows'),
    200,
    'windows',
  ).windows;
  for (let i = 0; i < 4; i++) {
    expectStatus(await admin.post('/api/v1/halls/yinchuan/tickets', { serviceId }), 201, 'issue');
  }
  const callNext = async (n: number): Promise<string> => {
    const id = windows.find((w) => w.number === n)!.id;
    const reply = await admin.post<{ ticket: { number: string } }>(`/api/v1/windows/${id}/call-next`);
    return `请${expectStatus(reply, 200, 'call-next').ticket.number}号到${n}号窗口办理`;
  };
  const numberOf = (voiceText: string) => /请([A-Z]\d+)号/.exec(voiceText)![1]!;

  await installFakeSpeech(page);
  await page.goto(`${base}/signage/yinchuan?offline=1`);
  await expect(page.locator('board-header h1')).toHaveText('银川市民大厅');
  await expect(page.locator('hall-board[status="live"]')).toHaveCount(1);
  const before = [await callNext(1), await callNext(2)];
  await expect(page.locator('board-recent .latest .number')).toHaveText(numberOf(before[1]!));
  await waitForSpoken(page, 4);

  hub!.child.kill('SIGKILL');
  await hub!.exited;
  await expect(page.locator('board-header .offline')).toBeVisible();
  // The last state stays on screen while the hub is away.
  await expect(page.locator('board-recent .latest .number')).toHaveText(numberOf(before[1]!));

  hub = await startHubProcess(env, { port });
  const restartedAt = Date.now();
  const after = [await callNext(3), await callNext(1)];
  await expect(page.locator('board-recent .latest .number')).toHaveText(numberOf(after[1]!));
  console.log(`hub restarted → board caught up in ${Date.now() - restartedAt} ms`);
  await expect(page.locator('board-header .offline')).toHaveCount(0);
  for (const text of [...before, ...after]) {
    // A call made while the board was away is also in its catch-up list: the first sighting is enough.
    await expect(
      page.locator('board-recent').getByText(numberOf(text), { exact: true }).first(),
    ).toBeVisible();
  }

  await waitForSpoken(page, 8);
  const record = await speechRecord(page);
  // The record was started by the first page load: still holding the first calls means no reload.
  expect(spokenTexts(record)).toEqual([...before, ...after].flatMap((t) => [t, t]));
  expect(overlaps(record)).toBe(0);
});
