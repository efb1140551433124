import { expect, test, type Page } from '@playwright/test';
import { seedDemoHall, type DemoHall } from '../../server/src/demo/seed.js';
import { createDevice, issue, setupAdmin, type Api } from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';

/**
 * Every screen under the hub's content security policy: each one loads and
 * draws in Chromium with no violation reported (a blocked script, style,
 * image, sound or socket would be one).
 */

let hub: TestHub;
let demo: DemoHall;
let admin: Api;

test.beforeAll(async () => {
  hub = await startTestHub();
  demo = await seedDemoHall(hub.deps);
  admin = await setupAdmin(hub);
});
test.afterAll(() => hub.close());

/** Collects CSP violations reported to the page and to the console. */
async function watch(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (e) =>
      console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));`,
  });
  return violations;
}

test('every screen loads under the content security policy', async ({ page }) => {
  const violations = await watch(page);
  const service = demo.services[0]!;
  const ticket = await issue(admin, demo.hall.id, service.id);
  const w1 = demo.windows.find((w) => w.number === 1)!;
  const kiosk = await createDevice(admin, demo.hall.id, { kind: 'kiosk' });
  const counter = await createDevice(admin, demo.hall.id, { kind: 'display', windowId: w1.id });

  await page.goto(`${hub.url}/kiosk/${demo.hall.id}?token=${kiosk.token}`);
  await expect(page.getByRole('heading', { name: new RegExp(demo.hall.name) })).toBeVisible();
  await page.getByRole('button', { name: /^社保/ }).click();

  await page.goto(`${hub.url}/signage/${demo.hall.id}`);
  await expect(page.getByText(demo.hall.name).first()).toBeVisible();

  await page.goto(`${hub.url}/counter/${w1.id}?token=${counter.token}`);
  await expect(page.getByText(w1.name).first()).toBeVisible();

  await page.goto(`${hub.url}/t/${ticket.statusToken}`);
  await expect(page.getByText(ticket.number).first()).toBeVisible();

  await page.goto(`${hub.url}/admin/`);
  await expect(page.getByLabel('用户名')).toBeVisible();

  await page.goto(`${hub.url}/console/`);
  await expect(page.getByLabel('用户名')).toBeVisible();

  await page.goto(`${hub.url}/`);
  await expect(page.locator('body')).toContainText(demo.hall.name);

  expect(violations).toEqual([]);
});
