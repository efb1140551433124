import { expect, test } from '@playwright/test';
import { seedDemoHall, type DemoHall } from '../../server/src/demo/seed.js';
import { type Api, PASSWORD, setupAdmin } from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';
import { HubVoice } from '../../server/src/voice/espeak.js';
import { screenshot } from './screenshot.js';

/**
 * The admin console on a hub that has no voice for call-outs: the floor page
 * warns that boards without a browser voice only chime; the signage page sets
 * the hall's call-out sentence and number reading.
 */

let hub: TestHub;
let admin: Api;
let demo: DemoHall;

test.beforeAll(async () => {
  hub = await startTestHub({ options: { voice: new HubVoice('off') } });
  demo = await seedDemoHall(hub.deps);
  admin = await setupAdmin(hub);
});
test.afterAll(() => hub.close());

test('the floor warns of a chime-only hub; the signage page sets the call-out sentence', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(`${hub.url}/admin/`);
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.locator('floor-page [data-voice-warning]')).toContainText('只会播放提示音');

  await page.goto(`${hub.url}/admin/#signage`);
  const form = page.getByRole('form', { name: '叫号语音' });
  await expect(form.getByLabel('播报句子')).toHaveValue('请{号码}号，到{窗口}号窗口办理');
  // A sentence without the number is refused at its field, in Chinese.
  await form.getByLabel('播报句子').fill('请到窗口办理');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.locator('[data-field="voice.template"] .field-error')).toHaveText('此项填写有误，请检查');
  await form.getByLabel('播报句子').fill('请{number}号到{window}号窗口');
  await form.getByLabel('号码读法').selectOption('number');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.getByRole('status')).toHaveText('已保存');
  const saved = await admin.get<{ voice: { template: string; numberReading: string } }>(
    `/api/v1/halls/${demo.hall.id}/signage`,
  );
  expect(saved.body.voice).toMatchObject({
    template: '请{number}号到{window}号窗口',
    numberReading: 'number',
  });
  await screenshot(page, 'admin-signage-voice', { fullPage: true });
});
