import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrintAgent } from '../../ticket-printer/src/agent/agent.js';
import { TcpPrinterPort } from '../../ticket-printer/src/index.js';
import { VirtualPrinter } from '../../ticket-printer/src/virtual-printer/virtual-printer.js';
import type { PrinterState } from '../../server/src/app/printing/index.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';
import { createDevice, createHall, setupAdmin, type Api } from '../helpers/api-fixtures.js';
import { nextEvent } from './log-wait.js';

/**
 * The agent's periodic status report (every 30 s in a hall; a short interval
 * here): a printer that runs out of paper while nothing prints shows up in
 * the hub's printer overview, and so does the fresh roll.
 */

let t: TestHub;
let admin: Api;
let printer: VirtualPrinter;
let hallId: string;
let kiosk: { id: string; token: string };
let agent: PrintAgent;

beforeAll(async () => {
  printer = new VirtualPrinter({ port: 0 });
  const { port } = await printer.start();
  t = await startTestHub();
  admin = await setupAdmin(t);
  hallId = (await createHall(admin)).id;
  const k = await createDevice(admin, hallId, { kind: 'kiosk', config: { printer: 'agent' } });
  kiosk = { id: k.device.id, token: k.token };
  agent = new PrintAgent({
    hubUrl: t.url,
    token: kiosk.token,
    port: new TcpPrinterPort({ host: '127.0.0.1', port }),
    reconnectDelayMs: 50,
    statusEveryMs: 20,
  });
});
afterAll(async () => {
  await agent.stop();
  await t.close();
  await printer.stop();
});

const statusOf = (paperOut: boolean) =>
  nextEvent(
    t.deps.store,
    'device.status',
    (e) =>
      e.data.source === 'printer' && e.data.deviceId === kiosk.id && e.data.status?.paperOut === paperOut,
  );

async function overviewState(): Promise<PrinterState | null> {
  const reply = await admin.get<{ printers: { deviceId: string; state: PrinterState | null }[] }>(
    `/api/v1/halls/${hallId}/printing`,
  );
  return reply.body.printers.find((p) => p.deviceId === kiosk.id)?.state ?? null;
}

describe('print agent status reports', () => {
  it('reports the printer ready once connected', async () => {
    const ready = statusOf(false);
    const connected = new Promise<void>((resolve) => agent.once('connected', resolve));
    agent.start();
    await connected;
    await ready;
    expect(await overviewState()).toMatchObject({
      reachable: true,
      error: null,
      status: { online: true, paperOut: false },
    });
  });

  it('brings paper out to the overview without a job, and the new roll after it', async () => {
    const out = statusOf(true);
    printer.setState({ paperOut: true });
    await out;
    expect(await overviewState()).toMatchObject({ reachable: true, status: { paperOut: true } });

    const back = statusOf(false);
    printer.setState({ paperOut: false });
    await back;
    expect(await overviewState()).toMatchObject({ reachable: true, status: { paperOut: false } });
  });

  it('reports a printer that cannot be reached', async () => {
    const down = nextEvent(
      t.deps.store,
      'device.status',
      (e) =>
        e.data.source === 'printer' &&
        e.data.deviceId === kiosk.id &&
        e.data.status === null &&
        typeof e.data.error === 'string',
    );
    await printer.stop();
    await down;
    const state = await overviewState();
    // The agent is still connected; its printer is what does not answer.
    expect(state?.status).toBeNull();
    expect(state?.error).toMatch(/127\.0\.0\.1/);
  });
});
