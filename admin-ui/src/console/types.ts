import type {
  PriorityCategory,
  TicketStatus,
  WindowKind,
  WindowState,
} from '@hall-queue/server/protocol';

/** What the console reads from the hub (GET /api/v1/windows/:windowId and the hall's lists). */

export interface ConsoleUser {
  id: string;
  username: string;
  displayName: string;
  staffNo: string;
  role: 'clerk' | 'supervisor' | 'admin';
  hallIds: string[];
}

export interface ConsoleTicket {
  id: string;
  number: string;
  serviceId: string;
  status: TicketStatus;
  categories: PriorityCategory[];
  assistance: boolean;
  issuedAt: number;
  calledAt: number | null;
  startedAt: number | null;
  callCount: number;
}

export interface NextTicket {
  id: string;
  number: string;
  serviceId: string;
  priority: boolean;
  assistance: boolean;
  issuedAt: number;
}

export interface ConsoleWindow {
  id: string;
  hallId: string;
  number: number;
  name: string;
  kind: WindowKind;
  state: WindowState;
  pauseReason: string | null;
  clerkIds: string[];
  currentClerkId: string | null;
}

export interface WindowView {
  window: ConsoleWindow;
  current: ConsoleTicket | null;
  held: ConsoleTicket[];
  next: NextTicket[];
}

export interface ServiceItem {
  id: string;
  name: string;
  domain: string;
  enabled: boolean;
}

export interface HallItem {
  id: string;
  name: string;
}

/** Every button of the console; the same names key the shortcuts and the refusal shown beside them. */
export type ConsoleAction =
  | 'call-next'
  | 'recall'
  | 'start'
  | 'complete'
  | 'no-show'
  | 'hold'
  | 'call-back'
  | 'transfer'
  | 'pause'
  | 'resume'
  | 'open'
  | 'close'
  | 'call-number';
