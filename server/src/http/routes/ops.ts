import { HttpError } from '../errors.js';
import { requestIdOf } from '../request-log.js';
import { SENT, route } from '../route.js';
import { storeReadiness } from '../../store/index.js';

/** Liveness, readiness, metrics and the API description. */
export const opsRoutes = [
  route({
    method: 'get',
    path: '/healthz',
    tag: 'Operations',
    summary: 'Liveness: the process is up',
    auth: 'public',
    response: '`{ "status": "ok" }`',
    errors: [],
    handler: async () => ({ status: 'ok' }),
  }),
  route({
    method: 'get',
    path: '/readyz',
    tag: 'Operations',
    summary: 'Readiness: the store answers and takes writes',
    auth: 'public',
    response:
      '`{ "status": "ready", "store": "sqlite" }`, or in MongoDB mode `{ "status": "ready", "store": "mongodb", "replicaSet": { "name", "primary" } }`; 503 `not_ready` when the store does not answer, or its last write failed (disk full, damaged or read-only file) and a test write still fails',
    errors: ['not_ready'],
    handler: async ({ deps, res }) => {
      let readiness;
      try {
        await deps.store.ping();
        readiness = await storeReadiness(deps.store);
      } catch (err) {
        deps.log.error({ err, reqId: requestIdOf(res) }, 'readiness: the store does not answer');
        const writes = err instanceof Error && err.message.startsWith('The store cannot write');
        throw new HttpError('not_ready', writes ? err.message : 'The store does not answer.');
      }
      return { status: 'ready', ...readiness };
    },
  }),
  route({
    method: 'get',
    path: '/metrics',
    tag: 'Operations',
    summary: 'Prometheus metrics (text exposition format)',
    description:
      'Process metrics, `hall_events_total{type}`, `hall_waiting_tickets{hall}`, `realtime_connected_clients`, `http_requests_total{method,route,status}`.',
    auth: 'public',
    response: 'Prometheus text',
    errors: [],
    handler: async ({ runtime, res }) => {
      const { contentType, body } = await runtime.metrics.render();
      res.type(contentType).send(body);
      return SENT;
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/openapi.json',
    tag: 'Operations',
    summary: 'OpenAPI 3.1 description of every route, generated from the route table',
    auth: 'public',
    response: 'OpenAPI document',
    errors: [],
    handler: async ({ runtime }) => runtime.openapi(),
  }),
];
