/// <reference lib="dom" />
import { expect, test, type Page } from '@playwright/test';
import { DEMO_CATALOGUE } from '../../server/src/demo/catalogue.js';
import { seedDemoHall, type DemoHall } from '../../server/src/demo/seed.js';
import {
  type Api,
  PASSWORD,
  createDevice,
  createUser,
  expectStatus,
  issue,
  setupAdmin,
} from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';

/**
 * Every screen in Chinese, walked state by state in Chromium against a real
 * hub: the kiosk from start to ticket, the lobby board, the counter display,
 * the citizen's phone page, the clerk console and every admin page. Each
 * state's visible text (inside shadow roots too) may hold Latin only where a
 * hall writes Latin itself: ticket numbers, matter codes, staff numbers,
 * addresses, units. Anything else is an untranslated sentence or a raw code,
 * and fails the walk with the state and the text.
 */

let hub: TestHub;
let demo: DemoHall;
let admin: Api;
let clerkName = '';
let kioskToken = '';
let counterToken = '';
let statusToken = '';

/** Latin a Chinese hall screen may show: codes, numbers, addresses, a few well-known abbreviations. */
const ALLOWED = [
  /^[A-Z]{1,3}\d+$/, // ticket numbers, matter codes, staff numbers (A001, BDC101, YC0303)
  /^(QR|CSV|JSON|USB|ID|PIN|IP|TLS|URL|WCAG|ESC|POS|DLE|EOT|HID|API)$/,
  /^English$/, // the language switch names the other language in that language
  /^(Asia|Shanghai|Urumqi|Harbin|Chongqing|Kashgar)$/, // IANA time zone names the hall picks
  /^(tcp|usb|http|https|file|dev|localhost)$/, // printer and hub addresses
];

/** The visible text of the page, walked through open shadow roots; scripts and styles left out. */
async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walk = (root: Node) => {
      for (const node of Array.from(root.childNodes)) {
        if (node.nodeType === Node.TEXT_NODE) {
          const parent = node.parentElement;
          if (
            parent &&
            getComputedStyle(parent).visibility !== 'hidden' &&
            parent.getClientRects().length > 0
          )
            out.push(node.textContent ?? '');
          continue;
        }
        if (!(node instanceof Element)) continue;
        if (['SCRIPT', 'STYLE', 'TEMPLATE', 'svg'].includes(node.tagName)) continue;
        if (node.shadowRoot) walk(node.shadowRoot);
        walk(node);
      }
    };
    walk(document.body);
    return out.join(' ');
  });
}

/** The Latin words of 3+ letters no hall would write on a Chinese screen. */
function untranslated(text: string): string[] {
  const words = text.match(/[A-Za-z][A-Za-z0-9_]*[A-Za-z0-9]/g) ?? [];
  return words.filter((w) => /[A-Za-z]{3,}/.test(w) && !ALLOWED.some((re) => re.test(w)));
}

/** Fails (softly, so one walk reports every state) on Latin a hall would not write; `data` is the hall's own Latin (usernames). */
async function expectChinese(page: Page, state: string, data: string[] = []): Promise<void> {
  // Let the page settle (fonts, the hub's first answers) before reading it.
  await page.waitForLoadState('networkidle');
  const words = untranslated(await visibleText(page)).filter((w) => !data.some((d) => d.includes(w)));
  expect.soft(words, `untranslated text in "${state}"`).toEqual([]);
}

test.beforeAll(async () => {
  hub = await startTestHub();
  demo = await seedDemoHall(hub.deps);
  admin = await setupAdmin(hub);
  const w3 = demo.windows.find((w) => w.number === 3)!;
  const clerk = await createUser(hub, admin, {
    hallIds: [demo.hall.id],
    displayName: '李明',
    staffNo: 'YC0303',
  });
  clerkName = clerk.user.username;
  expectStatus(
    await admin.patch(`/api/v1/halls/${demo.hall.id}/windows/${w3.id}`, { clerkIds: [clerk.user.id] }),
    200,
    'assign',
  );
  kioskToken = (await createDevice(admin, demo.hall.id, { kind: 'kiosk', name: '1号取号机' })).token;
  counterToken = (
    await createDevice(admin, demo.hall.id, { kind: 'evaluator', name: '3号评价器', windowId: w3.id })
  ).token;
  statusToken = (await issue(admin, demo.hall.id, demo.services[0]!.id)).statusToken;
});
test.afterAll(() => hub.close());

test('the kiosk, from the first screen to the ticket', async ({ page }) => {
  await page.setViewportSize({ width: 1080, height: 1920 });
  await page.goto(`${hub.url}/kiosk/${demo.hall.id}?token=${kioskToken}`);
  await expect(page.getByRole('heading', { name: /银川市民大厅/ })).toBeVisible();
  await expectChinese(page, 'kiosk: matters');
  await page.getByRole('button', { name: new RegExp(demo.services[0]!.name) }).click();
  await expect(page.locator('kiosk-priority [data-next]')).toBeVisible();
  await expectChinese(page, 'kiosk: priority step');
  await page.locator('kiosk-priority [data-next]').click();
  await expect(page.locator('kiosk-appointment [data-skip]')).toBeVisible();
  await expectChinese(page, 'kiosk: booking code step');
  await page.locator('kiosk-appointment [data-skip]').click();
  await expect(page.locator('kiosk-result [data-number]')).toHaveText(/^[A-Z]+\d{3}$/);
  await expectChinese(page, 'kiosk: ticket');
});

test('the lobby board, the counter display and the phone page', async ({ page }) => {
  await page.goto(`${hub.url}/signage/${demo.hall.id}`);
  await expect(page.getByText(/号窗口/).first()).toBeVisible();
  await expectChinese(page, 'board');
  const w3 = demo.windows.find((w) => w.number === 3)!;
  await page.goto(`${hub.url}/counter/${w3.id}?token=${counterToken}`);
  await expect(page.getByText('3号窗口')).toBeVisible();
  await expectChinese(page, 'counter display');
  await page.setViewportSize({ width: 375, height: 667 });
  await page.goto(`${hub.url}/t/${statusToken}`);
  await expect(page.getByTestId('status')).toBeVisible();
  await expectChinese(page, 'phone page');
  await page.goto(`${hub.url}/t/unknown-token-0000`);
  await expectChinese(page, 'phone page: unknown ticket');
});

test('the clerk console, logged in at a window', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${hub.url}/console/`);
  await expectChinese(page, 'console: login');
  await page.getByLabel('用户名').fill(clerkName);
  await page.getByLabel('密码').fill('wrong password 123');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expectChinese(page, 'console: login refused');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('button', { name: /3号窗口/ }).click();
  await expect(page.getByTestId('window-state')).toBeVisible();
  await expectChinese(page, 'console: window');
});

test('every admin page', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(`${hub.url}/admin/`);
  await expectChinese(page, 'admin: login');
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('link', { name: '现场监控' })).toBeVisible();
  for (const id of [
    'floor',
    'guide',
    'stats',
    'ratings',
    'devices',
    'hall',
    'catalogue',
    'windows',
    'users',
    'signage',
  ]) {
    await page.goto(`${hub.url}/admin/#${id}`);
    await expect(page.locator(`a[href="#${id}"][aria-current="page"]`)).toBeVisible();
    // Usernames, matter codes and the matters' pinyin initials (for search) are the hall's data.
    await expectChinese(page, `admin: ${id}`, [
      'admin',
      clerkName,
      ...demo.services.map((m) => m.code),
      ...DEMO_CATALOGUE.map((m) => m.pinyin),
    ]);
  }
});
