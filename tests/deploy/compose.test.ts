import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * The city deployment as docs/deploy.md describes it: the compose file, the
 * proxy's Caddyfile and the hub's Dockerfile say what the docs say. No
 * container runs here; this checks the files, not a running stack.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (file: string) => readFileSync(`${root}/${file}`, 'utf8');

interface HealthCheck {
  test: string[];
}
interface ComposeService {
  image?: string;
  build?: { context: string; target?: string };
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: HealthCheck;
  volumes?: string[];
  profiles?: string[];
  restart?: string;
}
interface Compose {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
}

const compose = parse(read('docker-compose.yml'), { merge: true }) as Compose;
const services = compose.services;
const HUBS = ['hub-a', 'hub-b'];

describe('docker-compose.yml', () => {
  it('names the services of a city deployment', () => {
    expect(Object.keys(services).sort()).toEqual(['hub-a', 'hub-b', 'mongo', 'mongo-init', 'proxy', 'test']);
  });

  it('runs MongoDB as the replica set rs0 from the official image, on named volumes, with a health check', () => {
    const mongo = services.mongo!;
    expect(mongo.image).toMatch(/^mongo:\d/);
    expect(mongo.command).toEqual(expect.arrayContaining(['--replSet', 'rs0']));
    expect(mongo.healthcheck?.test.join(' ')).toContain('ping');
    expect(mongo.volumes).toContain('mongo-data:/data/db');
  });

  it('initiates the replica set once, after mongo is healthy, with a script that tolerates a second run', () => {
    const init = services['mongo-init']!;
    expect(init.image).toBe(services.mongo!.image);
    expect(init.restart).toBe('no');
    expect(init.depends_on?.mongo?.condition).toBe('service_healthy');
    const script = read('deploy/mongo-init.js');
    expect(script).toContain("rs.initiate({ _id: 'rs0'");
    expect(script).toContain('NotYetInitialized');
    expect(init.volumes?.[0]).toMatch(/^\.\/deploy\/mongo-init\.js:/);
  });

  it('runs two hubs from one image on the replica set, each healthy only when /readyz says so', () => {
    for (const name of HUBS) {
      const hub = services[name]!;
      expect(hub.image).toBe('hall-queue/hub:latest');
      expect(hub.build).toEqual({ context: '.', target: 'runtime' });
      expect(hub.environment?.STORE).toBe('mongodb');
      expect(hub.environment?.MONGODB_URI).toMatch(/^mongodb:\/\/mongo:27017\/\w+\?replicaSet=rs0$/);
      expect(hub.healthcheck?.test.join(' ')).toContain('/readyz');
      expect(hub.depends_on).toEqual({
        mongo: { condition: 'service_healthy' },
        'mongo-init': { condition: 'service_completed_successfully' },
      });
      expect(hub.volumes?.[0]).toMatch(/^hub-[ab]-data:\/data$/);
    }
  });

  it('puts Caddy in front of both healthy hubs, with its certificates on a named volume', () => {
    const proxy = services.proxy!;
    expect(proxy.image).toMatch(/^caddy:2/);
    expect(proxy.depends_on).toEqual({
      'hub-a': { condition: 'service_healthy' },
      'hub-b': { condition: 'service_healthy' },
    });
    expect(proxy.healthcheck?.test.length).toBeGreaterThan(0);
    expect(proxy.volumes).toEqual(
      expect.arrayContaining(['./deploy/Caddyfile:/etc/caddy/Caddyfile:ro', 'caddy-data:/data']),
    );
  });

  it('declares every named volume it mounts', () => {
    const mounted = Object.values(services)
      .flatMap((s) => s.volumes ?? [])
      .map((v) => v.split(':')[0]!)
      .filter((v) => !v.startsWith('.'));
    expect(mounted.length).toBeGreaterThan(0);
    for (const v of mounted) expect(Object.keys(compose.volumes)).toContain(v);
  });

  it('has a test profile that runs the MongoDB suites against the replica set', () => {
    const test = services.test!;
    expect(test.profiles).toEqual(['test']);
    expect(test.build?.target).toBe('build');
    expect(test.environment?.MONGODB_URI).toMatch(/^mongodb:\/\/mongo:27017\/\w+\?replicaSet=rs0$/);
    expect(test.depends_on?.['mongo-init']?.condition).toBe('service_completed_successfully');
    expect(test.command?.slice(0, 5)).toEqual(['npx', 'vitest', 'run', '--config', 'tests/vitest.config.ts']);
    expect(test.command).toEqual(
      expect.arrayContaining([
        'tests/store/mongodb.test.ts',
        'tests/store/mongodb-race.test.ts',
        'tests/multi-hub/mongodb-two-hubs.test.ts',
      ]),
    );
    // Services outside the profile start with a plain `docker compose up`.
    for (const [name, s] of Object.entries(services)) if (name !== 'test') expect(s.profiles).toBeUndefined();
  });
});

describe('deploy/Caddyfile', () => {
  const caddyfile = read('deploy/Caddyfile');
  it('balances both hubs with cookie sticky sessions and health checks', () => {
    expect(caddyfile).toMatch(/reverse_proxy hub-a:8080 hub-b:8080/);
    expect(caddyfile).toMatch(/^\s*lb_policy cookie\b/m);
    expect(caddyfile).toMatch(/^\s*health_uri \/readyz$/m);
  });
  it('serves the domain from HUB_SITE (TLS when a domain is set), plain :80 otherwise', () => {
    expect(caddyfile).toMatch(/^\{\$HUB_SITE::80\} \{$/m);
    expect(services.proxy!.environment?.HUB_SITE).toBe('${HUB_DOMAIN:-:80}');
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const stages = [...dockerfile.matchAll(/^FROM (\S+) AS (\S+)$/gm)].map((m) => ({
    image: m[1],
    name: m[2],
  }));

  it('builds in stages on a current Node LTS and runs the built stage', () => {
    expect(stages.map((s) => s.name)).toEqual(['build', 'prod-deps', 'runtime']);
    for (const s of stages) expect(s.image).toBe('${NODE_IMAGE}');
    const base = /^ARG NODE_IMAGE=node:(\d+)-/m.exec(dockerfile);
    expect(Number(base?.[1])).toBeGreaterThanOrEqual(22);
    expect(Number(base?.[1]) % 2).toBe(0);
  });

  it('builds the screens with every dependency and ships production dependencies only', () => {
    const [build, prodDeps, runtime] = dockerfile.split(/^FROM /m).slice(1);
    expect(build).toMatch(/^RUN npm ci$/m);
    expect(build).toMatch(/^RUN npm run build$/m);
    expect(prodDeps).toMatch(/^RUN npm ci --omit=dev$/m);
    expect(runtime).toContain('COPY --from=prod-deps /app/node_modules');
    expect(runtime).not.toMatch(/npm (ci|install)/);
    for (const dist of ['ticket-printer/dist', 'signage/dist', 'admin-ui/dist'])
      expect(runtime).toContain(`COPY --from=build /app/${dist}`);
  });

  it('runs as a non-root user with a health check on /readyz', () => {
    const runtime = dockerfile.split(/^FROM /m).at(-1)!;
    const user = /^USER (\S+)$/m.exec(runtime)?.[1];
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
    expect(runtime).toMatch(/^HEALTHCHECK [\s\S]*\/readyz/m);
  });

  it('keeps modules, builds and local stores out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['**/node_modules', '**/dist', 'data', '**/*.db', '.git'])
      expect(ignored).toContain(entry);
  });
});
