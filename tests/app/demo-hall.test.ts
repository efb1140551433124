import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WINDOW_KINDS, type ServiceWindow } from '../../server/src/domain/index.js';
import { callNext, issueTicket, kioskMenu } from '../../server/src/app/index.js';
import { seedDemoHall, DEMO_HALL_NAME, type DemoHall } from '../../server/src/demo/seed.js';
import { openAppFixture, type AppFixture } from './store-fixture.js';

const STAFF = { type: 'user' as const, id: 'clerk' };
// Friday 2026-11-27 10:00 in Yinchuan.
const T0 = Date.parse('2026-11-27T10:00:00+08:00');

describe('the demo hall', () => {
  let fx: AppFixture;
  let demo: DemoHall;
  const windowNo = (n: number): ServiceWindow => demo.windows.find((w) => w.number === n) as ServiceWindow;
  const service = (name: string) => {
    const s = demo.services.find((x) => x.name === name);
    if (!s) throw new Error(`no ${name}`);
    return s;
  };

  beforeEach(async () => {
    fx = await openAppFixture(T0);
    demo = await seedDemoHall(fx.deps);
  });
  afterEach(() => fx.close());

  it('has at least eight windows of all six kinds and twenty matters from real areas', () => {
    expect(demo.hall.name).toBe(DEMO_HALL_NAME);
    expect(demo.windows.length).toBeGreaterThanOrEqual(8);
    expect(new Set(demo.windows.map((w) => w.kind))).toEqual(new Set(WINDOW_KINDS));
    expect(demo.services.length).toBeGreaterThanOrEqual(20);
    const domains = new Set(demo.services.map((s) => s.domain));
    for (const d of ['社保', '医保', '公安户籍', '不动产登记', '市场监管', '税务', '公积金'])
      expect(domains).toContain(d);
    for (const n of ['出生一件事', '婚育一件事', '二手房过户', '企业职工退休一件事', '办不成事反映'])
      expect(service(n)).toBeTruthy();
    expect(demo.services.some((s) => s.crossRegion && s.dedicated)).toBe(true);
  });

  it('routes a day of citizens to the right windows', async () => {
    const issue = (name: string, more: { categories?: ['elderly']; assistance?: boolean } = {}) =>
      issueTicket(fx.deps, { hallId: demo.hall.id, serviceId: service(name).id, channel: 'kiosk', ...more });
    const first = await issue('社会保障卡申领');
    fx.clock.now += 60_000;
    const second = await issue('社会保障卡申领');
    fx.clock.now += 60_000;
    const elderly = await issue('异地就医备案', { categories: ['elderly'] });
    const cross = await issue('跨省通办（异地事项代收代办）');
    const complaint = await issue('办不成事反映');
    const helped = await issue('户口迁移', { assistance: true });
    // One prefix per area, one sequence per prefix.
    expect([first.ticket.number, second.ticket.number, elderly.ticket.number]).toEqual([
      'A001',
      'A002',
      'B001',
    ]);
    expect(cross.ticket.number).toBe('K001');

    const call = async (n: number) =>
      (await callNext(fx.deps, { windowId: windowNo(n).id, actor: STAFF })).ticket?.number;
    expect(await call(7)).toBe(elderly.ticket.number); // green channel
    expect(await call(9)).toBe(cross.ticket.number); // 跨省通办
    expect(await call(10)).toBe(complaint.ticket.number); // 办不成事
    expect(await call(8)).toBe(helped.ticket.number); // 帮办代办
    expect(await call(1)).toBe(first.ticket.number);
    expect(await call(4)).toBe(second.ticket.number); // 社保医保 window
    expect(await call(2)).toBeUndefined();
  });

  it('shows every enabled matter on the kiosk menu by area with its queue and wait', async () => {
    await issueTicket(fx.deps, {
      hallId: demo.hall.id,
      serviceId: service('二手房过户').id,
      channel: 'kiosk',
    });
    const menu = await kioskMenu(fx.deps, { hallId: demo.hall.id });
    expect(menu.domains.flatMap((d) => d.services)).toHaveLength(demo.services.length);
    const estate = menu.domains.find((d) => d.domain === '不动产登记');
    expect(estate?.waiting).toBe(1);
    const transfer = estate?.services.find((s) => s.name === '二手房过户');
    expect(transfer).toMatchObject({ waiting: 1, estimate: { ahead: 1 } });
    expect(transfer?.estimate.minutes).toBeGreaterThan(0);
  });
});
