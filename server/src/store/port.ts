import type {
  Actor,
  Channel,
  EligibilityFilter,
  Hall,
  HallEvent,
  NewEvent,
  PriorityCategory,
  QueueGroup,
  QueueKey,
  QueuedTicket,
  Service,
  ServiceSample,
  ServiceWindow,
  Ticket,
  TicketPatch,
  TicketClaimMode,
  TicketStatus,
  WindowState,
} from '../domain/index.js';
import type {
  Device,
  Evaluation,
  EvaluationLevel,
  PrintJob,
  PrintJobStatus,
  Session,
  User,
} from '../domain/entities.js';
import type { RectificationCase, RectificationStatus } from '../domain/rectification/index.js';
import type { DayAggregate, TicketFact } from '../domain/stats/index.js';
import type {
  Appointment,
  AppointmentSettings,
  AppointmentStatus,
  SlotDef,
} from '../domain/appointments/index.js';

export type {
  Device,
  DeviceKind,
  Evaluation,
  EvaluationLevel,
  PrintJob,
  PrintJobStatus,
  Role,
  Session,
  User,
} from '../domain/entities.js';

/**
 * The storage port (DESIGN.md §5). It is narrow and shaped by the queue, so
 * each adapter does its atomicity natively: a transaction in SQLite,
 * findOneAndUpdate or a transaction in MongoDB.
 *
 * Contract, for every adapter:
 * - Every method that changes queue state appends its events to the hall's
 *   log in the same atomic step, and each event gets the hall's next `seq`
 *   (monotonic, no gaps, shared by all processes using the store).
 * - A change whose expectation no longer holds (ticket version, window state,
 *   window's current ticket) throws `DomainError('conflict')` and changes nothing.
 * - Rule violations found inside the atomic step throw the matching
 *   `DomainError` (`window_not_open`, `window_busy`, …) and change nothing.
 * - Reads never return partial writes.
 *
 * One convention for every write that changes hall state or configuration:
 * it takes the events it must append (`audit` for configuration, `events`
 * for queue, printing, ratings and 整改) as an array, appends them in the same
 * atomic step as the change, and returns what it changed together with the
 * appended events, each with its `seq` (`{ hall, events }`, `{ events }` for a
 * delete …). A refused write appends nothing. Callers use the returned events
 * and never re-read the log to find their own.
 *
 * Writes that are not hall events take no events and return nothing of the
 * log: sessions (`createSession` of a login, `deleteSession`, `deleteUserSessions`),
 * a device's last-seen time
 * (`touchDevice`) and the statistics roll-up (`saveStatsRollup`), which is
 * itself folded from the log. `appendEvents` only appends, so it returns the
 * appended events alone.
 *
 * Rules about what may be saved (a matter code or window number unique in a
 * hall, a username unique, …) are domain functions (`domain/uniqueness.ts`)
 * the use cases check before writing; an adapter keeps them only as a safety
 * net (a unique index) and refuses a racing write that breaks one with
 * `conflict`, changing nothing.
 */

export interface IssueInput {
  id: string;
  hallId: string;
  serviceId: string;
  prefix: string;
  /** Digits of the sequence part (hall rule `numberDigits`). */
  digits: number;
  businessDay: string;
  categories: PriorityCategory[];
  assistance: boolean;
  channel: Channel;
  appointmentId: string | null;
  issuedAt: number;
  effectiveAt: number;
  statusToken: string;
  actor: Actor;
  /**
   * The booking this ticket checks in (签到): written in the same atomic step
   * as the ticket, or nothing is written at all.
   */
  checkIn?: BookingCheckIn;
}

/**
 * A check-in decided on a booking as read: the ticket issue applies `patch`
 * to the booking and appends `events` after the ticket's `ticket.issued`, in
 * one atomic step. When the booking's version is no longer `expectedVersion`
 * (another kiosk checked it in, it was cancelled or moved), or it is not the
 * ticket's `appointmentId` in the ticket's hall, the issue throws `conflict`
 * and changes nothing: no ticket, no events, no number used.
 */
