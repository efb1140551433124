import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Api,
  PASSWORD,
  createHall,
  createUser,
  loginToken,
  setupAdmin,
  storeFingerprint,
} from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';

/**
 * An administrator limited to one hall (hallIds set) runs that hall only. The
 * staff accounts of other halls, and the hub's own administrators, are not
 * theirs: they must not read them, reset their passwords, disable or delete
 * them, nor make themselves an administrator of every hall.
 */

let t: TestHub;
let hubAdmin: Api;
let hallAdmin: Api;
let hallA: string;
let hallB: string;
let hubAdminId: string;
let clerkA: string;
let clerkB: string;

beforeAll(async () => {
  t = await startTestHub();
  hubAdmin = await setupAdmin(t, 'hubadmin');
  hubAdminId = (await t.store.getUserByUsername('hubadmin'))!.id;
  hallA = (await createHall(hubAdmin)).id;
  hallB = (await createHall(hubAdmin)).id;
  const a = await createUser(t, hubAdmin, { username: 'admin-a', role: 'admin', hallIds: [hallA] });
  hallAdmin = a.api;
  clerkA = (await createUser(t, hubAdmin, { hallIds: [hallA] })).user.id;
  clerkB = (await createUser(t, hubAdmin, { hallIds: [hallB] })).user.id;
});
afterAll(async () => t.close());

async function forbidden(send: () => Promise<{ status: number; body: Record<string, unknown> }>) {
  const before = await storeFingerprint(t);
  const reply = await send();
  expect(reply.status, JSON.stringify(reply.body)).toBe(403);
  expect(reply.body).toMatchObject({ code: 'forbidden' });
  expect(await storeFingerprint(t)).toBe(before);
}

describe('an administrator of one hall', () => {
  it('cannot reset the password of the hub administrator (and so log in as them)', async () => {
    await forbidden(() => hallAdmin.patch(`/api/v1/users/${hubAdminId}`, { password: 'taken over at last' }));
    await expect(loginToken(t, 'hubadmin', PASSWORD)).resolves.toBeDefined();
  });

  it('cannot make an administrator of every hall, nor give halls that are not theirs', async () => {
    await forbidden(() =>
      hallAdmin.post('/api/v1/users', { username: 'root2', password: PASSWORD, role: 'admin', hallIds: [] }),
    );
    await forbidden(() =>
      hallAdmin.post('/api/v1/users', {
        username: 'spy',
        password: PASSWORD,
        role: 'clerk',
        hallIds: [hallB],
      }),
    );
    await forbidden(() => hallAdmin.patch(`/api/v1/users/${clerkA}`, { hallIds: [hallA, hallB] }));
  });

  it("cannot read, change or delete another hall's staff", async () => {
    expect((await hallAdmin.get(`/api/v1/users/${clerkB}`)).status).toBe(403);
    await forbidden(() => hallAdmin.patch(`/api/v1/users/${clerkB}`, { disabled: true }));
    await forbidden(() => hallAdmin.delete(`/api/v1/users/${clerkB}`));
    const list = await hallAdmin.get<{ users: { id: string }[] }>('/api/v1/users');
    expect(list.status).toBe(200);
    expect(list.body.users.map((u) => u.id)).not.toContain(clerkB);
    expect(list.body.users.map((u) => u.id)).not.toContain(hubAdminId);
  });

  it('still manages the staff of their own hall', async () => {
    expect((await hallAdmin.get(`/api/v1/users/${clerkA}`)).status).toBe(200);
    expect((await hallAdmin.patch(`/api/v1/users/${clerkA}`, { displayName: '李敏' })).status).toBe(200);
    const created = await hallAdmin.post('/api/v1/users', {
      username: 'clerk-a2',
      password: PASSWORD,
      role: 'clerk',
      hallIds: [hallA],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const list = await hallAdmin.get<{ users: { id: string }[] }>('/api/v1/users');
    expect(list.body.users.map((u) => u.id)).toContain(clerkA);
  });

  it('cannot create a hall: that is for an administrator of every hall', async () => {
    const before = await storeFingerprint(t);
    const refused = await hallAdmin.post('/api/v1/halls', { name: '另一个中心' });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'forbidden' });
    expect(await storeFingerprint(t)).toBe(before);
    expect((await hubAdmin.post('/api/v1/halls', { name: '另一个中心' })).status).toBe(201);
  });
});
