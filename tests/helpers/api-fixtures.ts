import type { Hall, Service, ServiceWindow } from '../../server/src/domain/index.js';
import type { DeviceView, UserView } from '../../server/src/http/presenters/people.js';
import type { IssuedTicketView } from '../../server/src/http/presenters/tickets.js';
import type { TestHub } from './hub.js';

/**
 * Talking to a real hub over real HTTP. `Api` is a tiny fetch client bound to
 * one identity (bearer token, or cookie plus CSRF token); the `create*`
 * helpers build configuration through the admin routes with overrides, so a
 * test states only what it is about.
 */

/** Without a type argument the body is a loose record: tests then assert on its fields. */
export type Loose = Record<string, unknown>;

export interface Reply<T = Loose> {
  status: number;
  body: T;
  contentType: string;
  headers: Headers;
}

export interface Identity {
  token?: string;
  cookie?: string;
  csrf?: string;
}

export class Api {
  constructor(
    readonly base: string,
    readonly identity: Identity = {},
  ) {}

  as(identity: Identity): Api {
    return new Api(this.base, identity);
  }

  /** `body` is sent as JSON; pass `raw` to send exact bytes with your own content type. */
  async call<T = Loose>(
    method: string,
    path: string,
    body?: unknown,
    opts: { raw?: string; contentType?: string; headers?: Record<string, string> } = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (this.identity.token) headers.authorization = `Bearer ${this.identity.token}`;
    if (this.identity.cookie) headers.cookie = this.identity.cookie;
    if (this.identity.csrf) headers['x-csrf-token'] = this.identity.csrf;
    let payload: string | undefined;
    if (opts.raw !== undefined) payload = opts.raw;
    else if (body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined) headers['content-type'] = opts.contentType ?? 'application/json';
    const res = await fetch(this.base + path, {
      method,
      headers,
      ...(payload !== undefined ? { body: payload } : {}),
    });
    const contentType = res.headers.get('content-type') ?? '';
    const text = await res.text();
    const parsed: unknown = contentType.includes('json') && text !== '' ? JSON.parse(text) : text;
    return { status: res.status, body: parsed as T, contentType, headers: res.headers };
  }

  get<T = Loose>(path: string): Promise<Reply<T>> {
    return this.call<T>('GET', path);
  }
  post<T = Loose>(path: string, body: unknown = {}): Promise<Reply<T>> {
    return this.call<T>('POST', path, body);
  }
  put<T = Loose>(path: string, body: unknown): Promise<Reply<T>> {
    return this.call<T>('PUT', path, body);
  }
  patch<T = Loose>(path: string, body: unknown): Promise<Reply<T>> {
    return this.call<T>('PATCH', path, body);
  }
  delete<T = Loose>(path: string): Promise<Reply<T>> {
    return this.call<T>('DELETE', path);
  }
}

export const PASSWORD = 'correct horse battery staple';