export interface BookingCheckIn {
  expectedVersion: number;
  patch: Pick<Appointment, 'status' | 'checkedInAt' | 'ticketId' | 'updatedAt'>;
  events: NewEvent[];
}

export interface IssueResult {
  ticket: Ticket;
  events: HallEvent[];
  /** The booking as checked in, when the issue carried a `checkIn`. */
  appointment?: Appointment;
}

/**
 * An issue that a client may repeat (the `Idempotency-Key` header): the key
 * is kept for the hall's business day with a fingerprint of what was asked.
 */
export interface IssueOnce {
  key: string;
  /** The normalised request (matter, categories, assistance, channel) the key was first used with. */
  fingerprint: string;
}

/** `replayed`: the key was already used today; `ticket` is that ticket as it is now and nothing was written. */
export interface IssueOnceResult extends IssueResult {
  replayed: boolean;
  /** The fingerprint stored with the key (the caller's own when the ticket was issued now). */
  fingerprint: string;
}

export interface ClaimRequest {
  hallId: string;
  windowId: string;
  /** Tried in order: the window's speciality, then overflow. */
  filters: EligibilityFilter[];
  /** Only tickets of this business day are called. */
  businessDay: string;
  now: number;
  actor: Actor;
  /** A repeat within this time of the window's last call-next returns the same ticket. */
  idempotencyMs: number;
  /**
   * When the window still has a called or serving ticket: complete it first
   * (a called one is started and completed) if true, else refuse with `window_busy`.
   */
  completeCurrent: boolean;
}

export type ClaimResult =
  | { kind: 'claimed'; ticket: Ticket; events: HallEvent[] }
  /**
   * A repeated press inside the idempotency window: the same ticket, nothing
   * changed. Only when the window's current ticket is the one its last
   * call-next claimed and is still `called`.
   */
  | { kind: 'repeated'; ticket: Ticket; events: [] }
  /** Nothing eligible waits; `events` holds the completion of the previous ticket, if any. */
  | { kind: 'empty'; events: HallEvent[] };

/** Calls one given ticket: 回呼 of a ticket held at the window, or a waiting ticket by its number. */
export interface TicketClaimRequest {
  hallId: string;
  windowId: string;
  ticketId: string;
  mode: TicketClaimMode;
  /** A ticket called by number must be of this business day. */
  businessDay: string;
  now: number;
  actor: Actor;
  /** As for call-next: finish the window's present ticket first, else refuse with `window_busy`. */
  completeCurrent: boolean;
}

export interface TicketUpdate {
  ticketId: string;
  /** The version read before the change was decided. */
  expectedVersion: number;
  patch: TicketPatch;
  events: NewEvent[];
  /** Keeps the window's current ticket in step, in the same atomic step. */
  window?: {
    id: string;
    expectedCurrentTicketId: string | null;
    currentTicketId: string | null;
  };
}

export interface WindowUpdate {
  windowId: string;
  expectedState?: WindowState;
  /** When set, the window's current ticket must be this (null: no ticket). */
  expectedCurrentTicketId?: string | null;
  /** When true, no ticket may be held (挂起) at the window; else `window_busy`, nothing changed. */
  expectNoHeldTickets?: boolean;
  patch: Partial<Pick<ServiceWindow, 'state' | 'pauseReason' | 'currentClerkId'>>;
  events: NewEvent[];
}

export interface EventBatch {
  hallId: string;
  events: HallEvent[];
}
export type EventListener = (batch: EventBatch) => void | Promise<void>;
export type Unsubscribe = () => void;
export type FollowRequest = { hallId: string; afterSeq: number } | { allHalls: true };

export interface TicketQuery {
  statuses?: TicketStatus[];
  businessDay?: string;
  windowId?: string;
  serviceId?: string;
  limit?: number;
  /** Only tickets after this one in issue order (issue time, number, id): the next page of a list. */
  after?: TicketCursor;
}

export interface TicketCursor {
  issuedAt: number;
  number: string;
  id: string;
}

