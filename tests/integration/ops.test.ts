import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createHall, createService, issue, setupAdmin } from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';
import { ROUTES } from '../../server/src/http/index.js';
import { openapiPath } from '../../server/src/http/openapi.js';

/** Liveness, readiness, metrics and the API description. */

let t: TestHub;
let anon: Api;

beforeAll(async () => {
  t = await startTestHub();
  anon = new Api(t.url);
});
afterAll(async () => t.close());

describe('operations endpoints', () => {
  it('answers healthz and readyz', async () => {
    expect(await anon.get('/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await anon.get('/readyz')).toMatchObject({ status: 200, body: { status: 'ready' } });
  });

  it('exposes Prometheus metrics with events by type and waiting tickets per hall', async () => {
    const admin = await setupAdmin(t);
    const hall = await createHall(admin);
    const svc = await createService(admin, hall.id);
    await issue(anon, hall.id, svc.id);
    await issue(anon, hall.id, svc.id);
    const reply = await anon.get('/metrics');
    expect(reply.status).toBe(200);
    expect(reply.contentType).toContain('text/plain');
    const text = String(reply.body);
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toMatch(/hall_events_total\{type="ticket.issued"\} 2/);
    expect(text).toContain(`hall_waiting_tickets{hall="${hall.id}"} 2`);
    expect(text).toMatch(/realtime_connected_clients \d+/);
    expect(text).toMatch(
      /http_requests_total\{method="POST",route="\/api\/v1\/halls\/:hallId\/tickets",status="201"\} 2/,
    );
  });

  it('describes every route of the table in the OpenAPI document', async () => {
    const doc = await anon.get<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(
      '/api/v1/openapi.json',
    );
    expect(doc.body.openapi).toBe('3.1.0');
    for (const r of ROUTES)
      expect(doc.body.paths[openapiPath(r.path)]?.[r.method], `${r.method} ${r.path}`).toBeDefined();
  });

  it('answers unknown API routes with a problem', async () => {
    const reply = await anon.get('/api/v1/nothing-here');
    expect(reply.status).toBe(404);
    expect(reply.contentType).toContain('application/problem+json');
    expect(reply.body).toMatchObject({ code: 'route_not_found', status: 404 });
  });
});
