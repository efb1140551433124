import { Agent, request } from 'node:http';
import { api, DEMO_HALL, type HallService, type HallWindow, type RunningHub } from './hub-process.js';

/**
 * The halls of part (f), made through the hub's API like an administrator
 * would: each a copy of the demo hall's configuration (its matters and its
 * 10 windows of every kind), with its windows open and a ticket machine.
 */

export interface CityHall {
  id: string;
  kioskToken: string;
  services: HallService[];
  windows: HallWindow[];
}

interface ConfigFile {
  hall: { rules?: Record<string, unknown> } & Record<string, unknown>;
  [key: string]: unknown;
}

async function setUpHall(hub: RunningHub, template: ConfigFile, k: number): Promise<CityHall> {
  const token = hub.adminToken;
  const name = `第${k + 1}政务服务中心`;
  const { hall } = await api<{ hall: { id: string } }>(`${hub.url}/api/v1/halls`, 'POST', token, {
    name,
    level: 'county',
  });
  const base = `${hub.url}/api/v1/halls/${hall.id}`;
  await api(`${base}/config`, 'PUT', token, {
    ...template,
    // The repeat guard is in real time: at 20× its 2 s would swallow 40 simulated seconds of presses.
    hall: { ...template.hall, name, rules: { ...template.hall.rules, idempotencyMs: 0 } },
  });
  const { windows } = await api<{ windows: (HallWindow & { state: string })[] }>(
    `${base}/windows`,
    'GET',
    token,
  );
  for (const w of windows) {
    if (w.state !== 'open') await api(`${hub.url}/api/v1/windows/${w.id}/open`, 'POST', token, {});
  }
  const kiosk = await api<{ token: string }>(`${base}/devices`, 'POST', token, {
    kind: 'kiosk',
    name: '取号机',
  });
  const { services } = await api<{ services: HallService[] }>(`${base}/services`, 'GET', token);
  return {
    id: hall.id,
    kioskToken: kiosk.token,
    services,
    windows: [...windows].sort((a, b) => a.number - b.number),
  };
}

export async function setUpCityHalls(hub: RunningHub, count: number): Promise<CityHall[]> {
  const template = await api<ConfigFile>(
    `${hub.url}/api/v1/halls/${DEMO_HALL}/config`,
    'GET',
    hub.adminToken,
  );
  const halls: CityHall[] = [];
  const batch = 5;
  for (let i = 0; i < count; i += batch) {
    const ks = Array.from({ length: Math.min(batch, count - i) }, (_, j) => i + j);
    halls.push(...(await Promise.all(ks.map((k) => setUpHall(hub, template, k)))));
  }
  return halls;
}

export interface Answer {
  status: number;
  text: string;
}

/**
 * JSON POSTs over kept-alive node:http connections: lighter on the shared
 * cores than fetch, so more of them is left to the hub. A request that
 * gets no answer in `timeoutMs` fails instead of holding the run.
 */
export class HubClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 256 });

  constructor(
    readonly url: string,
    private readonly timeoutMs = 15_000,
  ) {}

  post(path: string, token: string, body: unknown): Promise<Answer> {
    const payload = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        `${this.url}${path}`,
        {
          method: 'POST',
          agent: this.agent,
          timeout: this.timeoutMs,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
            authorization: `Bearer ${token}`,
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer to POST ${path} in ${this.timeoutMs} ms`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