export interface HallSnapshot {
  /** The seq of the last event included in this snapshot. */
  seq: number;
  windows: ServiceWindow[];
  /** The tickets currently called, served or held at windows. */
  activeTickets: Ticket[];
  /** Waiting tickets in queue order. */
  waiting: QueuedTicket[];
  /** The most recent call events (called, recalled, called back), newest first. */
  recentCalls: HallEvent[];
}

export interface PrintJobQuery {
  hallId?: string;
  deviceId?: string;
  ticketId?: string;
  statuses?: PrintJobStatus[];
  limit?: number;
}

export interface PrintJobUpdate {
  id: string;
  /** The change applies only while the job is in one of these statuses; else `conflict`. */
  expectedStatuses: PrintJobStatus[];
  patch: Partial<Pick<PrintJob, 'status' | 'attempts' | 'error' | 'deviceId'>> & { updatedAt: number };
  events: NewEvent[];
}

export interface EvaluationQuery {
  from?: number;
  to?: number;
  windowId?: string;
  levels?: EvaluationLevel[];
  limit?: number;
}

export interface Store extends AppointmentStore, NotificationStore {
  /** Readiness: throws when the store cannot serve. */
  ping(): Promise<void>;
  close(): Promise<void>;

  // Configuration. `audit` events are appended in the same atomic step.
  listHalls(): Promise<Hall[]>;
  getHall(id: string): Promise<Hall | null>;
  saveHall(hall: Hall, audit: NewEvent[]): Promise<{ hall: Hall; events: HallEvent[] }>;
  /**
   * Refuses with `conflict` while the hall has tickets, services, windows,
   * devices or bookings (param `bookings`). The hall's log stays, so `audit` is still appended to it.
   */
  deleteHall(id: string, audit: NewEvent[]): Promise<{ events: HallEvent[] }>;

  listServices(hallId: string): Promise<Service[]>;
  getService(id: string): Promise<Service | null>;
  /**
   * A matter's code is unique in its hall (a clash throws `conflict`). Matters
   * may share a ticket prefix: they then share one number sequence.
   */
  saveService(service: Service, audit: NewEvent[]): Promise<{ service: Service; events: HallEvent[] }>;
  /** Refuses with `conflict` while tickets reference the service. */
  deleteService(id: string, audit: NewEvent[]): Promise<{ events: HallEvent[] }>;

  listWindows(hallId: string): Promise<ServiceWindow[]>;
  getWindow(id: string): Promise<ServiceWindow | null>;
  /** Saves configuration only: state, current ticket and clerk are kept as stored (set them with updateWindow). A number clash in the hall throws `conflict`. */
  saveWindow(
    window: ServiceWindow,
    audit: NewEvent[],
  ): Promise<{ window: ServiceWindow; events: HallEvent[] }>;
  /** Refuses with `conflict` while the window has a current or held ticket. */
  deleteWindow(id: string, audit: NewEvent[]): Promise<{ events: HallEvent[] }>;
  updateWindow(update: WindowUpdate): Promise<{ window: ServiceWindow; events: HallEvent[] }>;

  // Queue.
  /** With `input.checkIn`, the booking is checked in by the same atomic step (see `BookingCheckIn`). */
  issueTicket(input: IssueInput): Promise<IssueResult>;
  /**
   * Issues like `issueTicket` unless `once.key` was already used in this hall
   * on `input.businessDay`; recording the key and issuing are one atomic step,
   * so a ticket issued before a crash is found again by its key. Keys of
   * earlier business days are dropped.
   */
  issueTicketOnce(input: IssueInput, once: IssueOnce): Promise<IssueOnceResult>;
  claimNext(request: ClaimRequest): Promise<ClaimResult>;
  /** As atomic as claimNext: the counter is freed and the ticket called in one step, or nothing changes. */
  claimTicket(request: TicketClaimRequest): Promise<{ ticket: Ticket; events: HallEvent[] }>;
  updateTicket(update: TicketUpdate): Promise<{ ticket: Ticket; events: HallEvent[] }>;
  getTicket(id: string): Promise<Ticket | null>;
  getTicketByToken(statusToken: string): Promise<Ticket | null>;
  /** By prefix and sequence, so `a23`, `A023` and `A0023` find the same ticket; junk finds none. */
  findTicketByNumber(hallId: string, businessDay: string, number: string): Promise<Ticket | null>;
  listTickets(hallId: string, query?: TicketQuery): Promise<Ticket[]>;
  /** Waiting tickets of the hall in queue order (all business days). */
  listWaiting(hallId: string): Promise<QueuedTicket[]>;
  /**
   * Waiting tickets of the hall grouped by matter, priority, assistance and
   * target window; with `before`, only those ahead of that queue key.
   */
  waitingGroups(hallId: string, before?: QueueKey): Promise<QueueGroup[]>;
  /** Service durations of tickets completed at or after `since`, summed per matter (`count` services each), by matter id. */
  serviceSamples(hallId: string, since: number): Promise<ServiceSample[]>;
  hallSnapshot(hallId: string, recentCalls: number): Promise<HallSnapshot>;

