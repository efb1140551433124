import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../server/src/app/index.js';
import { ROUTES } from '../../server/src/http/index.js';
import {
  Api,
  PASSWORD,
  createDevice,
  createHall,
  createService,
  createUser,
  createWindow,
  issue,
  loginCookie,
  storeFingerprint,
} from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';
import { allowsRole, fillPath, label } from '../helpers/route-table.js';

/** Logging in, the first admin, roles, CSRF, and what never leaves the hub. */

let t: TestHub;
let anon: Api;

beforeAll(async () => {
  t = await startTestHub();
  anon = new Api(t.url);
});
afterAll(async () => t.close());

describe('no default password', () => {
  it('a fresh hub has no user to log in as, and only the one-time code creates the first admin', async () => {
    for (const [username, password] of [
      ['admin', 'admin'],
      ['admin', ''],
      ['root', 'root'],
    ]) {
      const reply = await anon.post('/api/v1/auth/login', { username, password: password || 'x' });
      expect(reply.status).toBe(401);
      expect(reply.body).toMatchObject({ code: 'invalid_credentials' });
    }
    expect(await t.store.countUsers()).toBe(0);

    const code = await t.hub.setup.prepare(t.deps, {});
    expect(code).toMatch(/^\d{8}$/);
    expect((await anon.get('/api/v1/setup')).body).toEqual({ pending: true });
    const wrong = code === '00000000' ? '11111111' : '00000000';
    const bad = await anon.post('/api/v1/setup', { code: wrong, username: 'admin', password: PASSWORD });
    expect([bad.status, bad.body.code]).toEqual([403, 'setup_code_invalid']);
    const weak = await anon.post('/api/v1/setup', { code, username: 'admin', password: 'short' });
    expect([weak.status, weak.body.code]).toEqual([400, 'validation_failed']);

    const ok = await anon.post('/api/v1/setup', { code, username: 'admin', password: PASSWORD });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ user: { username: 'admin', role: 'admin' } });
    expect((await anon.get('/api/v1/setup')).body).toEqual({ pending: false });
    const again = await anon.post('/api/v1/setup', { code, username: 'admin2', password: PASSWORD });
    expect([again.status, again.body.code]).toEqual([403, 'setup_code_invalid']);
    expect(await t.store.countUsers()).toBe(1);
  });
});

describe('sessions', () => {
  it('sets an httpOnly SameSite cookie and refuses changes made with it without the CSRF header', async () => {
    const reply = await anon.post('/api/v1/auth/login', { username: 'admin', password: PASSWORD });
    const setCookie = reply.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^hall_session=usr_/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(reply.body).toHaveProperty('csrfToken');

    const { cookie, csrf } = await loginCookie(t, 'admin');
    const noHeader = anon.as({ cookie });
    expect((await noHeader.get('/api/v1/auth/me')).status).toBe(200);
    const before = await storeFingerprint(t);
    for (const forged of [noHeader, anon.as({ cookie, csrf: 'wrong' })]) {
      const refused = await forged.post('/api/v1/halls', { name: '伪造的大厅' });
      expect([refused.status, refused.body.code]).toEqual([403, 'csrf_failed']);
    }
    expect(await storeFingerprint(t)).toBe(before);
    const withHeader = await anon.as({ cookie, csrf }).post('/api/v1/halls', { name: '真的大厅' });
    expect(withHeader.status).toBe(201);
  });

  it('a bearer token from POST /auth/tokens works until logout ends it', async () => {
    const login = await anon.post<{ token: string }>('/api/v1/auth/login', {
      username: 'admin',
      password: PASSWORD,
      token: true,
    });
    const session = anon.as({ token: login.body.token });
    const minted = await session.post<{ token: string }>('/api/v1/auth/tokens');
    expect(minted.status).toBe(201);
    const api = anon.as({ token: minted.body.token });
    expect((await api.get('/api/v1/auth/me')).body).toMatchObject({
      kind: 'user',
      user: { username: 'admin' },
    });
    expect((await api.post('/api/v1/auth/logout')).status).toBe(204);
    expect((await api.get('/api/v1/auth/me')).status).toBe(401);
    expect((await session.get('/api/v1/auth/me')).status).toBe(200);
  });

  it('a disabled user and a changed password end the sessions', async () => {
    const admin = await adminApi();
    const hall = await createHall(admin);
    const clerk = await createUser(t, admin, { hallIds: [hall.id] });
    await admin.patch(`/api/v1/users/${clerk.user.id}`, { password: 'another long passphrase' });
    expect((await clerk.api.get('/api/v1/auth/me')).status).toBe(401);
    const other = await createUser(t, admin, { hallIds: [hall.id] });
    await admin.patch(`/api/v1/users/${other.user.id}`, { disabled: true });
    expect((await other.api.get('/api/v1/auth/me')).status).toBe(401);
    const login = await anon.post('/api/v1/auth/login', {
      username: other.user.username,
      password: PASSWORD,
    });
    expect(login.status).toBe(401);
  });
});

