import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { AppDeps } from '../app/index.js';
import type { HttpOptions } from './options.js';

/**
 * Prometheus metrics of one hub: process defaults, events by type as they
 * are committed, waiting tickets per hall and connected screens at scrape
 * time, and requests per route. Each hub has its own registry, so several
 * hubs in one process (tests) do not collide.
 */
export interface HubMetrics {
  observe(method: string, route: string, status: number): void;
  render(): Promise<{ contentType: string; body: string }>;
}

export function createMetrics(deps: AppDeps, options: Pick<HttpOptions, 'realtime'>): HubMetrics {
  const register = new Registry();
  collectDefaultMetrics({ register });

  const events = new Counter({
    name: 'hall_events_total',
    help: 'Events committed to the hall logs, by type.',
    labelNames: ['type'],
    registers: [register],
  });
  deps.store.followEvents({ allHalls: true }, ({ events: list }) =>
    list.forEach((e) => events.inc({ type: e.type })),
  );

  new Gauge({
    name: 'hall_waiting_tickets',
    help: 'Tickets waiting now, per hall.',
    labelNames: ['hall'],
    registers: [register],
    async collect() {
      this.reset();
      for (const hall of await deps.store.listHalls()) {
        this.set(
          { hall: hall.id },
          (await deps.store.waitingGroups(hall.id)).reduce((n, g) => n + g.count, 0),
        );
      }
    },
  });

  new Gauge({
    name: 'realtime_connected_clients',
    help: 'Socket.IO clients connected now (screens, consoles, devices).',
    registers: [register],
    collect() {
      this.set(options.realtime.connectedClients());
    },
  });

  const requests = new Counter({
    name: 'http_requests_total',
    help: 'API requests by route and status.',
    labelNames: ['method', 'route', 'status'],
    registers: [register],
  });

  return {
    observe: (method, route, status) =>
      requests.inc({ method: method.toUpperCase(), route, status: String(status) }),
    render: async () => ({ contentType: register.contentType, body: await register.metrics() }),
  };
}