  // The append-only log.
  listEvents(hallId: string, afterSeq: number, limit: number): Promise<HallEvent[]>;
  lastSeq(hallId: string): Promise<number>;
  /** One ticket's events, oldest first. */
  listTicketEvents(ticketId: string): Promise<HallEvent[]>;
  /**
   * Follows the log: `listener` gets every event committed after the request's
   * position (one hall after `afterSeq`, or every hall from now), in order per
   * hall, each exactly once, whichever process wrote it. Commits through this
   * store are delivered before the writing call settles; other processes'
   * commits within 250 ms. A listener's error (or rejection) is reported and
   * never reaches the writer.
   */
  followEvents(request: FollowRequest, listener: EventListener): Unsubscribe;
  /** Appends reports that change no stored state (a keypad press that did nothing). */
  appendEvents(events: NewEvent[]): Promise<HallEvent[]>;

  // Hall settings: named JSON documents per hall (ticket layout, signage, voice …).
  getHallSetting(hallId: string, key: string): Promise<unknown>;
  /** Unknown hall → `not_found`. `audit` is appended in the same atomic step. */
  saveHallSetting(
    hallId: string,
    key: string,
    value: unknown,
    at: number,
    audit: NewEvent[],
  ): Promise<{ events: HallEvent[] }>;

  // Printing.
  /** Unknown hall, device or ticket → `not_found`. */
  createPrintJob(job: PrintJob, events: NewEvent[]): Promise<{ job: PrintJob; events: HallEvent[] }>;
  updatePrintJob(update: PrintJobUpdate): Promise<{ job: PrintJob; events: HallEvent[] }>;
  getPrintJob(id: string): Promise<PrintJob | null>;
  /** Oldest first. */
  listPrintJobs(query: PrintJobQuery): Promise<PrintJob[]>;

  // Ratings.
  /** A second rating of the same ticket → `conflict`, nothing changed. */
  saveEvaluation(
    evaluation: Evaluation,
    events: NewEvent[],
  ): Promise<{ evaluation: Evaluation; events: HallEvent[] }>;
  getEvaluationByTicket(ticketId: string): Promise<Evaluation | null>;
  /** Oldest first. */
  listEvaluations(hallId: string, query?: EvaluationQuery): Promise<Evaluation[]>;

  // People and devices.
  countUsers(): Promise<number>;
  listUsers(): Promise<User[]>;
  getUser(id: string): Promise<User | null>;
  getUserByUsername(username: string): Promise<User | null>;
  /**
   * A username clash throws `conflict`. `audit`: the user's events
   * (`domain/events.ts` `userChanged`: one per hall the user works in, or
   * every hall for an admin), appended in the same atomic step.
   */
  saveUser(user: User, audit: NewEvent[]): Promise<{ user: User; events: HallEvent[] }>;
  /** The user's sessions end with it. */
  deleteUser(id: string, audit: NewEvent[]): Promise<{ events: HallEvent[] }>;

  /**
   * A login session takes no events. An API token (a bearer session an admin
   * or the user issues) takes its `token_issued` audit, appended in the same step.
   */
  createSession(session: Session, audit?: NewEvent[]): Promise<{ events: HallEvent[] }>;
  getSession(tokenHash: string): Promise<Session | null>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteUserSessions(userId: string): Promise<void>;

