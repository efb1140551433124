import type { Hall, NewEvent, QueueKey, Service, ServiceWindow } from '../../domain/index.js';
import type {
  ClaimRequest,
  Device,
  Evaluation,
  EvaluationQuery,
  PrintJob,
  PrintJobQuery,
  PrintJobUpdate,
  IssueInput,
  IssueOnce,
  Session,
  Store,
  TicketQuery,
  TicketClaimRequest,
  TicketUpdate,
  User,
  WindowUpdate,
} from '../port.js';
import type { RectificationCase } from '../../domain/rectification/index.js';
import type { Appointment, AppointmentSettings } from '../../domain/appointments/index.js';
import type {
  AppointmentQuery,
  AppointmentUpdate,
  BookAppointmentInput,
  NewOutboxMessage,
  NotificationOutcome,
  RescheduleAppointmentInput,
} from '../port.js';
import type {
  DayAggregateQuery,
  MonthAggregatesUpdate,
  EventListener,
  FollowRequest,
  RectificationQuery,
  RectificationUpdate,
  HallImport,
  StatsRollupUpdate,
  TicketFactQuery,
} from '../port.js';
import { claimNext, claimTicket } from './claim.js';
import { checkWrites, openConnection, sql, writeTx, type ConnectionOptions, type Db } from './connection.js';
import { checkStoreContents, keepPrivate, openFailure, prepareStoreFile, stampStore } from './store-file.js';
import * as appointments from './appointments.js';
import * as notifications from './notifications.js';
import * as devices from './devices.js';
import * as evaluations from './evaluations.js';
import * as printJobs from './print-jobs.js';
import * as rectification from './rectification.js';
import * as stats from './stats.js';
import * as settings from './settings.js';
import { appendEvents, lastSeq, listEvents, listTicketEvents } from './events.js';
import { SqliteEventFollower } from './follow.js';
import * as halls from './halls.js';
import { importHall } from './import-hall.js';
import { issueTicketOnce } from './issue-keys.js';
import { migrate } from './migrations.js';
import * as people from './people.js';
import { hallSnapshot, listWaiting, serviceSamples, waitingGroups } from './snapshot.js';
import * as tickets from './tickets.js';
import * as windows from './windows.js';

export interface SqliteStoreOptions extends ConnectionOptions {
  /** Where a failing follower of the log is reported. */
  onFollowerError?: (err: unknown) => void;
}
export { StoreFileError } from './store-file.js';
export { SCHEMA_VERSION } from './migrations.js';
export { CANDIDATES_OF_DAY_SQL, WAITING_OF_DAY_SQL } from './claim.js';
export { WAITING_GROUPS_FROM_SQL } from './snapshot.js';

/**
 * The embedded store (DESIGN.md §5): one SQLite file in WAL mode, shared
 * safely by several processes. better-sqlite3 is synchronous, so every
 * method finishes its transaction before its promise settles.
 */
export class SqliteStore implements Store {
  readonly file: string;
  /** The connection itself, for maintenance (backup, integrity check) and tests. */
  readonly db: Db;

  private readonly follower: SqliteEventFollower;

  constructor(options: SqliteStoreOptions) {
    this.file = options.file;
    const { created } = prepareStoreFile(options.file);
    try {
      this.db = openConnection(options);
    } catch (err) {
      throw openFailure(options.file, err);
    }
    try {
      checkStoreContents(this.db, options.file, created);
      migrate(this.db);
      stampStore(this.db);
      keepPrivate(options.file);
    } catch (err) {
      this.db.close();
      throw openFailure(options.file, err);
    }
    this.follower = new SqliteEventFollower(
      this.db,
      options.onFollowerError ??
        ((err) => process.emitWarning(`A follower of the hall log failed: ${String(err)}`)),
    );
  }

  /** Ready when the file answers and writes go through (a full disk or a damaged file fails it). */
  async ping() {
    sql(this.db, 'SELECT 1').get();
    checkWrites(this.db);
  }
  async close() {
    this.follower.close();
    if (this.db.open) this.db.close();
  }

  async listHalls() {
    return halls.listHalls(this.db);
  }
  async getHall(id: string) {
    return halls.getHall(this.db, id);
  }
  async saveHall(hall: Hall, audit: NewEvent[]) {
    return halls.saveHall(this.db, hall, audit);
  }
  async deleteHall(id: string, audit: NewEvent[]) {
    return halls.deleteHall(this.db, id, audit);
  }

  async listServices(hallId: string) {
    return halls.listServices(this.db, hallId);
  }
  async getService(id: string) {
    return halls.getService(this.db, id);
  }
  async saveService(service: Service, audit: NewEvent[]) {
    return halls.saveService(this.db, service, audit);
  }
  async deleteService(id: string, audit: NewEvent[]) {
    return halls.deleteService(this.db, id, audit);
  }