async function adminApi(): Promise<Api> {
  const login = await anon.post<{ token: string }>('/api/v1/auth/login', {
    username: 'admin',
    password: PASSWORD,
    token: true,
  });
  return anon.as({ token: login.body.token });
}

describe('roles', () => {
  it.each(['clerk', 'supervisor'] as const)('a %s cannot reach any admin-only route', async (role) => {
    const admin = await adminApi();
    const hall = await createHall(admin);
    const svc = await createService(admin, hall.id);
    const { user, api } = await createUser(t, admin, { role, hallIds: [hall.id] });
    const win = await createWindow(admin, hall.id, { clerkIds: [user.id] });
    const { device } = await createDevice(admin, hall.id);
    const issued = await issue(anon, hall.id, svc.id);
    const ids = {
      hallId: hall.id,
      serviceId: svc.id,
      windowId: win.id,
      deviceId: device.id,
      userId: user.id,
      ticketId: (await t.store.getTicketByToken(issued.statusToken))?.id ?? '',
      code: 'ABCDEFGH',
    };
    const before = await storeFingerprint(t);
    const denied = ROUTES.filter((r) => !allowsRole(r, role));
    expect(denied.length).toBeGreaterThan(10);
    for (const r of denied) {
      const reply = await api.call(
        r.method.toUpperCase(),
        fillPath(r, ids),
        r.method === 'get' ? undefined : (r.example ?? {}),
      );
      expect([reply.status, reply.body.code], label(r)).toEqual([403, 'forbidden']);
    }
    expect(await storeFingerprint(t)).toBe(before);
  });

  it('nobody reaches a staff route without credentials', async () => {
    for (const r of ROUTES.filter((x) => x.auth !== 'public')) {
      const reply = await anon.call(
        r.method.toUpperCase(),
        fillPath(r, {}, 'some-id'),
        r.method === 'get' ? undefined : {},
      );
      expect([reply.status, reply.body.code], label(r)).toEqual([401, 'unauthenticated']);
    }
  });
});

describe('secrets never leave the hub', () => {
  it('no response carries a password hash, a device token hash or a session secret', async () => {
    const admin = await adminApi();
    const hall = await createHall(admin);
    const svc = await createService(admin, hall.id);
    const { user } = await createUser(t, admin, { hallIds: [hall.id] });
    const win = await createWindow(admin, hall.id, { clerkIds: [user.id] });
    const { device, token } = await createDevice(admin, hall.id, { kind: 'keypad', windowId: win.id });
    const ticket = await issue(anon, hall.id, svc.id);
    const ticketId = (await t.store.getTicketByToken(ticket.statusToken))?.id ?? '';
    const ids = {
      hallId: hall.id,
      serviceId: svc.id,
      windowId: win.id,
      deviceId: device.id,
      userId: user.id,
      ticketId,
      token: ticket.statusToken,
      code: 'ABCDEFGH',
    };
    const hashes = (await t.store.listUsers()).map((u) => u.passwordHash);
    const forbiddenText = [...hashes, hashSecret(token), 'passwordHash', 'tokenHash', 'scrypt$'];
    const bodies: string[] = [];
    for (const r of ROUTES.filter((x) => x.method === 'get')) {
      bodies.push(JSON.stringify((await admin.get(fillPath(r, ids))).body));
    }
    bodies.push(
      JSON.stringify((await admin.patch(`/api/v1/users/${user.id}`, { displayName: '李明' })).body),
    );
    for (const body of bodies) for (const secret of forbiddenText) expect(body).not.toContain(secret);
    // The status token leaves the hub once, in the issue answer to the citizen.
    for (const body of bodies) expect(body).not.toContain(ticket.statusToken);
  });
});
