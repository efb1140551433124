import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import type { AppDeps } from '../app/index.js';
import { startBroadcaster } from './broadcaster.js';
import { DirectoryCache } from './directory-cache.js';
import { setupDisplayNamespace } from './display-namespace.js';
import { hallNamespaces } from './namespaces.js';
import type { ErrorReporter } from './replies.js';
import { deviceRoom, sessionRoom, userRoom } from './rooms.js';
import { setupStaffNamespace } from './staff-namespace.js';
import { setupPrintAgents } from './print-agents.js';

export interface RealtimeHub {
  io: Server;
  /** Connected clients, for /metrics. */
  connectedClients(): number;
  /**
   * Cuts off every socket of a device at once (call it when the device is
   * revoked or moved to another window: its rooms follow the old window).
   */
  disconnectDevice(deviceId: string): void;
  /**
   * Cuts off every socket of a user (logout everywhere, account disabled, role
   * or halls changed: its rooms were chosen from the old ones; a client that
   * reconnects is scoped anew).
   */
  disconnectUser(userId: string): void;
  /** Cuts off the sockets of one login session (logout), by its token hash. */
  disconnectSession(tokenHash: string): void;
  /** Resolves when the start-up print recovery has recorded what the last run left unfinished. */
  printRecovered: Promise<void>;
  close(): Promise<void>;
}

export interface RealtimeOptions {
  /** How long a dropped client may come back and be sent what it missed. */
  recoveryMs?: number;
  report?: ErrorReporter;
  /** The address citizens' phones reach (QR codes on printed tickets); else this machine's LAN address. */
  publicUrl?: string;
  /** Wait for a network printer's status answer after a job; see ticket-printer/src/print.ts. */
  printerStatusWaitMs?: number;
  /** A cross-process adapter (MongoDB mode: realtime/mongo-adapter.ts); default: Socket.IO's in-memory one. */
  adapter?: ServerOptions['adapter'];
}

/**
 * Socket.IO on the hub's HTTP server (docs/realtime.md): the public
 * `/display` namespace and the authenticated `/staff` namespace, both fed
 * from the followed log of the store (every hub process's commits).
 */
export function attachRealtime(
  httpServer: HttpServer,
  deps: AppDeps,
  options: RealtimeOptions = {},
): RealtimeHub {
  const io = new Server(httpServer, {
    serveClient: false,
    ...(options.adapter ? { adapter: options.adapter } : {}),
    // Requests are a hall id at most; a large frame is abuse.
    maxHttpBufferSize: 16 * 1024,
    connectionStateRecovery: {
      maxDisconnectionDuration: options.recoveryMs ?? 2 * 60_000,
      // Check the token again on recovery: a device may have been revoked meanwhile.
      skipMiddlewares: false,
    },
  });
  const report: ErrorReporter =
    options.report ?? ((err, context) => deps.log.error({ err }, `realtime: ${context}`));
  const cache = new DirectoryCache(deps);
  const { display, staff } = hallNamespaces(io);
  setupDisplayNamespace(display, { deps, cache, report });
  setupStaffNamespace(staff, { deps, cache, report });
  const printing = setupPrintAgents(io, deps, options.publicUrl, options.printerStatusWaitMs);
  const broadcaster = startBroadcaster(deps, cache, { display, staff }, report);

  return {
    io,
    connectedClients: () => io.engine.clientsCount,
    disconnectDevice: (deviceId) => staff.in(deviceRoom(deviceId)).disconnectSockets(true),
    disconnectUser: (userId) => staff.in(userRoom(userId)).disconnectSockets(true),
    disconnectSession: (tokenHash) => staff.in(sessionRoom(tokenHash)).disconnectSockets(true),
    printRecovered: printing.recovered,
    async close() {
      // A ticket on its way to a network printer is finished and recorded first,
      // so a graceful restart does not leave it as "may or may not be on paper".
      await settleWithin(printing.idle(), PRINT_DRAIN_MS);
      await broadcaster.stop();
      await io.close();
    },
  };
}

/** How long a graceful stop waits for tickets being printed; a printer that hangs does not hold it up. */
const PRINT_DRAIN_MS = 5000;

async function settleWithin(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  await Promise.race([
    work.then(
      () => undefined,
      () => undefined,
    ),
    timeout,
  ]);
  clearTimeout(timer);
}