/** Fails the test with the hub's answer when a setup step does not get the expected status. */
export function expectStatus<T>(reply: Reply<T>, status: number, what: string): T {
  if (reply.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${reply.status} ${JSON.stringify(reply.body)}`);
  }
  return reply.body;
}

/** The first admin through the one-time setup code, logged in with a bearer token. */
export async function setupAdmin(t: TestHub, username = 'admin'): Promise<Api> {
  const code = await t.hub.setup.prepare(t.deps, {});
  if (!code) throw new Error('setup is not pending on this hub');
  const anon = new Api(t.url);
  expectStatus(await anon.post('/api/v1/setup', { code, username, password: PASSWORD }), 201, 'setup');
  return loginToken(t, username);
}

export async function loginToken(t: TestHub, username: string, password = PASSWORD): Promise<Api> {
  const reply = await new Api(t.url).post<{ token: string }>('/api/v1/auth/login', {
    username,
    password,
    token: true,
  });
  const body = expectStatus(reply, 200, 'login');
  return new Api(t.url, { token: body.token });
}

/** A cookie session: the cookie as the browser would send it, and the CSRF token from the login answer. */
export async function loginCookie(t: TestHub, username: string): Promise<{ cookie: string; csrf: string }> {
  const reply = await new Api(t.url).post<{ csrfToken: string }>('/api/v1/auth/login', {
    username,
    password: PASSWORD,
  });
  const body = expectStatus(reply, 200, 'cookie login');
  const setCookie = reply.headers.get('set-cookie') ?? '';
  return { cookie: setCookie.split(';')[0] ?? '', csrf: body.csrfToken };
}

let serial = 0;
const next = () => (serial += 1);

/** Open around the clock, so a test passes at any hour. */
export const ALL_DAY = {
  weekly: Array.from({ length: 7 }, () => [{ open: '00:00', close: '24:00' }]),
  holidays: [],
  special: {},
};

export async function createHall(admin: Api, overrides: Loose = {}): Promise<Hall> {
  const body = { name: `测试政务服务中心 ${next()}`, calendar: ALL_DAY, ...overrides };
  return expectStatus(await admin.post<{ hall: Hall }>('/api/v1/halls', body), 201, 'create hall').hall;
}

export async function createService(admin: Api, hallId: string, overrides: Loose = {}): Promise<Service> {
  const n = next();
  const body = {
    code: `S${n}`,
    name: `事项${n}`,
    domain: '社保',
    prefix: 'A',
    expectedMinutes: 10,
    ...overrides,
  };
  const reply = await admin.post<{ service: Service }>(`/api/v1/halls/${hallId}/services`, body);
  return expectStatus(reply, 201, 'create service').service;
}

export async function createWindow(
  admin: Api,
  hallId: string,
  overrides: Loose = {},
): Promise<ServiceWindow> {
  const n = next();
  const body = { number: n, name: `${n}号窗口`, kind: 'comprehensive', ...overrides };
  const reply = await admin.post<{ window: ServiceWindow }>(`/api/v1/halls/${hallId}/windows`, body);
  return expectStatus(reply, 201, 'create window').window;
}

export async function createUser(
  t: TestHub,
  admin: Api,
  overrides: Loose = {},
): Promise<{ user: UserView; api: Api }> {
  const body = { username: `user${next()}`, password: PASSWORD, role: 'clerk', ...overrides };
  const user = expectStatus(
    await admin.post<{ user: UserView }>('/api/v1/users', body),
    201,
    'create user',
  ).user;
  return { user, api: await loginToken(t, user.username) };
}

export async function createDevice(
  admin: Api,
  hallId: string,
  overrides: Loose = {},
): Promise<{ device: DeviceView; token: string; api: Api }> {
  const body = { kind: 'kiosk', name: `设备${next()}`, ...overrides };
  const created = await admin.post<{ device: DeviceView; token: string }>(
    `/api/v1/halls/${hallId}/devices`,
    body,
  );
  const reply = expectStatus(created, 201, 'create device');
  return { device: reply.device, token: reply.token, api: admin.as({ token: reply.token }) };
}

/** Opens a window as the given staff member (or device) and checks it worked. */
export async function openWindow(api: Api, windowId: string): Promise<void> {
  expectStatus(await api.post(`/api/v1/windows/${windowId}/open`), 200, 'open window');
}

export async function issue(
  api: Api,
  hallId: string,
  serviceId: string,
  extra: Loose = {},
): Promise<IssuedTicketView> {
  const reply = await api.post<IssuedTicketView>(`/api/v1/halls/${hallId}/tickets`, { serviceId, ...extra });
  return expectStatus(reply, 201, 'issue');
}

/** Everything the bad-input tests compare before and after a refused request. */
export async function storeFingerprint(t: TestHub): Promise<string> {
  const s = t.store;
  const halls = await s.listHalls();
  const perHall = await Promise.all(
    halls.map(async (h) => ({
      hall: h,
      seq: await s.lastSeq(h.id),
      services: await s.listServices(h.id),
      windows: await s.listWindows(h.id),
      tickets: await s.listTickets(h.id),
    })),
  );
  const devices = (await s.listDevices()).map((d) => ({ ...d, lastSeenAt: null }));
  return JSON.stringify({ perHall, users: await s.listUsers(), devices });
}
