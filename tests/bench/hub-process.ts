import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { freePort } from '../helpers/hub-process.js';
import { spawnNode, type NodeChild } from './children.js';

/**
 * The real hub (`server/src/main.ts`) in its own process, so the load
 * generator and the test clients do not share its event loop. It creates the
 * demo hall on its empty data folder; the benchmark logs in as the first
 * administrator and sets up what it needs through the API, like any client.
 */

export const DEMO_HALL = 'yinchuan';

export interface HallService {
  id: string;
  code: string;
  prefix: string;
  domain: string;
}
export interface HallWindow {
  id: string;
  number: number;
  kind: string;
  overflow: boolean;
}

export interface RunningHub {
  url: string;
  process: NodeChild;
  /** An administrator's bearer token (`usr_…`). */
  adminToken: string;
  /** A ticket machine's device token (`dev_…`): kiosks are not rate-limited. */
  kioskToken: string;
  services: HallService[];
  windows: HallWindow[];
  stop(): Promise<void>;
}

export async function api<T>(url: string, method: string, token: string | null, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

/** `BENCH_PROFILE_DIR=dir npm run bench` writes a CPU profile of each hub process there (Node's --cpu-prof). */
function profileArgs(): string[] {
  const dir = process.env.BENCH_PROFILE_DIR;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(dir)}`] : [];
}

function hubEnv(port: number, dataDir: string): Record<string, string> {
  return {
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    RATE_LIMIT_PER_MINUTE: '100000',
    SQLITE_SYNCHRONOUS: 'FULL',
    LOG_LEVEL: 'error',
  };
}

export async function startHub(dataDir: string): Promise<RunningHub> {
  const port = await freePort();
  const password = randomBytes(18).toString('base64url');
  const proc = await spawnNode(
    'server/src/main.ts',
    { ...hubEnv(port, dataDir), DEMO: 'true', HUB_ADMIN_PASSWORD: password },
    /^Hub listening/,
    profileArgs(),
  );
  try {
    const url = `http://127.0.0.1:${port}`;
    const login = await api<{ token: string }>(`${url}/api/v1/auth/login`, 'POST', null, {
      username: 'admin',
      password,
      token: true,
    });
    const adminToken = login.token;
    // Presses on one window come faster here than any clerk's; each must call the next ticket, not repeat.
    await api(`${url}/api/v1/halls/${DEMO_HALL}`, 'PATCH', adminToken, { rules: { idempotencyMs: 0 } });
    const kiosk = await api<{ token: string }>(
      `${url}/api/v1/halls/${DEMO_HALL}/devices`,
      'POST',
      adminToken,
      {
        kind: 'kiosk',
        name: '基准测试取号机',
      },
    );
    const { services } = await api<{ services: HallService[] }>(
      `${url}/api/v1/halls/${DEMO_HALL}/services`,
      'GET',
      adminToken,
    );
    const { windows } = await api<{ windows: HallWindow[] }>(
      `${url}/api/v1/halls/${DEMO_HALL}/windows`,
      'GET',
      adminToken,
    );
    return {
      url,
      process: proc,
      adminToken,
      kioskToken: kiosk.token,
      services,
      windows: [...windows].sort((a, b) => a.number - b.number),
      stop: () => proc.stop(),
    };
  } catch (err) {
    await proc.stop();
    throw err;
  }
}

export interface JoinedHub {
  url: string;
  process: NodeChild;
  stop(): Promise<void>;
}

/**
 * Another hub process on the `DATA_DIR` of a running one (README, "Several
 * hub processes on one DATA_DIR"): it finds the halls, users and device
 * tokens the first made, so the first's tokens work on it too.
 */
export async function joinHub(dataDir: string): Promise<JoinedHub> {
  const port = await freePort();
  const proc = await spawnNode(
    'server/src/main.ts',
    { ...hubEnv(port, dataDir), DEMO: 'false', VIRTUAL_PRINTER_PORT: 'off' },
    /^Hub listening/,
    profileArgs(),
  );
  return { url: `http://127.0.0.1:${port}`, process: proc, stop: () => proc.stop() };
}
