import type { Db, MongoClient } from 'mongodb';
import type { Hall, HallEvent, NewEvent, QueueKey, Service, ServiceWindow } from '../../domain/index.js';
import type { RectificationCase } from '../../domain/rectification/index.js';
import type { AppointmentSettings } from '../../domain/appointments/index.js';
import type {
  ClaimRequest,
  AppointmentQuery,
  AppointmentUpdate,
  BookAppointmentInput,
  NewOutboxMessage,
  NotificationOutcome,
  DayAggregateQuery,
  MonthAggregatesUpdate,
  HallImport,
  RescheduleAppointmentInput,
  Device,
  Evaluation,
  EvaluationQuery,
  EventListener,
  FollowRequest,
  IssueInput,
  IssueOnce,
  PrintJob,
  PrintJobQuery,
  PrintJobUpdate,
  RectificationQuery,
  RectificationUpdate,
  Session,
  StatsRollupUpdate,
  Store,
  TicketClaimRequest,
  TicketFactQuery,
  TicketQuery,
  TicketUpdate,
  User,
  WindowUpdate,
} from '../port.js';
import * as appointments from './appointments.js';
import * as notifications from './notifications.js';
import * as config from './config-writes.js';
import { connect, notFound, replicaSetStatus, type HelloReply, type ReplicaSetStatus } from './connection.js';
import { col, type Ctx } from './context.js';
import { fromDoc, fromDocs, type Doc, type WindowDoc } from './docs.js';
import { MongoEventFollower } from './follow.js';
import { importHall } from './import-hall.js';
import { migrate } from './migrations.js';
import * as queue from './queue.js';
import * as records from './records.js';

export { MongoStoreError, checkReplicaSet, databaseOf } from './connection.js';
export { COLLECTIONS, INDEXES, MIGRATIONS, SCHEMA_VERSION } from './migrations.js';
export type { ReplicaSetStatus } from './connection.js';

export interface MongoStoreOptions {
  uri: string;
  /** The database; default: the one named in the URI, else `hall`. */
  dbName?: string;
  /** Where a failing follower of the log is reported. */
  onFollowerError?: (err: unknown) => void;
}

/**
 * The production store (DESIGN.md §5, docs/mongodb.md): one MongoDB replica
 * set shared by every hub process. Queue writes are transactions with
 * majority write concern; the log is followed through a change stream.
 */
export class MongoStore implements Store {
  private readonly ctx: Ctx;
  private readonly follower: MongoEventFollower;

  constructor(
    private readonly client: MongoClient,
    readonly db: Db,
    readonly replicaSet: string,
    onFollowerError: (err: unknown) => void,
  ) {
    this.ctx = { client, db };
    this.follower = new MongoEventFollower(this.ctx, onFollowerError);
  }

  /** The driver's client and database, for other parts on the same database (the Agenda backend, the Socket.IO adapter). */
  mongo(): { client: MongoClient; db: Db } {
    return { client: this.client, db: this.db };
  }

  /** The replica set's name and present primary, for /readyz. */
  async replicaSetStatus(): Promise<ReplicaSetStatus> {
    return replicaSetStatus((await this.db.admin().command({ hello: 1 })) as HelloReply);
  }

  /** Ready when a primary answers and takes a majority write. */
  async ping() {
    const hello = (await this.db.admin().command({ hello: 1 })) as HelloReply;
    if (!hello.primary && hello.msg !== 'isdbgrid') {
      throw new Error(`The store has no primary: replica set ${hello.setName ?? '?'} is electing one.`);
    }
    await col(this.ctx, 'readiness').updateOne(
      { _id: '__readiness' },
      { $set: { at: Date.now() } },
      { upsert: true, writeConcern: { w: 'majority', wtimeoutMS: 5000 } },
    );
  }

  async close() {
    await this.follower.close();
    await this.client.close();
  }

  private async emit<T extends { events: HallEvent[] }>(result: T): Promise<T> {
    await this.follower.offer(result.events);
    return result;
  }

  private async emitted(events: HallEvent[]): Promise<HallEvent[]> {
    await this.follower.offer(events);
    return events;
  }

