import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualPrinter } from '../../ticket-printer/src/virtual-printer/virtual-printer.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';
import {
  createDevice,
  createHall,
  createService,
  createWindow,
  issue,
  openWindow,
  setupAdmin,
  type Api,
  type Loose,
} from '../helpers/api-fixtures.js';

/**
 * What the printed ticket says about where to wait and why it is marked,
 * read back from the real ESC/POS bytes: "where to wait" follows the routing
 * the queue uses (a closed help desk or 跨省通办 window sends its tickets to
 * comprehensive windows, and the ticket says so); only a priority category
 * prints 优先, assistance prints its own mark.
 */

let t: TestHub;
let admin: Api;
let kiosk: Api;
let printer: VirtualPrinter;
let hallId: string;
let ordinary: string;
let crossRegion: string;
let helpDesk: string;
let crossWindow: string;

beforeAll(async () => {
  printer = new VirtualPrinter({ port: 0 });
  const { port } = await printer.start();
  t = await startTestHub();
  admin = await setupAdmin(t);
  hallId = (await createHall(admin, { name: '金凤区政务服务中心' })).id;
  ordinary = (await createService(admin, hallId, { name: '社会保障卡申领', domain: '社保', prefix: 'A' })).id;
  crossRegion = (
    await createService(admin, hallId, {
      name: '异地就医备案',
      domain: '医保',
      prefix: 'K',
      crossRegion: true,
    })
  ).id;
  await openWindow(admin, (await createWindow(admin, hallId, { kind: 'comprehensive' })).id);
  helpDesk = (await createWindow(admin, hallId, { kind: 'assisted', name: '帮办代办' })).id;
  crossWindow = (await createWindow(admin, hallId, { kind: 'cross_region', name: '跨省通办' })).id;
  kiosk = (
    await createDevice(admin, hallId, { kind: 'kiosk', config: { printer: `tcp://127.0.0.1:${port}` } })
  ).api;
});
afterAll(async () => {
  await t.close();
  await printer.stop();
});

async function printed(serviceId: string, extra: Loose = {}): Promise<string> {
  const ticket = await issue(kiosk, hallId, serviceId, extra);
  return (await printer.waitForJob((j) => j.text.includes(ticket.number))).text;
}

const setWindow = async (windowId: string, action: 'open' | 'close') =>
  expect((await admin.post(`/api/v1/windows/${windowId}/${action}`)).status).toBe(200);

describe('where the ticket says to wait', () => {
  it('sends an assistance ticket to comprehensive windows while the help desk is closed', async () => {
    const text = await printed(ordinary, { assistance: true });
    expect(text).toContain('请到综合受理窗口等候叫号');
    expect(text).not.toContain('帮办代办窗口');
  });

  it('sends it to the help desk once the help desk is open', async () => {
    await setWindow(helpDesk, 'open');
    const text = await printed(ordinary, { assistance: true });
    expect(text).toContain('请到帮办代办窗口等候，工作人员将协助您');
    expect(text).not.toContain('综合受理窗口');
    await setWindow(helpDesk, 'close');
  });

  it('sends a cross-region matter to comprehensive windows while the 跨省通办 window is closed', async () => {
    const text = await printed(crossRegion);
    expect(text).toContain('请到综合受理窗口等候叫号');
    expect(text).not.toContain('跨省通办窗口');
    await setWindow(crossWindow, 'open');
    const open = await printed(crossRegion);
    expect(open).toContain('请到跨省通办窗口等候叫号');
    expect(open).not.toContain('综合受理窗口');
    await setWindow(crossWindow, 'close');
  });
});

describe('the priority and assistance marks', () => {
  it('prints 帮办代办 and no 优先 on an assistance-only ticket', async () => {
    const text = await printed(ordinary, { assistance: true });
    expect(text).toContain('帮办代办');
    expect(text).not.toContain('优先');
  });

  it('prints 优先 with the category on a priority ticket', async () => {
    const text = await printed(ordinary, { categories: ['elderly'] });
    expect(text).toContain('优先 · 老年人');
  });

  it('prints both marks, each for what it is, when a priority ticket also asked for help', async () => {
    const text = await printed(ordinary, { categories: ['elderly'], assistance: true });
    const line = text.split('\n').find((l) => l.includes('优先'));
    expect(line).toContain('优先 · 老年人');
    expect(line).toContain('帮办代办');
    expect(line).not.toMatch(/优先[^帮]*、帮办/);
  });
});
