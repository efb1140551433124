import { describe, expect, it } from 'vitest';
import { buildDevice, buildHall, buildSession, buildUser, buildWindow, T0 } from '../../helpers/factories.js';
import { expectDomainError, useStore, type MakeStore } from './setup.js';

export function peopleContract(makeStore: MakeStore): void {
  const store = useStore(makeStore);

  describe('users', () => {
    it('saves users and finds them by id and username', async () => {
      expect(await store().countUsers()).toBe(0);
      const admin = buildUser({ username: 'admin', role: 'admin', hallIds: [] });
      const clerk = buildUser({ username: 'clerk', hallIds: ['h-1', 'h-2'], disabled: true });
      expect((await store().saveUser(clerk, [])).user).toEqual(clerk);
      await store().saveUser(admin, []);
      expect(await store().countUsers()).toBe(2);
      expect(await store().listUsers()).toEqual([admin, clerk]);
      expect(await store().getUser(clerk.id)).toEqual(clerk);
      expect(await store().getUserByUsername('admin')).toEqual(admin);
      expect(await store().getUserByUsername('nobody')).toBeNull();
      expect(await store().getUser('nope')).toBeNull();
    });

    it('refuses a username already taken, and lets a user keep its own', async () => {
      const a = (await store().saveUser(buildUser({ username: 'wang' }), [])).user;
      await expectDomainError(store().saveUser(buildUser({ username: 'wang' }), []), 'conflict');
      expect(await store().listUsers()).toEqual([a]);
      const renamed = { ...a, displayName: '王工', passwordHash: 'new-hash' };
      expect((await store().saveUser(renamed, [])).user).toEqual(renamed);
      const b = (await store().saveUser(buildUser({ username: 'li' }), [])).user;
      await expectDomainError(store().saveUser({ ...b, username: 'wang' }, []), 'conflict');
      expect(await store().getUser(b.id)).toEqual(b);
    });

    it('deletes a user together with its sessions', async () => {
      const a = (await store().saveUser(buildUser(), [])).user;
      const b = (await store().saveUser(buildUser(), [])).user;
      const sa = buildSession(a);
      const sb = buildSession(b);
      await store().createSession(sa);
      await store().createSession(sb);
      await store().deleteUser(a.id, []);
      expect(await store().getUser(a.id)).toBeNull();
      expect(await store().getSession(sa.tokenHash)).toBeNull();
      expect(await store().getSession(sb.tokenHash)).toEqual(sb);
      await expectDomainError(store().deleteUser(a.id, []), 'not_found');
    });
  });

  describe('sessions', () => {
    it('stores sessions as given and deletes them one by one or per user', async () => {
      const u = (await store().saveUser(buildUser(), [])).user;
      const other = (await store().saveUser(buildUser(), [])).user;
      const cookie = buildSession(u);
      const bearer = buildSession(u, { kind: 'bearer', csrfToken: null, expiresAt: T0 - 1 });
      const foreign = buildSession(other);
      for (const s of [cookie, bearer, foreign]) await store().createSession(s);
      expect(await store().getSession(cookie.tokenHash)).toEqual(cookie);
      expect(await store().getSession(bearer.tokenHash)).toEqual(bearer);
      await store().deleteSession(cookie.tokenHash);
      await store().deleteSession(cookie.tokenHash);
      expect(await store().getSession(cookie.tokenHash)).toBeNull();
      await store().createSession(cookie);
      await store().deleteUserSessions(u.id);
      expect(await store().getSession(cookie.tokenHash)).toBeNull();
      expect(await store().getSession(bearer.tokenHash)).toBeNull();
      expect(await store().getSession(foreign.tokenHash)).toEqual(foreign);
    });

    it('refuses a duplicate token or an unknown user', async () => {
      const u = (await store().saveUser(buildUser(), [])).user;
      const s = buildSession(u);
      await store().createSession(s);
      await expectDomainError(store().createSession({ ...s, expiresAt: s.expiresAt + 1 }), 'conflict');
      expect(await store().getSession(s.tokenHash)).toEqual(s);
      await expectDomainError(store().createSession(buildSession({ id: 'nobody' })), 'not_found');
    });
  });

  describe('devices', () => {
    it('saves devices and finds them by id, token and hall', async () => {
      const hall = (await store().saveHall(buildHall(), [])).hall;
      const other = (await store().saveHall(buildHall(), [])).hall;
      const window = (await store().saveWindow(buildWindow(hall), [])).window;
      const keypad = buildDevice(hall, {
        name: 'A keypad',
        windowId: window.id,
        config: { serial: 'KP-01', keys: [1, 2] },
      });
      const printer = buildDevice(hall, {
        kind: 'printer',
        name: 'B printer',
        config: { host: '10.0.0.5', port: 9100 },
      });
      const display = buildDevice(other, { kind: 'display', revokedAt: T0 });
      expect((await store().saveDevice(printer, [])).device).toEqual(printer);
      await store().saveDevice(keypad, []);
      await store().saveDevice(display, []);
      expect(await store().getDevice(keypad.id)).toEqual(keypad);
      expect(await store().getDeviceByTokenHash(display.tokenHash)).toEqual(display);
      expect(await store().listDevices(hall.id)).toEqual([keypad, printer]);
      expect(await store().listDevices()).toHaveLength(3);
      expect(await store().getDevice('nope')).toBeNull();
      expect(await store().getDeviceByTokenHash('nope')).toBeNull();
    });

    it('updates, touches and deletes a device', async () => {
      const hall = (await store().saveHall(buildHall(), [])).hall;
      const d = (await store().saveDevice(buildDevice(hall), [])).device;
      const revoked = { ...d, revokedAt: T0 + 5, tokenHash: 'rotated' };
      expect((await store().saveDevice(revoked, [])).device).toEqual(revoked);
      await store().touchDevice(d.id, T0 + 10);
      expect(await store().getDevice(d.id)).toEqual({ ...revoked, lastSeenAt: T0 + 10 });
      await store().deleteDevice(d.id, []);
      expect(await store().getDevice(d.id)).toBeNull();
      await expectDomainError(store().deleteDevice(d.id, []), 'not_found');
      await expectDomainError(store().touchDevice(d.id, T0), 'not_found');
    });

    it('refuses a token another device has, or an unknown hall', async () => {
      const hall = (await store().saveHall(buildHall(), [])).hall;
      const d = (await store().saveDevice(buildDevice(hall), [])).device;
      await expectDomainError(
        store().saveDevice(buildDevice(hall, { tokenHash: d.tokenHash }), []),
        'conflict',
      );
      expect(await store().listDevices(hall.id)).toEqual([d]);
      await expectDomainError(store().saveDevice(buildDevice({ id: 'no-such-hall' }), []), 'not_found');
    });
  });
}
