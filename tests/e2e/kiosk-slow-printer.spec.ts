import { test, expect } from '@playwright/test';
import { startTestHub, type TestHub } from '../helpers/hub.js';
import { seedDemoHall } from '../../server/src/demo/seed.js';
import { createDevice } from '../../server/src/app/index.js';
import { SYSTEM } from '../../server/src/domain/index.js';
import { READY, statusReply } from '../../ticket-printer/src/index.js';
import { FakePrinter, gate } from '../printer/fake-printers.js';

/**
 * A slow printer at the kiosk: the hub is still printing long after half a
 * minute. The kiosk must keep showing 正在打印 (no 重新打印 button, which
 * would put a second copy in the tray) until the job really ends, then say
 * the ticket is printed. The page clock is moved on instead of waiting.
 */

let hub: TestHub;
let printer: FakePrinter;
let token: string;
const release = gate();

test.beforeAll(async () => {
  printer = new FakePrinter();
  // Ready before the job; the answer after the job comes only when the test says so.
  printer.answer = async (q) => {
    if (q.afterJob) await release.wait;
    return statusReply(q.n, READY);
  };
  const port = await printer.start();
  // The hub waits a minute for the slow printer's answer after the job.
  hub = await startTestHub({ options: { printerStatusWaitMs: 60_000 } });
  const demo = await seedDemoHall(hub.deps);
  const kiosk = await createDevice(hub.deps, {
    hallId: demo.hall.id,
    input: { kind: 'kiosk', name: '慢打印机取号机', config: { printer: `tcp://127.0.0.1:${port}` } },
    actor: SYSTEM,
  });
  token = kiosk.token;
});
test.afterAll(async () => {
  release.open();
  await hub.close();
  await printer.stop();
});

test('the kiosk follows a slow print to its end and offers no second copy meanwhile', async ({ page }) => {
  await page.clock.install();
  await page.goto(`${hub.url}/kiosk/yinchuan?token=${token}`);
  await page.getByRole('button', { name: /^社保/ }).click();
  await page.getByRole('button', { name: /社会保障卡申领/ }).click();
  await page.getByRole('button', { name: '不需要，普通取号' }).click();
  await page.getByRole('button', { name: '没有预约，直接取号' }).click();
  const number = (await page.locator('kiosk-result [data-number]').textContent())!.trim();
  expect(number).toMatch(/^A\d{3}$/);

  // The bytes are at the printer; it has not answered yet.
  await printer.waitForJob((j) => j.text.split('\n').includes(number));
  const status = page.locator('kiosk-result [data-print]');
  await expect(status).toHaveText('正在打印号票…');

  // Half a minute and more goes by on the kiosk while the printer works.
  await page.clock.fastForward('00:45');
  // Two more answers from the hub (the first was read and acted on before the second was
  // asked), or the reprint button showing up, whichever comes first.
  const twoPolls = (async () => {
    for (let i = 0; i < 2; i++) await page.waitForResponse((r) => r.url().includes('/print-jobs'));
  })();
  await Promise.race([twoPolls, page.locator('kiosk-result [data-reprint]').waitFor()]);
  await expect(status).toHaveText('正在打印号票…');
  await expect(page.locator('kiosk-result [data-reprint]')).toHaveCount(0);

  release.open();
  await expect(status).toHaveText('号票已打印，请取走号票');
  await expect(page.locator('kiosk-result [data-reprint]')).toHaveCount(0);
  expect(printer.jobs.filter((j) => j.text.split('\n').includes(number))).toHaveLength(1);
});
