import type {
  Channel,
  PriorityCategory,
  Service,
  ServiceWindow,
  TicketStatus,
  WindowKind,
  WindowState,
} from '../domain/types.js';
import type { PriorityCategoryRule } from '../domain/priority.js';
import type { DeviceKind, PrintJobStatus, Role } from '../domain/entities.js';
import type { StatsReport } from '../domain/stats/aggregate.js';
import type { AppointmentStats } from '../domain/stats/appointments.js';
import type { NumberReading } from '../voice/spoken.js';

/**
 * The answers of the HTTP routes the screens read (docs/api.md). The hub's
 * routes and use cases are typed with these, and the screens import them from
 * `@hall-queue/server/protocol`, so a field renamed on one side breaks the
 * typecheck of the other. Types only, and the words of the hall they use.
 */

export {
  PRIORITY_CATEGORIES,
  WINDOW_KINDS,
  WINDOW_STATES,
  TICKET_STATUSES,
  type Channel,
  type Hall,
  type HeadStarts,
  type PriorityCategory,
  type Service,
  type ServiceWindow,
  type TicketStatus,
  type WindowKind,
  type WindowState,
} from '../domain/types.js';
export {
  PRIORITY_DECLARERS,
  defaultPriorityCategories,
  type PriorityCategoryRule,
  type PriorityDeclarer,
} from '../domain/priority.js';
export type { DeviceKind, PrintJobStatus, Role } from '../domain/entities.js';
export type { DurationStats, StatsReport } from '../domain/stats/aggregate.js';
export type {
  AppointmentSettings,
  IdentityFieldMode,
  ServiceAppointmentSettings,
  SlotMinutes,
} from '../domain/appointments/settings.js';
export type { AppointmentPreview, DayPreview, SlotAvailability } from '../domain/appointments/slots.js';
export type { AppointmentStats } from '../domain/stats/appointments.js';

// ---- Citizens and kiosks ----------------------------------------------------

export interface KioskService {
  id: string;
  code: string;
  name: string;
  domain: string;
  prefix: string;
  pinyin: string;
  crossRegion: boolean;
  cannotHandle: boolean;
  waiting: number;
  /** For a ticket taken now without priority; null minutes when no window is open for it. */
  estimate: { ahead: number; minutes: number | null };
}

export interface KioskDomain {
  domain: string;
  waiting: number;
  services: KioskService[];
}

/** `GET /api/v1/halls/{hallId}/kiosk-menu`. */
export interface KioskMenu {
  hall: { id: string; name: string };
  domains: KioskDomain[];
  /** What a citizen may declare at the kiosk (each to be shown proof of at the window). */
  priorityCategories: PriorityCategory[];
  /** Every category the hall offers, with who declares it (staff issuing screens offer them all). */
  priorityRules: PriorityCategoryRule[];
}

/** `POST /api/v1/halls/{hallId}/tickets`: what the kiosk prints and the citizen's phone keeps; which categories were declared stays private. */
export interface IssuedTicketView {
  number: string;
  status: TicketStatus;
  hallId: string;
  service: { id: string; name: string; domain: string };
  issuedAt: number;
  priority: boolean;
  assistance: boolean;
  channel: Channel;
  ahead: number;
  estimatedMinutes: number | null;
  statusToken: string;
}

export interface PrintJobView {
  id: string;
  /** The job's place among the ticket's jobs (1, 2, …). */
  copy: number;
  /** The copy number the ticket says (`补打 第n联` when above 1). */
  printedCopy: number;
  status: PrintJobStatus;
  error: string | null;
  createdAt: number;
  updatedAt: number;
}

/** `GET /api/v1/tickets/{token}/print-jobs`. */
export interface PrintJobList {
  number: string;
  jobs: PrintJobView[];
}

/** `POST /api/v1/halls/{hallId}/reprints`; `joined`: a job of this ticket was still printing, no second one was made. */
export interface ReprintAnswer {
  job: PrintJobView;
  joined: boolean;
}

// ---- Lobby signage ----------------------------------------------------------

/** A span of the day, hall time, during which boards show calls but stay silent; may wrap midnight. */
export interface QuietHours {
  from: string;
  to: string;
}

export interface VoiceSettings {
  /** How many times each call-out is spoken (a citizen who missed the first hears the second). */
  repeat: number;
  /** 0 (silent) … 1 (full). */
  volume: number;
  quietHours: QuietHours[];
  /** A chime before each call-out draws attention before the words start. */
  chime: boolean;
  /**
   * A board back from an absence (network, power) shows every call it missed
   * and speaks only those at most this many seconds old; older ones are
   * shown, not read out to a hall that has moved on.
   */
  missedCallSeconds: number;
  /** The call-out sentence, with `{number}` and `{window}` (voice/spoken.ts). */
  template: string;
  /** Ticket numbers read digit by digit (A 零 二 三) or as a number (A 二十三). */
  numberReading: NumberReading;
}

