import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createDevice, createHall, createService, setupAdmin } from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';

/**
 * Public routes are limited per IP; a device token (a kiosk's is in its page
 * address) buys its own budget, never an unlimited one; logged-in staff are
 * not held to the public limit.
 */

const LIMIT = 5;
let t: TestHub;
let admin: Api;
let anon: Api;
let hallId: string;
let serviceId: string;

beforeAll(async () => {
  t = await startTestHub({ options: { rateLimitPerMinute: LIMIT } });
  admin = await setupAdmin(t); // setup and login are public: two of the budget on those routes
  anon = new Api(t.url);
  const hall = await createHall(admin);
  hallId = hall.id;
  serviceId = (await createService(admin, hall.id)).id;
});
afterAll(async () => t.close());

describe('public rate limit', () => {
  it('answers 429 with a problem once an address has used its budget on a route', async () => {
    const path = '/api/v1/tickets/status/NoSuchToken123';
    for (let i = 0; i < LIMIT; i += 1) expect((await anon.get(path)).status).toBe(404);
    const limited = await anon.get(path);
    expect(limited.status).toBe(429);
    expect(limited.contentType).toContain('application/problem+json');
    expect(limited.body).toMatchObject({ code: 'rate_limited', status: 429 });
    expect(limited.headers.get('ratelimit-policy')).toContain(String(LIMIT));
  });

  it('limits ticket issue for anonymous callers, and a kiosk device on its own budget', async () => {
    const kiosk = await createDevice(admin, hallId, { kind: 'kiosk' });
    const path = `/api/v1/halls/${hallId}/tickets`;
    for (let i = 0; i < LIMIT; i += 1) expect((await anon.post(path, { serviceId })).status).toBe(201);
    const before = (await t.store.listTickets(hallId)).length;
    const limited = await anon.post(path, { serviceId });
    expect(limited.status).toBe(429);
    expect((await t.store.listTickets(hallId)).length).toBe(before);
    // The kiosk is not starved by the citizens on its address…
    for (let i = 0; i < LIMIT; i += 1) expect((await kiosk.api.post(path, { serviceId })).status).toBe(201);
    // …but its token is no licence to issue without end.
    const kioskLimited = await kiosk.api.post(path, { serviceId });
    expect(kioskLimited.status).toBe(429);
    expect(kioskLimited.body).toMatchObject({ code: 'rate_limited' });
    expect((await t.store.listTickets(hallId)).length).toBe(before + LIMIT);
  });

  it('gives each device its own budget', async () => {
    const a = await createDevice(admin, hallId, { kind: 'kiosk' });
    const b = await createDevice(admin, hallId, { kind: 'kiosk' });
    const path = '/api/v1/tickets/status/NoSuchToken456';
    for (let i = 0; i < LIMIT; i += 1) expect((await a.api.get(path)).status).toBe(404);
    expect((await a.api.get(path)).status).toBe(429);
    expect((await b.api.get(path)).status).toBe(404);
  });

  it('does not hold logged-in staff to the public limit', async () => {
    const path = `/api/v1/halls/${hallId}/kiosk-menu`;
    for (let i = 0; i < LIMIT + 2; i += 1) expect((await admin.get(path)).status).toBe(200);
  });
});
