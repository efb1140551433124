import { DEVICE_TOKEN_PREFIX, hashSecret, type AppDeps } from '../../app/index.js';
import type { Device } from '../../store/port.js';
import { VirtualPrinter } from '../../../../ticket-printer/src/virtual-printer/virtual-printer.js';
import { startVirtualPrinterWeb } from '../../../../ticket-printer/src/virtual-printer/web.js';

/**
 * The demo hall prints to a virtual printer, so a newcomer running
 * `npm start` sees tickets come out: the virtual printer runs in the hub's
 * process on loopback, and a demo kiosk device points at it. The kiosk gets a
 * fresh token at every start (tokens are only ever shown once), printed with
 * the kiosk's URL.
 *
 * VIRTUAL_PRINTER_PORT (default 9100; `off` to skip) and
 * VIRTUAL_PRINTER_WEB_PORT (default 9180). If the port is taken, for example
 * by `npm run virtual-printer` in another terminal, the kiosk prints there.
 */

export const DEMO_KIOSK_NAME = '演示取号机';

export interface DemoPrinting {
  kioskUrl: string;
  printerAddress: string;
  /** The job page, when this process runs the virtual printer. */
  webUrl: string | null;
  stop(): Promise<void>;
}

function portFromEnv(name: string, fallback: number): number | null {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'off') return null;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(`${name}: a port number or "off", not ${raw}`);
  return n;
}

async function demoKiosk(deps: AppDeps, hallId: string, address: string): Promise<string> {
  const token = DEVICE_TOKEN_PREFIX + deps.newSecret();
  const existing = (await deps.store.listDevices(hallId)).find(
    (d) => d.kind === 'kiosk' && d.name === DEMO_KIOSK_NAME,
  );
  const device: Device = existing
    ? { ...existing, tokenHash: hashSecret(token), config: { ...existing.config, printer: address } }
    : {
        id: deps.newId(),
        hallId,
        kind: 'kiosk',
        name: DEMO_KIOSK_NAME,
        windowId: null,
        tokenHash: hashSecret(token),
        config: { printer: address },
        revokedAt: null,
        lastSeenAt: null,
        createdAt: deps.now(),
      };
  await deps.store.saveDevice(device);
  return token;
}

export async function startDemoPrinting(
  deps: AppDeps,
  props: { hallId: string; baseUrl: string },
): Promise<DemoPrinting | null> {
  const port = portFromEnv('VIRTUAL_PRINTER_PORT', 9100);
  if (port === null) return null;
  const printer = new VirtualPrinter({ port });
  let web: Awaited<ReturnType<typeof startVirtualPrinterWeb>> | null = null;
  let printerPort = port;
  try {
    printerPort = (await printer.start()).port;
    web = await startVirtualPrinterWeb(printer, portFromEnv('VIRTUAL_PRINTER_WEB_PORT', 9180) ?? 0).catch(
      () => startVirtualPrinterWeb(printer, 0),
    );
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    // Someone already listens there: most likely `npm run virtual-printer`.
  }
  const printerAddress = `tcp://127.0.0.1:${printerPort}`;
  const token = await demoKiosk(deps, props.hallId, printerAddress);
  return {
    kioskUrl: `${props.baseUrl}/kiosk/${props.hallId}?token=${token}`,
    printerAddress,
    webUrl: web?.url ?? null,
    async stop() {
      await printer.stop();
      web?.server.close();
    },
  };
}
