import { stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoPrinting, type DemoPrinting } from '../../server/src/devices/printer/demo-printer.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';
import {
  Api,
  createHall,
  createService,
  createWindow,
  issue,
  openWindow,
  setupAdmin,
} from '../helpers/api-fixtures.js';

/**
 * The demo kiosk's address (with its token) is printed at start and often
 * bookmarked on the kiosk PC: a restart on the same data directory must keep
 * it working.
 */

let t: TestHub;
let hallId: string;
let serviceId: string;
const running: DemoPrinting[] = [];

beforeAll(async () => {
  t = await startTestHub();
  const admin = await setupAdmin(t);
  hallId = (await createHall(admin)).id;
  serviceId = (await createService(admin, hallId)).id;
  await openWindow(admin, (await createWindow(admin, hallId)).id);
});
afterAll(async () => {
  for (const d of running) await d.stop();
  await t.close();
});

async function start(): Promise<DemoPrinting> {
  const demo = await startDemoPrinting(t.deps, {
    hallId,
    baseUrl: t.url,
    printerPort: 0,
    webPort: 0,
    tokenFile: path.join(t.dataDir, 'demo-kiosk-token'),
  });
  if (!demo) throw new Error('demo printing did not start');
  running.push(demo);
  return demo;
}

describe('the demo kiosk', () => {
  it('keeps its kiosk address across restarts of the same data directory', async () => {
    const first = await start();
    await first.stop();
    const second = await start();
    expect(second.kioskUrl).toBe(first.kioskUrl);

    // The address from the first start still issues tickets as the kiosk, which print.
    const token = new URL(first.kioskUrl).searchParams.get('token')!;
    const ticket = await issue(new Api(t.url).as({ token }), hallId, serviceId);
    expect(ticket.number).toMatch(/^[A-Z]\d{3}$/);
    const jobs = await new Api(t.url).get<{ jobs: unknown[] }>(
      `/api/v1/tickets/${ticket.statusToken}/print-jobs`,
    );
    expect(jobs.body.jobs).toHaveLength(1);
  });

  it('keeps the token readable by the hub user only', async () => {
    const mode = (await stat(path.join(t.dataDir, 'demo-kiosk-token'))).mode & 0o777;
    expect(mode).toBe(0o600);
  });
});
