import type {
  Hall,
  NextTicketView,
  Service,
  ServiceWindow,
  StaffTicketView,
  UserView,
  WindowView,
} from '@hall-queue/server/protocol';

/** What the console reads from the hub (GET /api/v1/windows/:windowId and the hall's lists): the hub's own answer types. */

export type ConsoleUser = Pick<UserView, 'id' | 'username' | 'displayName' | 'staffNo' | 'role' | 'hallIds'>;
export type ConsoleTicket = StaffTicketView;
export type NextTicket = NextTicketView;
export type ConsoleWindow = ServiceWindow;
export type { WindowView };
export type ServiceItem = Pick<Service, 'id' | 'name' | 'domain' | 'enabled'>;

export type HallItem = Pick<Hall, 'id' | 'name'>;

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