  listDevices(hallId?: string): Promise<Device[]>;
  getDevice(id: string): Promise<Device | null>;
  getDeviceByTokenHash(tokenHash: string): Promise<Device | null>;
  /** `audit` is appended in the same atomic step. A token clash throws `conflict`. */
  saveDevice(device: Device, audit: NewEvent[]): Promise<{ device: Device; events: HallEvent[] }>;
  /** Refuses with `conflict` once the device has printed tickets. */
  deleteDevice(id: string, audit: NewEvent[]): Promise<{ events: HallEvent[] }>;
  touchDevice(id: string, at: number): Promise<void>;

  // Statistics roll-up (docs/statistics.md): ticket facts and daily aggregates folded from the log.
  getStatsCursor(hallId: string): Promise<StatsCursor>;
  listTicketFacts(hallId: string, query: TicketFactQuery): Promise<TicketFact[]>;
  /**
   * Writes facts, replaces the aggregates of `days`, drops the month sums of
   * their months and moves the cursor, in one atomic step; `conflict`
   * (nothing changed) when the cursor is no longer at `expectedSeq`.
   */
  saveStatsRollup(update: StatsRollupUpdate): Promise<void>;
  /** Aggregate rows of the period (hall-local dates, both ends included) matching the filters. */
  listDayAggregates(hallId: string, query: DayAggregateQuery): Promise<DayAggregate[]>;
  /**
   * The month sums kept for months from `from` to `to` (`YYYY-MM`, both
   * included): which months are kept, and their rows matching the filters.
   * A month not listed has no sum kept (never computed, or dropped by a
   * roll-up of one of its days).
   */
  listMonthAggregates(
    hallId: string,
    query: DayAggregateQuery,
  ): Promise<{ months: string[]; aggregates: DayAggregate[] }>;
  /**
   * Keeps a month's sums (`sumMonth` of its day aggregates), unless the
   * roll-up moved past `expectedSeq` meanwhile: then nothing is written and
   * the answer is false, for the sums may miss what the roll-up added.
   */
  saveMonthAggregates(update: MonthAggregatesUpdate): Promise<boolean>;

  // 整改 of 差评 (docs/rectification.md).
  /** One case per evaluation: a second open returns the existing case, `created: false`, no events. */
  openRectification(
    rectification: RectificationCase,
    events: NewEvent[],
  ): Promise<{ rectification: RectificationCase; events: HallEvent[]; created: boolean }>;
  /** Compare-and-set on `expectedVersion`: `conflict` and nothing changed when it moved. */
  updateRectification(
    update: RectificationUpdate,
  ): Promise<{ rectification: RectificationCase; events: HallEvent[] }>;
  getRectification(id: string): Promise<RectificationCase | null>;
  /** A ticket is rated once (一次一评), so it has at most one case. */
  getRectificationByTicket(ticketId: string): Promise<RectificationCase | null>;
  /** Oldest first. */
  listRectifications(hallId: string, query?: RectificationQuery): Promise<RectificationCase[]>;
  /** 差评 (levels 1–2) that have no case yet, oldest first. */
  listUnfollowedBadRatings(hallId: string, limit: number): Promise<Evaluation[]>;

  // Moving a hall between stores (docs/deploy.md).
  /**
   * Restores a hall exported from a store of either kind, in one atomic step,
   * keeping every id and every event's seq: afterwards the hall's log, tickets
   * and statistics read exactly as they did where it came from. The hall's
   * next event gets `seq` one past the last imported; number counters continue
   * from the highest ticket sequence of each prefix and day. Nothing is
   * appended to the log. Refuses with `conflict`, changing nothing, when the
   * hall id or any of its log exists here, when any imported id, status token
   * or device token is taken, or when a user's username belongs to another id
   * (a user whose id exists already is kept as stored, not overwritten).
   */
  importHall(data: HallImport): Promise<void>;
}

