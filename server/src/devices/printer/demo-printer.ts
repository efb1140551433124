import { readFile, writeFile } from 'node:fs/promises';
import { DEVICE_TOKEN_PREFIX, hashSecret, type AppDeps } from '../../app/index.js';
import { SYSTEM, configChanged, type Device } from '../../domain/index.js';
import { VirtualPrinter } from '@hall-queue/ticket-printer/virtual-printer/virtual-printer.js';
import { startVirtualPrinterWeb } from '@hall-queue/ticket-printer/virtual-printer/web.js';

/**
 * The demo hall prints to a virtual printer, so a newcomer running
 * `npm start` sees tickets come out: the virtual printer runs in the hub's
 * process on loopback, and a demo kiosk device points at it. The kiosk's token
 * is made once and kept in the data directory (`demo-kiosk-token`, readable by
 * the hub's user only: the store keeps only its hash), so the kiosk address
 * printed at start keeps working across restarts; delete the file, or revoke
 * the device, to change it.
 *
 * VIRTUAL_PRINTER_PORT (default 9100; `off` to skip; checked in config.ts) and
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

async function storedToken(file: string): Promise<string | null> {
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
  const token = text?.trim() ?? '';
  return /^dev_[A-Za-z0-9_-]{16,200}$/.test(token) ? token : null;
}

async function demoKiosk(deps: AppDeps, hallId: string, address: string, tokenFile: string): Promise<string> {
  const existing = (await deps.store.listDevices(hallId)).find(
    (d) => d.kind === 'kiosk' && d.name === DEMO_KIOSK_NAME,
  );
  const kept = await storedToken(tokenFile);
  let token = kept !== null && existing?.tokenHash === hashSecret(kept) ? kept : null;
  if (token === null) {
    token = DEVICE_TOKEN_PREFIX + deps.newSecret();
    await writeFile(tokenFile, `${token}\n`, { mode: 0o600 });
  }
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
  await deps.store.saveDevice(device, [
    configChanged(
      { hallId, at: deps.now(), actor: SYSTEM },
      { entity: 'device', action: existing ? 'updated' : 'created', subjectId: device.id, label: 'kiosk' },
    ),
  ]);
  return token;
}

export async function startDemoPrinting(
  deps: AppDeps,
  props: {
    hallId: string;
    baseUrl: string;
    /** TCP port of the virtual printer; null: no demo printing. */
    printerPort: number | null;
    /** Port of its page of printed tickets. */
    webPort: number;
    /** Where the demo kiosk's token is kept between starts (in the data directory). */
    tokenFile: string;
  },
): Promise<DemoPrinting | null> {
  const port = props.printerPort;
  if (port === null) return null;
  const printer = new VirtualPrinter({ port });
  let web: Awaited<ReturnType<typeof startVirtualPrinterWeb>> | null = null;
  let printerPort = port;
  try {
    printerPort = (await printer.start()).port;
    web = await startVirtualPrinterWeb(printer, props.webPort).catch(() =>
      startVirtualPrinterWeb(printer, 0),
    );
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    // Someone already listens there: most likely `npm run virtual-printer`.
  }
  const printerAddress = `tcp://127.0.0.1:${printerPort}`;
  const token = await demoKiosk(deps, props.hallId, printerAddress, props.tokenFile);
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
