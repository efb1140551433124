import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/hub.js';
import {
  createHall,
  createService,
  createWindow,
  issue,
  openWindow,
  setupAdmin,
  type Api,
} from '../helpers/api-fixtures.js';

/**
 * A device or script that POSTs an action with no body at all (fetch sends
 * `content-length: 0` and no content type) is served, not refused with 415.
 */
describe('actions posted without a body', () => {
  let t: TestHub;
  let admin: Api;
  beforeAll(async () => {
    t = await startTestHub();
    admin = await setupAdmin(t);
  });
  afterAll(() => t.close());

  it('call next with a bare POST', async () => {
    const hall = await createHall(admin);
    const service = await createService(admin, hall.id);
    const window = await createWindow(admin, hall.id);
    await openWindow(admin, window.id);
    const ticket = await issue(admin, hall.id, service.id);
    const res = await fetch(`${t.url}/api/v1/windows/${window.id}/call-next`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.identity.token}` },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { outcome: string; ticket: { number: string } };
    expect(body).toMatchObject({ outcome: 'called', ticket: { number: ticket.number } });
  });

  it('a route that needs fields still says which are missing', async () => {
    const hall = await createHall(admin);
    const res = await fetch(`${t.url}/api/v1/halls/${hall.id}/tickets`, { method: 'POST' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('validation_failed');
  });
});