/** One hall and everything that belongs to it, as `importHall` takes it. */
export interface HallImport {
  hall: Hall;
  services: Service[];
  windows: ServiceWindow[];
  devices: Device[];
  /** Staff who work in the hall (their password hashes included). */
  users: User[];
  /** Named hall settings (ticket layout, signage, ratings, 整改 …), stamped `updatedAt`. */
  settings: { key: string; value: unknown; updatedAt: number }[];
  tickets: Ticket[];
  /** The whole log, seq 1, 2, 3 … without gaps. */
  events: HallEvent[];
  evaluations: Evaluation[];
  rectifications: RectificationCase[];
  printJobs: PrintJob[];
  /** The statistics roll-up as it stood, so reports read the same without refolding the log. */
  statsCursor: StatsCursor;
  ticketFacts: TicketFact[];
  dayAggregates: DayAggregate[];
}

export interface StatsCursor {
  /** The last event folded into the facts (0: none). */
  seq: number;
  /** Window → its clerk, as the log last said. */
  windowClerks: Record<string, string | null>;
}

export interface TicketFactQuery {
  ticketIds?: string[];
  days?: string[];
}

export interface StatsRollupUpdate {
  hallId: string;
  expectedSeq: number;
  cursor: StatsCursor;
  facts: TicketFact[];
  /** Days whose aggregates are replaced by `aggregates` (rows of other days are refused). */
  days: string[];
  aggregates: DayAggregate[];
}

export interface MonthAggregatesUpdate {
  hallId: string;
  /** `YYYY-MM`. */
  month: string;
  /** The roll-up cursor the day aggregates were read at. */
  expectedSeq: number;
  aggregates: DayAggregate[];
}

/** Dates `YYYY-MM-DD` for day aggregates; months `YYYY-MM` for month sums. */
export interface DayAggregateQuery {
  from: string;
  to: string;
  domain?: string;
  windowId?: string;
  clerkId?: string;
}

export interface RectificationUpdate {
  next: RectificationCase;
  expectedVersion: number;
  events: NewEvent[];
}

export interface RectificationQuery {
  statuses?: RectificationStatus[];
  /** Active cases whose deadline has passed at this instant. */
  overdueAt?: number;
  windowId?: string;
  clerkId?: string;
  assigneeId?: string;
  limit?: number;
}

// ---------------------------------------------------------------------------
// Appointments (预约). Kept in one block: bookings and their settings.
// ---------------------------------------------------------------------------

export interface BookAppointmentInput {
  /** The new booking, status `booked`, version 1. */
  appointment: Appointment;
  /** The day's slots of the matter (domain `slotsForDay`); the slot booked must be one of them. */
  slots: SlotDef[];
  maxBookedShare: number;
  /** When false, a second live booking of the same phone, matter and day is refused. */
  allowDuplicates: boolean;
  events: NewEvent[];
}

export interface RescheduleAppointmentInput {
  id: string;
  expectedVersion: number;
  day: string;
  slotStart: number;
  slotEnd: number;
  at: number;
  slots: SlotDef[];
  maxBookedShare: number;
  allowDuplicates: boolean;
  events: NewEvent[];
}

export interface AppointmentUpdate {
  next: Appointment;
  expectedVersion: number;
  events: NewEvent[];
}

export interface AppointmentQuery {
  /** Inclusive business days. */
  from?: string;
  to?: string;
  serviceId?: string;
  statuses?: AppointmentStatus[];
  /** Only bookings that still hold a name or a phone. */
  withPersonalData?: boolean;
  /** At most 5,000 (default 1,000); the list is in (day, slot, created, id) order. */
  limit?: number;
  /** The next page: bookings after this one in the list's order. */
  after?: AppointmentCursor;
}

export type AppointmentCursor = Pick<Appointment, 'day' | 'slotStart' | 'createdAt' | 'id'>;

export interface BookedCount {
  day: string;
  slotStart: number;
  count: number;
}