export const BOARD_LAYOUTS = ['landscape', 'portrait', 'strip'] as const;
export type BoardLayout = (typeof BOARD_LAYOUTS)[number];
export const BOARD_THEMES = ['default', 'elder'] as const;
export type BoardTheme = (typeof BOARD_THEMES)[number];

export interface DisplayConfig {
  layout: BoardLayout;
  theme: BoardTheme;
  /** Window numbers shown; empty: every window. */
  windows: number[];
  /** Areas (domains) whose waiting counts are shown; empty: every area. */
  domains: string[];
}

export interface BoardArea {
  domain: string;
  waiting: number;
  /** Estimated minutes for someone taking a ticket of this area now; null while no window serves it. */
  minutes: number | null;
}

/** `GET /api/v1/halls/{hallId}/signage/board`, or `GET /api/v1/signage/board` with a display device's token. */
export interface BoardConfig {
  hall: { id: string; name: string; timeZone: string };
  notice: string;
  voice: VoiceSettings & { hubAudio: boolean };
  display: DisplayConfig;
  /** The display device this config is for; null for a public board. */
  deviceId: string | null;
  areas: BoardArea[];
  at: number;
}

// ---- Staff: queue and console -----------------------------------------------

/** A ticket as staff screens see it. No status token: that secret is the citizen's. */
export interface StaffTicketView {
  id: string;
  hallId: string;
  serviceId: string;
  number: string;
  businessDay: string;
  status: TicketStatus;
  categories: PriorityCategory[];
  assistance: boolean;
  channel: Channel;
  issuedAt: number;
  effectiveAt: number;
  windowId: string | null;
  targetWindowId: string | null;
  callCount: number;
  calledAt: number | null;
  startedAt: number | null;
  endedAt: number | null;
  transferCount: number;
}

/** One of the next tickets a window would call. */
export interface NextTicketView {
  id: string;
  number: string;
  serviceId: string;
  priority: boolean;
  assistance: boolean;
  issuedAt: number;
}

/** `GET /api/v1/windows/{windowId}` for staff. */
export interface WindowView {
  window: ServiceWindow;
  current: StaffTicketView | null;
  held: StaffTicketView[];
  next: NextTicketView[];
}

/** A person as they leave the hub: never a password hash or session secret. */
export interface UserView {
  id: string;
  username: string;
  displayName: string;
  staffNo: string;
  role: Role;
  hallIds: string[];
  disabled: boolean;
  createdAt: number;
}

// ---- Admin and supervisor -----------------------------------------------------

/** `GET /api/v1/halls/{hallId}/services`. */
export interface ServiceList {
  services: Service[];
}

/** What a printer says of itself (DLE EOT); the same shape as the printer package's status. */
export interface PrinterStatusView {
  online: boolean;
  coverOpen: boolean;
  paperOut: boolean;
  paperNearEnd: boolean;
  /** Cutter jam, overheated head, or another error the printer reports. */
  error: boolean;
}

export interface PrinterStateView {
  /** null: the transport cannot read status (USB file) or the printer never answered. */
  status: PrinterStatusView | null;
  reachable: boolean;
  error: string | null;
  /** A stable code of what went wrong (`not_a_printer`, `timeout`, …); null when all went well. */
  code?: string | null;
  at: number;
}

export interface FloorWindow {
  id: string;
  number: number;
  name: string;
  kind: WindowKind;
  sortOrder: number;
  state: WindowState;
  pauseReason: string | null;
  /** Since when the window is paused, when the recent events tell; null otherwise. */
  pausedSince: number | null;
  clerk: { id: string; name: string; staffNo: string } | null;
  current: {
    number: string;
    status: TicketStatus;
    /** The matter's name. */
    service: string;
    calledAt: number | null;
    startedAt: number | null;
  } | null;
}

export interface FloorArea {
  domain: string;
  waiting: number;
  oldestIssuedAt: number | null;
}

export interface FloorDevice {
  id: string;
  kind: DeviceKind;
  name: string;
  windowId: string | null;
  online: boolean;
  lastSeenAt: number | null;
}

export interface FloorPrinter {
  deviceId: string;
  name: string;
  state: PrinterStateView | null;
}

/** `GET /api/v1/halls/{hallId}/floor`: the live floor for supervisors. */
export interface Floor {
  at: number;
  seq: number;
  windows: FloorWindow[];
  areas: FloorArea[];
  devices: FloorDevice[];
  printers: FloorPrinter[];
}

/** `GET /api/v1/halls/{hallId}/stats`. */
export interface StatsAnswer {
  report: StatsReport;
  appointments: AppointmentStats;
}

// ---- Devices --------------------------------------------------------------

/** A registered device as the admin console lists it (never its token hash). */
export interface DeviceView {
  id: string;
  hallId: string;
  kind: DeviceKind;
  name: string;
  windowId: string | null;
  config: Record<string, unknown>;
  revoked: boolean;
  revokedAt: number | null;
  lastSeenAt: number | null;
  createdAt: number;
}
