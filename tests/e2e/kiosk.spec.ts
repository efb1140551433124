/// <reference lib="dom" />
import { test, expect, type Page } from '@playwright/test';
import { startTestHub, type TestHub } from '../helpers/hub.js';
import { seedDemoHall } from '../../server/src/demo/seed.js';
import { createDevice } from '../../server/src/app/index.js';
import { SYSTEM } from '../../server/src/domain/index.js';
import { VirtualPrinter } from '../../ticket-printer/src/virtual-printer/virtual-printer.js';
import { createService } from '../../server/src/app/admin/services.js';
import { clippedText } from './layout-checks.js';
import { screenshot } from './screenshot.js';

/**
 * The kiosk in Debian's Chromium against a real hub whose demo kiosk prints
 * to the virtual printer: tap a matter, get a ticket on screen, and find the
 * same number and Chinese text on the printed ticket. Screenshots of the
 * screens at 1080×1920 and 1920×1080 are saved (see screenshot.ts).
 */

let hub: TestHub;
let printer: VirtualPrinter;
let token: string;

test.beforeAll(async () => {
  printer = new VirtualPrinter({ port: 0 });
  const { port } = await printer.start();
  hub = await startTestHub();
  const demo = await seedDemoHall(hub.deps);
  const kiosk = await createDevice(hub.deps, {
    hallId: demo.hall.id,
    input: { kind: 'kiosk', name: '1号取号机', config: { printer: `tcp://127.0.0.1:${port}` } },
    actor: SYSTEM,
  });
  token = kiosk.token;
  // Matter names as long as real catalogues have them: they wrap to two lines on a card.
  for (const [code, name] of [
    ['BDC101', '不动产登记资料查询及证明出具'],
    ['BDC102', '不动产登记'],
  ] as const)
    await createService(hub.deps, {
      hallId: demo.hall.id,
      input: { code, name, domain: '不动产登记', prefix: 'D', expectedMinutes: 20 },
      actor: SYSTEM,
    });
});
test.afterAll(async () => {
  await hub.close();
  await printer.stop();
});

const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };

async function openKiosk(page: Page): Promise<void> {
  await page.goto(`${hub.url}/kiosk/yinchuan?token=${token}`);
  await expect(page.getByRole('heading', { name: /银川市民大厅/ })).toBeVisible();
  // The token went to localStorage and left the address bar.
  expect(page.url()).not.toContain('token=');
}

async function takeTicket(page: Page, matter: string): Promise<string> {
  await page.getByRole('button', { name: new RegExp(matter) }).click();
  await page.locator('kiosk-priority [data-next]').click();
  await page.locator('kiosk-appointment [data-skip]').click();
  const number = page.locator('kiosk-result [data-number]');
  await expect(number).toHaveText(/^[A-Z]+\d{3}$/);
  return (await number.textContent())!.trim();
}

for (const [orientation, viewport] of [
  ['portrait', PORTRAIT],
  ['landscape', LANDSCAPE],
] as const) {
  test(`tap a matter and the virtual printer prints that number (${orientation})`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await openKiosk(page);
    await page.getByRole('button', { name: /^社保/ }).click();
    await expect(page.getByRole('button', { name: /社会保障卡申领/ })).toBeVisible();
    await screenshot(page, `kiosk-menu-${orientation}`);

    await page.getByRole('button', { name: /社会保障卡申领/ }).click();
    await expect(page.getByRole('heading', { name: '是否需要优先或帮办服务？' })).toBeVisible();
    await screenshot(page, `kiosk-priority-${orientation}`);
    await page.getByRole('button', { name: '不需要，普通取号' }).click();
    await page.getByRole('button', { name: '没有预约，直接取号' }).click();

    const number = (await page.locator('kiosk-result [data-number]').textContent())!.trim();
    expect(number).toMatch(/^A\d{3}$/);
    const job = await printer.waitForJob((j) => j.text.split('\n').includes(number));
    expect(job.text).toContain('社会保障卡申领');
    expect(job.text).toContain('银川市民大厅');
    expect(job.qr[0]).toMatch(/\/t\/[A-Za-z0-9_-]+$/);

    await expect(page.getByRole('status')).toHaveText('号票已打印，请取走号票');
    await expect(page.locator('kiosk-result [data-ticket-image]')).toBeVisible();
    await screenshot(page, `kiosk-result-${orientation}`);
  });
}

test('search by pinyin initials with the letter pad', async ({ page }) => {
  await page.setViewportSize(PORTRAIT);
  await openKiosk(page);
  await page.locator('kiosk-menu [data-pad-toggle]').click();
  await page.locator('kiosk-menu [data-letter="S"]').click();
  await page.locator('kiosk-menu [data-letter="B"]').click();
  await expect(page.getByRole('textbox', { name: '搜索事项' })).toHaveValue('sb');
  await expect(page.locator('kiosk-menu .service').first()).toContainText('社会保障卡申领');
  await expect(page.getByRole('button', { name: /户口迁移/ })).toHaveCount(0);
});