/**
 * Contract, for every adapter:
 * - `bookAppointment` and `rescheduleAppointment` count the slot's bookings
 *   and decide with the domain's `slotRefusal` in the same atomic step as
 *   the write, so two racing bookings for the last place give one success
 *   and one `slot_full`; a slot not among `slots` is `slot_unavailable`; a
 *   second live booking (booked, checked in) of the same phone, matter and
 *   day is `duplicate_booking` unless allowed.
 * - Bookings that hold a place: `booked`, `checked_in`, `missed` (a missed
 *   booking frees nothing retroactively). A cancelled one frees its place.
 * - `listAppointments` masks name and phone; only `getAppointment` and
 *   `getAppointmentByCode` return them whole.
 * - A change whose `expectedVersion` no longer holds is `conflict`.
 */
export interface AppointmentStore {
  /** The hall's booking settings, or the defaults (booking off) when none were saved. */
  getAppointmentSettings(hallId: string): Promise<AppointmentSettings>;
  saveAppointmentSettings(
    hallId: string,
    settings: AppointmentSettings,
    at: number,
    audit: NewEvent[],
  ): Promise<{ events: HallEvent[] }>;
  bookAppointment(input: BookAppointmentInput): Promise<{ appointment: Appointment; events: HallEvent[] }>;
  rescheduleAppointment(
    input: RescheduleAppointmentInput,
  ): Promise<{ appointment: Appointment; events: HallEvent[] }>;
  updateAppointment(update: AppointmentUpdate): Promise<{ appointment: Appointment; events: HallEvent[] }>;
  getAppointment(id: string): Promise<Appointment | null>;
  getAppointmentByCode(code: string): Promise<Appointment | null>;
  /** By day and slot; name and phone masked. */
  listAppointments(hallId: string, query?: AppointmentQuery): Promise<Appointment[]>;
  /** Places taken per slot of one matter over inclusive days. */
  bookedCounts(hallId: string, serviceId: string, from: string, to: string): Promise<BookedCount[]>;
}

// Notifications (通知): the outbox of messages to citizens. Kept in one block.

export type NotificationTemplate = 'booking_confirmed' | 'booking_reminder';
/** `queued` until sent; `failed` after the last attempt; `cancelled` when the booking no longer needs it. */
export type NotificationStatus = 'queued' | 'sent' | 'failed' | 'cancelled';

/**
 * One message to a citizen about a booking. It holds no phone: the sender
 * reads the phone from the booking when it sends, so purging the booking's
 * personal data leaves nothing here to purge.
 */
export interface OutboxMessage {
  id: string;
  hallId: string;
  appointmentId: string;
  template: NotificationTemplate;
  /** Unique: the same message is queued once however often it is offered. */
  key: string;
  /** When the booked slot starts (a message about a moved booking is not sent). */
  slotAt: number;
  status: NotificationStatus;
  attempts: number;
  /** When a `queued` message is next due. */
  dueAt: number;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
  sentAt: number | null;
}

export type NewOutboxMessage = Pick<
  OutboxMessage,
  'id' | 'hallId' | 'appointmentId' | 'template' | 'key' | 'slotAt' | 'dueAt' | 'createdAt'
>;

export interface NotificationOutcome {
  id: string;
  /** `queued` with a later `dueAt` schedules a retry. */
  status: NotificationStatus;
  at: number;
  dueAt?: number;
  lastError?: string | null;
}

/**
 * Contract, for every adapter:
 * - `queueNotifications` inserts the messages whose `key` is new and
 *   ignores the others; it answers how many it inserted.
 * - `claimNotification` is compare-and-set on (`queued`, `attempts`): it
 *   counts one attempt and moves `dueAt` to `leaseUntil`, so of two senders
 *   exactly one gets the message; a sender that dies leaves it due again
 *   at `leaseUntil`.
 * - `dueNotifications` lists `queued` messages with `dueAt <= now`, oldest due first.
 * - `listNotifications` lists a hall's messages, newest first.
 */
export interface NotificationStore {
  queueNotifications(messages: NewOutboxMessage[]): Promise<number>;
  dueNotifications(now: number, limit: number): Promise<OutboxMessage[]>;
  claimNotification(id: string, attempts: number, leaseUntil: number): Promise<boolean>;
  settleNotification(outcome: NotificationOutcome): Promise<void>;
  getNotification(id: string): Promise<OutboxMessage | null>;
  listNotifications(hallId: string, limit: number): Promise<OutboxMessage[]>;
}