  async listWindows(hallId: string) {
    return windows.listWindows(this.db, hallId);
  }
  async getWindow(id: string) {
    return windows.getWindow(this.db, id);
  }
  async saveWindow(window: ServiceWindow, audit: NewEvent[]) {
    return windows.saveWindow(this.db, window, audit);
  }
  async deleteWindow(id: string, audit: NewEvent[]) {
    return windows.deleteWindow(this.db, id, audit);
  }
  async updateWindow(update: WindowUpdate) {
    return windows.updateWindow(this.db, update);
  }

  async issueTicket(input: IssueInput) {
    return tickets.issueTicket(this.db, input);
  }
  async issueTicketOnce(input: IssueInput, once: IssueOnce) {
    return issueTicketOnce(this.db, input, once);
  }
  async claimNext(request: ClaimRequest) {
    return claimNext(this.db, request);
  }
  async claimTicket(request: TicketClaimRequest) {
    return claimTicket(this.db, request);
  }
  async updateTicket(update: TicketUpdate) {
    return tickets.updateTicket(this.db, update);
  }
  async getTicket(id: string) {
    return tickets.getTicket(this.db, id);
  }
  async getTicketByToken(statusToken: string) {
    return tickets.getTicketByToken(this.db, statusToken);
  }
  async findTicketByNumber(hallId: string, businessDay: string, number: string) {
    return tickets.findTicketByNumber(this.db, hallId, businessDay, number);
  }
  async listTickets(hallId: string, query?: TicketQuery) {
    return tickets.listTickets(this.db, hallId, query);
  }
  async listWaiting(hallId: string) {
    return listWaiting(this.db, hallId);
  }
  async serviceSamples(hallId: string, since: number) {
    return serviceSamples(this.db, hallId, since);
  }
  async hallSnapshot(hallId: string, recentCalls: number) {
    return hallSnapshot(this.db, hallId, recentCalls);
  }

  async listEvents(hallId: string, afterSeq: number, limit: number) {
    return listEvents(this.db, hallId, afterSeq, limit);
  }
  async listTicketEvents(ticketId: string) {
    return listTicketEvents(this.db, ticketId);
  }
  async lastSeq(hallId: string) {
    return lastSeq(this.db, hallId);
  }
  async appendEvents(events: NewEvent[]) {
    return writeTx(this.db, () => appendEvents(this.db, events));
  }
  followEvents(request: FollowRequest, listener: EventListener) {
    return this.follower.follow(request, listener);
  }

  async countUsers() {
    return people.countUsers(this.db);
  }
  async listUsers() {
    return people.listUsers(this.db);
  }
  async getUser(id: string) {
    return people.getUser(this.db, id);
  }
  async getUserByUsername(username: string) {
    return people.getUserByUsername(this.db, username);
  }
  async saveUser(user: User, audit: NewEvent[]) {
    return people.saveUser(this.db, user, audit);
  }
  async deleteUser(id: string, audit: NewEvent[]) {
    return people.deleteUser(this.db, id, audit);
  }

  async createSession(session: Session, audit: NewEvent[] = []) {
    return people.createSession(this.db, session, audit);
  }
  async getSession(tokenHash: string) {
    return people.getSession(this.db, tokenHash);
  }
  async deleteSession(tokenHash: string) {
    people.deleteSession(this.db, tokenHash);
  }
  async deleteUserSessions(userId: string) {
    people.deleteUserSessions(this.db, userId);
  }

  async listDevices(hallId?: string) {
    return devices.listDevices(this.db, hallId);
  }
  async getDevice(id: string) {
    return devices.getDevice(this.db, id);
  }
  async getDeviceByTokenHash(tokenHash: string) {
    return devices.getDeviceByTokenHash(this.db, tokenHash);
  }
  async saveDevice(device: Device, audit: NewEvent[]) {
    return devices.saveDevice(this.db, device, audit);
  }
  async deleteDevice(id: string, audit: NewEvent[]) {
    return devices.deleteDevice(this.db, id, audit);
  }
  async touchDevice(id: string, at: number) {
    devices.touchDevice(this.db, id, at);
  }

  async waitingGroups(hallId: string, before?: QueueKey) {
    return waitingGroups(this.db, hallId, before);
  }

  async getHallSetting(hallId: string, key: string) {
    return settings.getHallSetting(this.db, hallId, key);
  }
  async saveHallSetting(hallId: string, key: string, value: unknown, at: number, audit: NewEvent[]) {
    return settings.saveHallSetting(this.db, hallId, key, value, at, audit);
  }

