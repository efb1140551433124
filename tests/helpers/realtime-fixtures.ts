import { randomBytes } from 'node:crypto';
import {
  callNext,
  changeWindowState,
  completeTicket,
  DEVICE_TOKEN_PREFIX,
  hashSecret,
  issueTicket,
  recallTicket,
  startService,
  USER_TOKEN_PREFIX,
  type AppDeps,
} from '../../server/src/app/index.js';
import type { Actor, Hall, Service, ServiceWindow } from '../../server/src/domain/index.js';
import type { Device, Store, User } from '../../server/src/store/port.js';
import {
  buildDevice,
  buildEvent,
  buildHall,
  buildService,
  buildSession,
  buildUser,
  buildWindow,
  T0,
} from './factories.js';
import { startTestHub, type TestHub } from './hub.js';

/** A clock the test moves; every action of the driver moves it on, so no press looks like a double press. */
export class Clock {
  now = T0;
  advance(ms = 30_000): number {
    this.now += ms;
    return this.now;
  }
}

export async function startRealtimeHub(): Promise<{ hub: TestHub; clock: Clock }> {
  const clock = new Clock();
  const hub = await startTestHub({ deps: { now: () => clock.now } });
  return { hub, clock };
}

export interface SeededHall {
  hall: Hall;
  /** 社保 matter, prefix A. */
  social: Service;
  /** 医保 matter, prefix B. */
  medical: Service;
  /** Comprehensive window number 3. */
  w3: ServiceWindow;
  /** Comprehensive window number 5. */
  w5: ServiceWindow;
}

/** A hall with two matters of two domains and two open comprehensive windows, numbered 3 and 5. */
export async function seedHall(store: Store, overrides: Partial<Hall> = {}): Promise<SeededHall> {
  const hall = (await store.saveHall(buildHall({ name: '银川市民大厅', ...overrides }), [])).hall;
  const social = (
    await store.saveService(
      buildService(hall, { name: '社会保障卡申领', domain: '社保', prefix: 'A', sortOrder: 1 }),
      [],
    )
  ).service;
  const medical = (
    await store.saveService(
      buildService(hall, { name: '医保参保登记', domain: '医保', prefix: 'B', sortOrder: 2 }),
      [],
    )
  ).service;
  const w3 = (await store.saveWindow(buildWindow(hall, { number: 3, name: '3号综合窗口', sortOrder: 1 }), []))
    .window;
  const w5 = (await store.saveWindow(buildWindow(hall, { number: 5, name: '5号综合窗口', sortOrder: 2 }), []))
    .window;
  return { hall, social, medical, w3, w5 };
}

export const CLERK: Actor = { type: 'user', id: 'clerk-1' };

/** Drives a hall through the use cases, as the HTTP layer and keypads would. */
export class HallDriver {
  constructor(
    private readonly deps: AppDeps,
    private readonly clock: Clock,
    readonly seeded: SeededHall,
  ) {}

  async issue(service: Service = this.seeded.social) {
    this.clock.advance();
    return (await issueTicket(this.deps, { hallId: service.hallId, serviceId: service.id, channel: 'kiosk' }))
      .ticket;
  }
  async callNext(window: ServiceWindow = this.seeded.w3) {
    this.clock.advance();
    return callNext(this.deps, { windowId: window.id, actor: CLERK });
  }
  async recall(window: ServiceWindow = this.seeded.w3) {
    this.clock.advance();
    return recallTicket(this.deps, { windowId: window.id, actor: CLERK });
  }
  async start(window: ServiceWindow = this.seeded.w3) {
    this.clock.advance();
    return startService(this.deps, { windowId: window.id, actor: CLERK });
  }
  async complete(window: ServiceWindow = this.seeded.w3) {
    this.clock.advance();
    return completeTicket(this.deps, { windowId: window.id, actor: CLERK });
  }
  async pause(window: ServiceWindow, reason = '午间休息') {
    this.clock.advance();
    return changeWindowState(this.deps, { windowId: window.id, actor: CLERK, move: 'pause', reason });
  }
  async resume(window: ServiceWindow) {
    this.clock.advance();
    return changeWindowState(this.deps, { windowId: window.id, actor: CLERK, move: 'resume' });
  }

  /** A busy stretch of the day: every kind of message, across both windows. */
  async busyStretch(): Promise<void> {
    const { medical, w3, w5 } = this.seeded;
    await this.issue();
    await this.issue(medical);
    await this.issue();
    await this.callNext(w3);
    await this.recall(w3);
    await this.start(w3);
    await this.callNext(w5);
    await this.complete(w3);
    await this.pause(w3);
    await this.issue(medical);
    await this.callNext(w5);
    await this.resume(w3);
  }

  /** Renames a matter the way the admin console does: stored with its `config.changed` event, then published. */
  async renameService(service: Service, name: string): Promise<void> {
    await this.deps.store.saveService({ ...service, name }, [
      buildEvent(service.hallId, {
        at: this.clock.advance(),
        change: { entity: 'service', action: 'updated', subjectId: service.id, fields: ['name'] },
      }),
    ]);
  }
}

function secret(prefix: string): string {
  return prefix + randomBytes(18).toString('base64url');
}

/** A device with its own token, stored as a hash like the real thing. */
export async function seedDevice(
  store: Store,
  hall: Pick<Hall, 'id'>,
  overrides: Partial<Device> = {},
): Promise<{ device: Device; token: string }> {
  const token = secret(DEVICE_TOKEN_PREFIX);
  const device = (
    await store.saveDevice(buildDevice(hall, { tokenHash: hashSecret(token), ...overrides }), [])
  ).device;
  return { device, token };
}

/** A user with a bearer session; `token` is what goes into `auth.token` or the session cookie. */
export async function seedUser(
  store: Store,
  overrides: Partial<User> = {},
  kind: 'bearer' | 'cookie' = 'bearer',
): Promise<{ user: User; token: string }> {
  const user = (await store.saveUser(buildUser(overrides), [])).user;
  const token = secret(USER_TOKEN_PREFIX);
  await store.createSession(
    buildSession(user, { tokenHash: hashSecret(token), kind, expiresAt: T0 + 24 * 60 * 60_000 }),
  );
  return { user, token };
}
