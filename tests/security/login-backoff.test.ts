import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createUser, PASSWORD, setupAdmin } from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';

/**
 * Password guessing against one account is slowed down and then locked out
 * for a while, from whatever address it comes; the account's owner gets a
 * clear code and when to try again.
 */

let t: TestHub;
let now = Date.UTC(2026, 0, 5, 2, 0);
let admin: Api;
const anon = () => new Api(t.url);
const login = (username: string, password: string) =>
  anon().post('/api/v1/auth/login', { username, password, token: true });

beforeAll(async () => {
  t = await startTestHub({ deps: { now: () => now } });
  admin = await setupAdmin(t);
});
afterAll(async () => t.close());

describe('login backoff per account', () => {
  it('locks a username after five failures, even against the right password, with Retry-After', async () => {
    await createUser(t, admin, { username: 'clerk-guessed', role: 'admin' });
    for (let i = 0; i < 4; i += 1) expect((await login('clerk-guessed', `guess ${i}`)).status).toBe(401);
    // The fifth failure locks the account for 30 s.
    const fifth = await login('clerk-guessed', 'guess 5');
    expect(fifth.status).toBe(401);

    const locked = await login('clerk-guessed', PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ code: 'login_locked', status: 429 });
    expect(locked.headers.get('retry-after')).toBe('30');

    // Other accounts are not touched.
    expect((await login('admin', PASSWORD)).status).toBe(200);

    now += 31_000;
    // One more wrong guess after the lock doubles it.
    expect((await login('clerk-guessed', 'guess 6')).status).toBe(401);
    const longer = await login('clerk-guessed', PASSWORD);
    expect(longer.status).toBe(429);
    expect(longer.headers.get('retry-after')).toBe('60');

    now += 61_000;
    expect((await login('clerk-guessed', PASSWORD)).status).toBe(200);
    // A success clears the count: the next failure does not lock at once.
    expect((await login('clerk-guessed', 'typo')).status).toBe(401);
    expect((await login('clerk-guessed', PASSWORD)).status).toBe(200);
  });

  it('locks an unknown username too, so guessing names gains nothing', async () => {
    for (let i = 0; i < 5; i += 1) expect((await login('nobody-here', `guess ${i}`)).status).toBe(401);
    const locked = await login('nobody-here', 'guess 6');
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ code: 'login_locked' });
  });
});