test('priority and an appointment code still give a ticket, and a failed print offers a reprint of the same number', async ({
  page,
}) => {
  await page.setViewportSize(LANDSCAPE);
  await openKiosk(page);
  printer.setState({ paperOut: true });
  await page.getByRole('button', { name: /户口迁移/ }).click();
  await page.getByRole('button', { name: '老年人' }).click();
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByRole('button', { name: '我知道了，继续取号' }).click();
  for (const d of ['2', '3', '4'])
    await page.locator('kiosk-appointment').getByRole('button', { name: d, exact: true }).click();
  await page.getByRole('button', { name: '预约签到' }).click();
  // An unknown code is refused on the step, and the big button still gives an ordinary ticket.
  await expect(page.locator('kiosk-appointment [data-refusal]')).toHaveText('找不到相关记录，请刷新后重试');
  await page.getByRole('button', { name: '没有预约，直接取号' }).click();
  const number = (await page.locator('kiosk-result [data-number]').textContent())!.trim();
  await expect(page.getByRole('status')).toContainText(`号票打印失败，您的号码已保留：${number}`);
  await screenshot(page, 'kiosk-print-failed-landscape');

  printer.setState({ paperOut: false });
  await page.getByRole('button', { name: '重新打印' }).click();
  const job = await printer.waitForJob((j) => j.text.split('\n').includes(number));
  // Nothing came out the first time: this is the only paper, not a 补打 第2联.
  expect(job.text).not.toContain('补打');
  expect(job.text).toContain('优先 · 老年人');
  await expect(page.getByRole('status')).toHaveText('号票已打印，请取走号票');
});

test('elder mode and English', async ({ page }) => {
  await page.setViewportSize(PORTRAIT);
  await openKiosk(page);
  await page.getByRole('button', { name: '长者模式' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'elder');
  await screenshot(page, 'kiosk-elder-portrait');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByText('Choose the matter you came for')).toBeVisible();
  const number = await takeTicket(page, '居住证办理');
  expect(number).toMatch(/^C\d{3}$/);
  await expect(page.getByText('Your number')).toBeVisible();
});

test('returns to the start after the idle time', async ({ page }) => {
  await page.setViewportSize(PORTRAIT);
  await page.goto(`${hub.url}/kiosk/yinchuan?token=${token}&idle=5`);
  await page.getByRole('button', { name: /社会保障卡申领/ }).click();
  await expect(page.getByRole('heading', { name: '是否需要优先或帮办服务？' })).toBeVisible();
  // No sleep: the kiosk's own idle timer brings the menu back.
  await expect(page.locator('kiosk-menu')).toBeVisible({ timeout: 15_000 });
});

test('a keyboard reaches the first matter in a few Tabs, and each step takes the focus to its heading', async ({
  page,
}) => {
  await page.setViewportSize(LANDSCAPE);
  await openKiosk(page);
  const focused = () =>
    page.evaluate(() => {
      let a = document.activeElement;
      while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
      return a
        ? `${a.tagName} ${a.getAttribute('data-service') ?? ''} ${a.textContent?.trim().slice(0, 12)}`
        : '';
    });
  let tabs = 0;
  const seen: string[] = [];
  while (!/^BUTTON [A-Z]+\d+ /.test(await focused()) && tabs < 50) {
    await page.keyboard.press('Tab');
    tabs += 1;
    seen.push(await focused());
  }
  expect(tabs, seen.join(' | ')).toBeLessThanOrEqual(8);

  await page.keyboard.press('Enter');
  // The priority step names the matter chosen, and has the focus on its heading.
  await expect(page.locator('kiosk-priority [data-matter]')).toHaveText(/^办理事项：\S+/);
  expect(await focused()).toMatch(/^H2 /);
  await page.locator('kiosk-priority [data-next]').click();
  await expect(page.locator('kiosk-appointment')).toBeVisible();
  expect(await focused()).toMatch(/^H2 /);
  await page.locator('kiosk-appointment [data-skip]').click();
  await expect(page.locator('kiosk-result [data-number]')).toHaveText(/^[A-Z]+\d{3}$/);
  expect(await focused()).not.toBe('BODY  ');
  expect(await focused()).not.toBe('');
});

for (const [orientation, viewport] of [
  ['portrait', PORTRAIT],
  ['landscape', LANDSCAPE],
] as const) {
  for (const elder of [false, true]) {
    test(`matter cards are whole: ${elder ? 'elder' : 'normal'} mode, ${orientation}`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await openKiosk(page);
      if (elder) await page.getByRole('button', { name: '长者模式' }).click();
      await page.locator('kiosk-menu [data-domain="不动产登记"]').click();
      await expect(page.locator('kiosk-menu [data-service="BDC101"]')).toBeVisible();
      const clipped = [
        ...(await clippedText(page, 'kiosk-menu', '.service .name')),
        ...(await clippedText(page, 'kiosk-menu', '.service .meta span')),
      ];
      expect(clipped).toEqual([]);
      // A five-character name is not broken with one character left alone (不动产登/记).
      const lines = await page.locator('kiosk-menu [data-service="BDC102"] .name').evaluate((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        return new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top))).size;
      });
      expect(lines).toBe(1);
      // The matters stay in view: in every mode at least two rows of cards are above the fold.
      await page.locator('kiosk-menu').getByRole('button', { name: '全部', exact: false }).first().click();
      const cards = await page
        .locator('kiosk-menu .service')
        .evaluateAll((els) =>
          els
            .filter((e) => e.getBoundingClientRect().bottom <= innerHeight)
            .map((e) => e.getBoundingClientRect().top),
        );
      expect(new Set(cards).size).toBeGreaterThanOrEqual(2);
    });
  }
}
