import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedTicketView } from '../../server/src/http/presenters/tickets.js';
import { Api, createHall, createService, setupAdmin, type Reply } from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';

/** Idempotency-Key on ticket issue, over real HTTP, across a restart on the same SQLite file. */

const T0 = Date.UTC(2025, 2, 3, 2, 0); // Monday 10:00 in Shanghai
const DAY = 24 * 60 * 60_000;
const clock = { now: T0 };
let dataDir: string;
let t: TestHub;
let anon: Api;
let hallId: string;
let social: string;
let housing: string;

function issueWithKey(key: string, body: Record<string, unknown>): Promise<Reply<IssuedTicketView>> {
  return anon.call<IssuedTicketView>('POST', `/api/v1/halls/${hallId}/tickets`, body, {
    headers: { 'idempotency-key': key },
  });
}

async function ticketCount(): Promise<number> {
  return (await t.store.listTickets(hallId)).length;
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'hall-idem-'));
  t = await startTestHub({ dataDir, deps: { now: () => clock.now } });
  const admin = await setupAdmin(t);
  const hall = await createHall(admin);
  hallId = hall.id;
  social = (await createService(admin, hallId, { prefix: 'A' })).id;
  housing = (await createService(admin, hallId, { prefix: 'D', domain: '不动产登记' })).id;
  anon = new Api(t.url);
});
afterAll(async () => {
  await t.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('Idempotency-Key on POST /halls/{id}/tickets', () => {
  it('answers a repeated key and body with the same ticket, and draws no new number', async () => {
    const first = await issueWithKey('5f0c1e9a-0001-4d1b-9a51-7b3c2f0e0001', { serviceId: social });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    clock.now += 5_000;
    const again = await issueWithKey('5f0c1e9a-0001-4d1b-9a51-7b3c2f0e0001', { serviceId: social });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toMatchObject({
      number: first.body.number,
      statusToken: first.body.statusToken,
      issuedAt: first.body.issuedAt,
    });
    // Categories in another order are the same request.
    const elderly = await issueWithKey('5f0c1e9a-0002', {
      serviceId: social,
      categories: ['elderly', 'sick'],
    });
    const elderlyAgain = await issueWithKey('5f0c1e9a-0002', {
      serviceId: social,
      categories: ['sick', 'elderly'],
    });
    expect(elderlyAgain.body.statusToken).toBe(elderly.body.statusToken);
    const plain = await issueWithKey('5f0c1e9a-0003', { serviceId: social });
    expect(plain.body.number).toBe('A003');
    expect(await ticketCount()).toBe(3);
  });

  it('refuses the same key with another body (422 idempotency_key_reused) and issues nothing', async () => {
    const before = await ticketCount();
    const first = await issueWithKey('kiosk-2:attempt-1', { serviceId: social });
    const other = await issueWithKey('kiosk-2:attempt-1', { serviceId: housing });
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ code: 'idempotency_key_reused' });
    const priority = await issueWithKey('kiosk-2:attempt-1', { serviceId: social, categories: ['elderly'] });
    expect(priority.status).toBe(422);
    expect(await ticketCount()).toBe(before + 1);
    // The key still gives the first ticket.
    const again = await issueWithKey('kiosk-2:attempt-1', { serviceId: social });
    expect(again.body.statusToken).toBe(first.body.statusToken);
  });

  it('refuses a malformed key with 400 and issues nothing', async () => {
    const before = await ticketCount();
    for (const key of ['short', 'has space in it', 'x'.repeat(129), 'slash/in/the/key']) {
      const reply = await issueWithKey(key, { serviceId: social });
      expect(reply.status, key).toBe(400);
      expect(reply.body).toMatchObject({ code: 'validation_failed' });
    }
    expect(await ticketCount()).toBe(before);
  });

  it('keeps keys across a restart of the hub on the same store file', async () => {
    const lost = await issueWithKey('kiosk-3:lost-answer', { serviceId: housing });
    expect(lost.status).toBe(201);
    await t.close();
    t = await startTestHub({ dataDir, deps: { now: () => clock.now } });
    anon = new Api(t.url);
    clock.now += 20_000;
    const retry = await issueWithKey('kiosk-3:lost-answer', { serviceId: housing });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toMatchObject({ number: lost.body.number, statusToken: lost.body.statusToken });
    const fresh = await issueWithKey('kiosk-3:next-citizen', { serviceId: housing });
    expect(fresh.body.number).toBe('D002');
  });

  it('keeps a key for its business day only', async () => {
    const today = await issueWithKey('kiosk-4:day-key', { serviceId: social });
    clock.now += DAY;
    const tomorrow = await issueWithKey('kiosk-4:day-key', { serviceId: social });
    expect(tomorrow.status).toBe(201);
    expect(tomorrow.headers.get('idempotent-replayed')).toBeNull();
    expect(tomorrow.body.statusToken).not.toBe(today.body.statusToken);
    expect(tomorrow.body.number).toBe('A001');
  });
});
