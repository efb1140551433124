import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  callBackTicket,
  callNext,
  changeWindowState,
  holdTicket,
  issueTicket,
  startService,
} from '../../server/src/app/index.js';
import { DomainError, type ServiceWindow } from '../../server/src/domain/index.js';
import { seedDemoHall, type DemoHall } from '../../server/src/demo/seed.js';
import { openAppFixture, type AppFixture } from './store-fixture.js';

const CLERK = { type: 'user' as const, id: 'clerk-1' };
const T0 = Date.parse('2026-11-27T10:00:00+08:00');

/**
 * A held ticket (挂起) stays with its window and only that window can call it
 * back (回呼). Closing the window while a citizen is held there would leave
 * them with nobody to call them when they come back with the missing paper.
 */
describe('closing a window that holds a citizen', () => {
  let fx: AppFixture;
  let demo: DemoHall;
  let w1: ServiceWindow;

  beforeEach(async () => {
    fx = await openAppFixture(T0);
    demo = await seedDemoHall(fx.deps);
    w1 = demo.windows.find((w) => w.number === 1)!;
  });
  afterEach(() => fx.close());

  it('is refused and changes nothing, so the held citizen can still be called back', async () => {
    const sb = demo.services.find((s) => s.code === 'SB001')!.id;
    const { ticket } = await issueTicket(fx.deps, { hallId: demo.hall.id, serviceId: sb, channel: 'kiosk' });
    expect((await callNext(fx.deps, { windowId: w1.id, actor: CLERK })).ticket?.id).toBe(ticket.id);
    await startService(fx.deps, { windowId: w1.id, actor: CLERK });
    await holdTicket(fx.deps, { windowId: w1.id, actor: CLERK, reason: '缺户口本' });
    const seq = await fx.deps.store.lastSeq(demo.hall.id);

    await expect(
      changeWindowState(fx.deps, { windowId: w1.id, actor: CLERK, move: 'close' }),
    ).rejects.toSatisfy((e: unknown) => e instanceof DomainError && e.code === 'window_busy');
    expect((await fx.deps.store.getWindow(w1.id))?.state).toBe('open');
    expect(await fx.deps.store.lastSeq(demo.hall.id)).toBe(seq);

    const back = await callBackTicket(fx.deps, { windowId: w1.id, actor: CLERK, ticketId: ticket.id });
    expect(back).toMatchObject({ status: 'called', windowId: w1.id });
  });
});