  async listHalls() {
    return fromDocs<Hall>(
      await col<Doc<Hall>>(this.ctx, 'halls')
        .find({}, { sort: { name: 1, _id: 1 } })
        .toArray(),
    );
  }
  async getHall(id: string) {
    return fromDoc<Hall>(await col<Doc<Hall>>(this.ctx, 'halls').findOne({ _id: id }));
  }
  async saveHall(hall: Hall, audit: NewEvent[]) {
    const { entity, events } = await config.saveHall(this.ctx, hall, audit);
    await this.follower.offer(events);
    return { hall: entity, events };
  }
  async deleteHall(id: string, audit: NewEvent[]) {
    return this.emit(await config.deleteHall(this.ctx, id, audit));
  }

  async listServices(hallId: string) {
    const docs = await col<Doc<Service>>(this.ctx, 'services')
      .find({ hallId }, { sort: { sortOrder: 1, code: 1, _id: 1 } })
      .toArray();
    return fromDocs<Service>(docs);
  }
  async getService(id: string) {
    return fromDoc<Service>(await col<Doc<Service>>(this.ctx, 'services').findOne({ _id: id }));
  }
  async saveService(service: Service, audit: NewEvent[]) {
    const { entity, events } = await config.saveService(this.ctx, service, audit);
    await this.follower.offer(events);
    return { service: entity, events };
  }
  async deleteService(id: string, audit: NewEvent[]) {
    return this.emit(await config.deleteService(this.ctx, id, audit));
  }

  async listWindows(hallId: string) {
    const docs = await col<WindowDoc>(this.ctx, 'windows')
      .find({ hallId }, { sort: { sortOrder: 1, number: 1 } })
      .toArray();
    return fromDocs<ServiceWindow>(docs);
  }
  async getWindow(id: string) {
    return fromDoc<ServiceWindow>(await col<WindowDoc>(this.ctx, 'windows').findOne({ _id: id }));
  }
  async saveWindow(window: ServiceWindow, audit: NewEvent[]) {
    const { entity, events } = await config.saveWindow(this.ctx, window, audit);
    await this.follower.offer(events);
    return { window: entity, events };
  }
  async deleteWindow(id: string, audit: NewEvent[]) {
    return this.emit(await config.deleteWindow(this.ctx, id, audit));
  }
  async updateWindow(update: WindowUpdate) {
    return this.emit(await queue.updateWindow(this.ctx, update));
  }

  async issueTicket(input: IssueInput) {
    return this.emit(await queue.issueTicket(this.ctx, input));
  }
  async issueTicketOnce(input: IssueInput, once: IssueOnce) {
    return this.emit(await queue.issueTicketOnce(this.ctx, input, once));
  }
  async claimNext(request: ClaimRequest) {
    return this.emit(await queue.claimNext(this.ctx, request));
  }
  async claimTicket(request: TicketClaimRequest) {
    return this.emit(await queue.claimTicket(this.ctx, request));
  }
  async updateTicket(update: TicketUpdate) {
    return this.emit(await queue.updateTicket(this.ctx, update));
  }
  async getTicket(id: string) {
    return queue.getTicket(this.ctx, id);
  }
  async getTicketByToken(statusToken: string) {
    return queue.getTicketByToken(this.ctx, statusToken);
  }
  async findTicketByNumber(hallId: string, businessDay: string, number: string) {
    return queue.findTicketByNumber(this.ctx, hallId, businessDay, number);
  }
  async listTickets(hallId: string, query?: TicketQuery) {
    return queue.listTickets(this.ctx, hallId, query);
  }
  async listWaiting(hallId: string) {
    return records.listWaiting(this.ctx, hallId);
  }
  async waitingGroups(hallId: string, before?: QueueKey) {
    return records.waitingGroups(this.ctx, hallId, before);
  }
  async serviceSamples(hallId: string, since: number) {
    return records.serviceSamples(this.ctx, hallId, since);
  }
  async hallSnapshot(hallId: string, recentCalls: number) {
    return records.hallSnapshot(this.ctx, hallId, recentCalls);
  }

  async listEvents(hallId: string, afterSeq: number, limit: number) {
    return records.listEvents(this.ctx, hallId, afterSeq, limit);
  }
  async lastSeq(hallId: string) {
    return records.lastSeq(this.ctx, hallId);
  }
  async listTicketEvents(ticketId: string) {
    return records.listTicketEvents(this.ctx, ticketId);
  }
  followEvents(request: FollowRequest, listener: EventListener) {
    return this.follower.follow(request, listener);
  }
  async appendEvents(events: NewEvent[]) {
    return this.emitted(await records.appendOnly(this.ctx, events));
  }

