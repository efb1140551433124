import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoHall, type DemoHall } from '../../server/src/demo/seed.js';
import { createUser, expectStatus, issue, setupAdmin, type Api } from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';

/**
 * Every action is credited to whoever did it (DESIGN.md §4): a clerk who
 * takes a window that is open with nobody at it (the demo's windows start
 * that way) becomes its clerk, and a rating names the clerk who served the
 * ticket even when the window was opened by nobody.
 */
let t: TestHub;
let admin: Api;
let demo: DemoHall;

beforeAll(async () => {
  t = await startTestHub();
  admin = await setupAdmin(t);
  demo = await seedDemoHall(t.deps);
});
afterAll(async () => t.close());

const comprehensive = (n: number) => demo.windows.filter((w) => w.kind === 'comprehensive')[n]!;

async function serve(api: Api, windowId: string): Promise<{ statusToken: string; id: string }> {
  const serviceId = demo.services.find((s) => !s.dedicated)!.id;
  const ticket = await issue(new (admin.constructor as typeof Api)(t.url), demo.hall.id, serviceId);
  const called = expectStatus(
    await api.post<{ ticket: { id: string } }>(`/api/v1/windows/${windowId}/call-next`),
    200,
    'call-next',
  );
  expectStatus(await api.post(`/api/v1/windows/${windowId}/start`), 200, 'start');
  expectStatus(await api.post(`/api/v1/windows/${windowId}/complete`), 200, 'complete');
  return { statusToken: ticket.statusToken, id: called.ticket.id };
}

describe('credit for the work done', () => {
  it('a clerk takes a window that is open with nobody at it', async () => {
    const window = comprehensive(0);
    const clerk = await createUser(t, admin, { hallIds: [demo.hall.id] });
    await t.store.saveWindow({ ...(await t.store.getWindow(window.id))!, clerkIds: [clerk.user.id] }, []);
    expect((await t.store.getWindow(window.id))?.currentClerkId).toBeNull();
    const opened = await clerk.api.post(`/api/v1/windows/${window.id}/open`);
    expect(opened.status).toBe(200);
    expect((await t.store.getWindow(window.id))?.currentClerkId).toBe(clerk.user.id);
    // Taken, the window is no longer free for the taking: a second open is refused as before.
    expect((await clerk.api.post(`/api/v1/windows/${window.id}/open`)).status).toBe(409);
  });

  it('a 差评 names the clerk who served, though nobody opened the window', async () => {
    const window = comprehensive(1);
    expect((await t.store.getWindow(window.id))?.currentClerkId).toBeNull();
    const clerk = await createUser(t, admin, { hallIds: [demo.hall.id] });
    await t.store.saveWindow({ ...(await t.store.getWindow(window.id))!, clerkIds: [clerk.user.id] }, []);
    const served = await serve(clerk.api, window.id);
    const anon = new (admin.constructor as typeof Api)(t.url);
    expectStatus(
      await anon.post(`/api/v1/tickets/status/${served.statusToken}/evaluation`, {
        level: 1,
        reasons: ['long_wait'],
        comment: '',
      }),
      201,
      'rating',
    );
    expect((await t.store.getEvaluationByTicket(served.id))?.clerkId).toBe(clerk.user.id);
  });
});
