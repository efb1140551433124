import type { Namespace, Server, Socket } from 'socket.io';
import {
  DISPLAY_NAMESPACE,
  STAFF_NAMESPACE,
  type DisplayClientEvents,
  type DisplayServerEvents,
  type StaffClientEvents,
  type StaffServerEvents,
} from '../protocol/index.js';
import type { StaffPrincipal } from './staff-auth.js';

/**
 * The two namespaces with the event maps of the protocol, the same maps the
 * screens' clients use: an event renamed or a payload changed on one side
 * breaks the typecheck of the other.
 */

/** No events between hub processes beyond what the adapter carries itself. */
type NoEvents = Record<never, never>;

export interface DisplayData {
  hallId?: string;
  /** From the handshake: what the snapshot pushed on connect catches up from. */
  sinceSeq?: number;
}

export interface StaffData {
  principal: StaffPrincipal;
  hallIds: string[];
}

export type DisplayNamespace = Namespace<DisplayClientEvents, DisplayServerEvents, NoEvents, DisplayData>;
export type DisplaySocket = Socket<DisplayClientEvents, DisplayServerEvents, NoEvents, DisplayData>;
export type StaffNamespace = Namespace<StaffClientEvents, StaffServerEvents, NoEvents, StaffData>;
export type StaffSocket = Socket<StaffClientEvents, StaffServerEvents, NoEvents, StaffData>;

/**
 * A Socket.IO server types every namespace alike; each of ours has its own
 * maps, so they are named here, once.
 */
export function hallNamespaces(io: Server): { display: DisplayNamespace; staff: StaffNamespace } {
  return {
    display: io.of(DISPLAY_NAMESPACE) as unknown as DisplayNamespace,
    staff: io.of(STAFF_NAMESPACE) as unknown as StaffNamespace,
  };
}