  async getHallSetting(hallId: string, key: string) {
    const doc = await col(this.ctx, 'settings').findOne({ hallId, key });
    return doc ? (JSON.parse(doc.value as string) as unknown) : null;
  }
  async saveHallSetting(hallId: string, key: string, value: unknown, at: number, audit: NewEvent[]) {
    return this.emit(await config.saveHallSetting(this.ctx, hallId, key, value, at, audit));
  }

  async createPrintJob(job: PrintJob, events: NewEvent[]) {
    return this.emit(await records.createPrintJob(this.ctx, job, events));
  }
  async updatePrintJob(update: PrintJobUpdate) {
    return this.emit(await records.updatePrintJob(this.ctx, update));
  }
  async getPrintJob(id: string) {
    return records.getPrintJob(this.ctx, id);
  }
  async listPrintJobs(query: PrintJobQuery) {
    return records.listPrintJobs(this.ctx, query);
  }

  async saveEvaluation(evaluation: Evaluation, events: NewEvent[]) {
    return this.emit(await config.saveEvaluation(this.ctx, evaluation, events));
  }
  async getEvaluationByTicket(ticketId: string) {
    return records.getEvaluationByTicket(this.ctx, ticketId);
  }
  async listEvaluations(hallId: string, query?: EvaluationQuery) {
    return records.listEvaluations(this.ctx, hallId, query);
  }

  async countUsers() {
    return col(this.ctx, 'users').countDocuments({});
  }
  async listUsers() {
    return fromDocs<User>(
      await col<Doc<User>>(this.ctx, 'users')
        .find({}, { sort: { username: 1 } })
        .toArray(),
    );
  }
  async getUser(id: string) {
    return fromDoc<User>(await col<Doc<User>>(this.ctx, 'users').findOne({ _id: id }));
  }
  async getUserByUsername(username: string) {
    return fromDoc<User>(await col<Doc<User>>(this.ctx, 'users').findOne({ username }));
  }
  async saveUser(user: User, audit: NewEvent[]) {
    const { entity, events } = await config.saveUser(this.ctx, user, audit);
    await this.follower.offer(events);
    return { user: entity, events };
  }
  async deleteUser(id: string, audit: NewEvent[]) {
    return this.emit(await config.deleteUser(this.ctx, id, audit));
  }

  async createSession(session: Session, audit: NewEvent[] = []) {
    return this.emit(await config.createSession(this.ctx, session, audit));
  }
  async getSession(tokenHash: string) {
    const doc = await col(this.ctx, 'sessions').findOne({ _id: tokenHash });
    if (!doc) return null;
    const { _id, ...rest } = doc;
    return { tokenHash: _id as string, ...rest } as Session;
  }
  async deleteSession(tokenHash: string) {
    await col(this.ctx, 'sessions').deleteOne({ _id: tokenHash });
  }
  async deleteUserSessions(userId: string) {
    await col(this.ctx, 'sessions').deleteMany({ userId });
  }

  async listDevices(hallId?: string) {
    const docs = await col<Doc<Device>>(this.ctx, 'devices')
      .find(hallId === undefined ? {} : { hallId }, {
        sort: hallId === undefined ? { hallId: 1, name: 1, _id: 1 } : { name: 1, _id: 1 },
      })
      .toArray();
    return fromDocs<Device>(docs);
  }
  async getDevice(id: string) {
    return fromDoc<Device>(await col<Doc<Device>>(this.ctx, 'devices').findOne({ _id: id }));
  }
  async getDeviceByTokenHash(tokenHash: string) {
    return fromDoc<Device>(await col<Doc<Device>>(this.ctx, 'devices').findOne({ tokenHash }));
  }
  async saveDevice(device: Device, audit: NewEvent[]) {
    const { entity, events } = await config.saveDevice(this.ctx, device, audit);
    await this.follower.offer(events);
    return { device: entity, events };
  }
  async deleteDevice(id: string, audit: NewEvent[]) {
    return this.emit(await config.deleteDevice(this.ctx, id, audit));
  }
  async touchDevice(id: string, at: number) {
    const done = await col(this.ctx, 'devices').updateOne({ _id: id }, { $set: { lastSeenAt: at } });
    if (done.matchedCount === 0) {
      throw notFound('Device', id);
    }
  }