  async createPrintJob(job: PrintJob, events: NewEvent[]) {
    return printJobs.createPrintJob(this.db, job, events);
  }
  async updatePrintJob(update: PrintJobUpdate) {
    return printJobs.updatePrintJob(this.db, update);
  }
  async getPrintJob(id: string) {
    return printJobs.getPrintJob(this.db, id);
  }
  async listPrintJobs(query: PrintJobQuery) {
    return printJobs.listPrintJobs(this.db, query);
  }

  async saveEvaluation(evaluation: Evaluation, events: NewEvent[]) {
    return evaluations.saveEvaluation(this.db, evaluation, events);
  }
  async getEvaluationByTicket(ticketId: string) {
    return evaluations.getEvaluationByTicket(this.db, ticketId);
  }
  async listEvaluations(hallId: string, query?: EvaluationQuery) {
    return evaluations.listEvaluations(this.db, hallId, query);
  }

  async getStatsCursor(hallId: string) {
    return stats.getStatsCursor(this.db, hallId);
  }
  async listTicketFacts(hallId: string, query: TicketFactQuery) {
    return stats.listTicketFacts(this.db, hallId, query);
  }
  async saveStatsRollup(update: StatsRollupUpdate) {
    stats.saveStatsRollup(this.db, update);
  }
  async listDayAggregates(hallId: string, query: DayAggregateQuery) {
    return stats.listDayAggregates(this.db, hallId, query);
  }
  async listMonthAggregates(hallId: string, query: DayAggregateQuery) {
    return stats.listMonthAggregates(this.db, hallId, query);
  }
  async saveMonthAggregates(update: MonthAggregatesUpdate) {
    return stats.saveMonthAggregates(this.db, update);
  }

  async openRectification(c: RectificationCase, events: NewEvent[]) {
    return rectification.openRectification(this.db, c, events);
  }
  async updateRectification(update: RectificationUpdate) {
    return rectification.updateRectification(this.db, update);
  }
  async getRectification(id: string) {
    return rectification.getRectification(this.db, id);
  }
  async getRectificationByTicket(ticketId: string) {
    return rectification.getRectificationByTicket(this.db, ticketId);
  }
  async listRectifications(hallId: string, query?: RectificationQuery) {
    return rectification.listRectifications(this.db, hallId, query);
  }
  async listUnfollowedBadRatings(hallId: string, limit: number) {
    return rectification.listUnfollowedBadRatings(this.db, hallId, limit);
  }

  async importHall(data: HallImport) {
    importHall(this.db, data);
  }

  // Appointments (预约).
  async getAppointmentSettings(hallId: string) {
    return appointments.getAppointmentSettings(this.db, hallId);
  }
  async saveAppointmentSettings(hallId: string, value: AppointmentSettings, at: number, audit: NewEvent[]) {
    return appointments.saveAppointmentSettings(this.db, hallId, value, at, audit);
  }
  async bookAppointment(input: BookAppointmentInput) {
    return appointments.bookAppointment(this.db, input);
  }
  async rescheduleAppointment(input: RescheduleAppointmentInput) {
    return appointments.rescheduleAppointment(this.db, input);
  }
  async updateAppointment(update: AppointmentUpdate) {
    return appointments.updateAppointment(this.db, update);
  }
  async getAppointment(id: string): Promise<Appointment | null> {
    return appointments.getAppointment(this.db, id);
  }
  async getAppointmentByCode(code: string): Promise<Appointment | null> {
    return appointments.getAppointmentByCode(this.db, code);
  }
  async listAppointments(hallId: string, query?: AppointmentQuery) {
    return appointments.listAppointments(this.db, hallId, query);
  }
  async bookedCounts(hallId: string, serviceId: string, from: string, to: string) {
    return appointments.bookedCounts(this.db, hallId, serviceId, from, to);
  }

  // Notifications (通知).
  async queueNotifications(messages: NewOutboxMessage[]) {
    return notifications.queueNotifications(this.db, messages);
  }
  async dueNotifications(now: number, limit: number) {
    return notifications.dueNotifications(this.db, now, limit);
  }
  async claimNotification(id: string, attempts: number, leaseUntil: number) {
    return notifications.claimNotification(this.db, id, attempts, leaseUntil);
  }
  async settleNotification(outcome: NotificationOutcome) {
    notifications.settleNotification(this.db, outcome);
  }
  async getNotification(id: string) {
    return notifications.getNotification(this.db, id);
  }
  async listNotifications(hallId: string, limit: number) {
    return notifications.listNotifications(this.db, hallId, limit);
  }
}

/** Opens (creating and migrating as needed) the store in `file`. */
export function openSqliteStore(options: SqliteStoreOptions): SqliteStore {
  return new SqliteStore(options);
}
