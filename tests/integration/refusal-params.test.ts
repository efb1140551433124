import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Api,
  createHall,
  createService,
  createUser,
  createWindow,
  issue,
  openWindow,
  setupAdmin,
} from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';

/** Refusals carry their parameters next to the English detail, so screens can word them. */

let t: TestHub;
let admin: Api;

beforeAll(async () => {
  t = await startTestHub();
  admin = await setupAdmin(t);
});
afterAll(async () => t.close());

describe('structured refusals', () => {
  it('sends the ticket number, its status and the action of a wrong-state refusal, and no internal id', async () => {
    const hall = await createHall(admin);
    const service = await createService(admin, hall.id, { prefix: 'A' });
    const clerk = await createUser(t, admin, { hallIds: [hall.id] });
    const window = await createWindow(admin, hall.id, { clerkIds: [clerk.user.id] });
    await openWindow(clerk.api, window.id);
    await issue(new Api(t.url), hall.id, service.id);
    await clerk.api.post(`/api/v1/windows/${window.id}/call-next`);
    const hold = await clerk.api.post<Record<string, unknown>>(`/api/v1/windows/${window.id}/hold`, {
      reason: '缺材料',
    });
    expect(hold.status).toBe(409);
    expect(hold.body).toMatchObject({
      code: 'invalid_state',
      params: { number: 'A001', status: 'called', action: 'hold', allowed: ['serving'] },
    });
    expect(JSON.stringify(hold.body.params)).not.toMatch(/ticketId|windowId/);
  });

  it('names the category of a staff-only priority', async () => {
    const hall = await createHall(admin);
    const service = await createService(admin, hall.id);
    const reply = await new Api(t.url).post(`/api/v1/halls/${hall.id}/tickets`, {
      serviceId: service.id,
      categories: ['key_project'],
    });
    expect(reply.body).toMatchObject({ code: 'priority_staff_only', params: { category: 'key_project' } });
  });
});