  async getStatsCursor(hallId: string) {
    return records.getStatsCursor(this.ctx, hallId);
  }
  async listTicketFacts(hallId: string, query: TicketFactQuery) {
    return records.listTicketFacts(this.ctx, hallId, query);
  }
  async saveStatsRollup(update: StatsRollupUpdate) {
    await records.saveStatsRollup(this.ctx, update);
  }
  async listDayAggregates(hallId: string, query: DayAggregateQuery) {
    return records.listDayAggregates(this.ctx, hallId, query);
  }
  async listMonthAggregates(hallId: string, query: DayAggregateQuery) {
    return records.listMonthAggregates(this.ctx, hallId, query);
  }
  async saveMonthAggregates(update: MonthAggregatesUpdate) {
    return records.saveMonthAggregates(this.ctx, update);
  }

  async openRectification(c: RectificationCase, events: NewEvent[]) {
    return this.emit(await records.openRectification(this.ctx, c, events));
  }
  async updateRectification(update: RectificationUpdate) {
    return this.emit(await records.updateRectification(this.ctx, update));
  }
  async getRectification(id: string) {
    return records.getRectification(this.ctx, id);
  }
  async getRectificationByTicket(ticketId: string) {
    return records.getRectificationByTicket(this.ctx, ticketId);
  }
  async listRectifications(hallId: string, query?: RectificationQuery) {
    return records.listRectifications(this.ctx, hallId, query);
  }
  async listUnfollowedBadRatings(hallId: string, limit: number) {
    return records.listUnfollowedBadRatings(this.ctx, hallId, limit);
  }

  async importHall(data: HallImport) {
    await importHall(this.ctx, data);
  }

  // Appointments (预约).
  async getAppointmentSettings(hallId: string) {
    return appointments.getAppointmentSettings(this.ctx, hallId);
  }
  async saveAppointmentSettings(
    hallId: string,
    settings: AppointmentSettings,
    at: number,
    audit: NewEvent[],
  ) {
    return this.emit(await appointments.saveAppointmentSettings(this.ctx, hallId, settings, at, audit));
  }
  async bookAppointment(input: BookAppointmentInput) {
    return this.emit(await appointments.bookAppointment(this.ctx, input));
  }
  async rescheduleAppointment(input: RescheduleAppointmentInput) {
    return this.emit(await appointments.rescheduleAppointment(this.ctx, input));
  }
  async updateAppointment(update: AppointmentUpdate) {
    return this.emit(await appointments.updateAppointment(this.ctx, update));
  }
  async getAppointment(id: string) {
    return appointments.getAppointment(this.ctx, id);
  }
  async getAppointmentByCode(code: string) {
    return appointments.getAppointmentByCode(this.ctx, code);
  }
  async listAppointments(hallId: string, query?: AppointmentQuery) {
    return appointments.listAppointments(this.ctx, hallId, query);
  }
  async bookedCounts(hallId: string, serviceId: string, from: string, to: string) {
    return appointments.bookedCounts(this.ctx, hallId, serviceId, from, to);
  }

  // Notifications (通知).
  async queueNotifications(messages: NewOutboxMessage[]) {
    return notifications.queueNotifications(this.ctx, messages);
  }
  async dueNotifications(now: number, limit: number) {
    return notifications.dueNotifications(this.ctx, now, limit);
  }
  async claimNotification(id: string, attempts: number, leaseUntil: number) {
    return notifications.claimNotification(this.ctx, id, attempts, leaseUntil);
  }
  async settleNotification(outcome: NotificationOutcome) {
    await notifications.settleNotification(this.ctx, outcome);
  }
  async getNotification(id: string) {
    return notifications.getNotification(this.ctx, id);
  }
  async listNotifications(hallId: string, limit: number) {
    return notifications.listNotifications(this.ctx, hallId, limit);
  }
}

/** Connects, checks the replica set, runs the migrations and returns the store. */
export async function openMongoStore(options: MongoStoreOptions): Promise<MongoStore> {
  const { client, db, replicaSet } = await connect(options.uri, options.dbName);
  try {
    await migrate(db);
  } catch (err) {
    await client.close();
    throw err;
  }
  return new MongoStore(
    client,
    db,
    replicaSet,
    options.onFollowerError ??
      ((err) => process.emitWarning(`A follower of the hall log failed: ${String(err)}`)),
  );
}
