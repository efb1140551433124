// Placeholder entry point; the realtime layer is being written.
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { AppDeps } from '../app/index.js';

export interface RealtimeHub {
  io: Server;
  /** Connected clients, for /metrics. */
  connectedClients(): number;
  close(): Promise<void>;
}

export function attachRealtime(httpServer: HttpServer, _deps: AppDeps): RealtimeHub {
  const io = new Server(httpServer);
  return { io, connectedClients: () => io.engine.clientsCount, close: async () => void (await io.close()) };
}
