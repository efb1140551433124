import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Api,
  type Reply,
  createHall,
  createService,
  createUser,
  createWindow,
  issue,
  openWindow,
  setupAdmin,
  storeFingerprint,
} from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';

/** Actions in the wrong state are refused with a clear code and change nothing (DESIGN.md §4). */

let t: TestHub;
let admin: Api;
let anon: Api;
let hallId: string;
let serviceId: string;
let closedWindow: string;
let openEmptyWindow: string;
let waiting: { id: string; number: string; statusToken: string };

beforeAll(async () => {
  t = await startTestHub();
  admin = await setupAdmin(t);
  anon = admin.as({});
  const hall = await createHall(admin);
  hallId = hall.id;
  serviceId = (await createService(admin, hall.id)).id;
  const clerk = await createUser(t, admin, { hallIds: [hall.id] });
  closedWindow = (await createWindow(admin, hall.id, { clerkIds: [clerk.user.id] })).id;
  openEmptyWindow = (await createWindow(admin, hall.id, { kind: 'cannot_handle', clerkIds: [clerk.user.id] }))
    .id;
  await openWindow(clerk.api, openEmptyWindow);
  const issued = await issue(anon, hall.id, serviceId);
  const stored = await t.store.getTicketByToken(issued.statusToken);
  waiting = { id: stored?.id ?? '', number: issued.number, statusToken: issued.statusToken };
});
afterAll(async () => t.close());

async function refusedWith(status: number, code: string, send: () => Promise<Reply>): Promise<void> {
  const before = await storeFingerprint(t);
  const reply = await send();
  expect(reply.contentType).toContain('application/problem+json');
  expect([reply.status, reply.body.code]).toEqual([status, code]);
  expect(await storeFingerprint(t)).toBe(before);
}

const w =
  (id: () => string, action: string, body: unknown = {}) =>
  () =>
    admin.post(`/api/v1/windows/${id()}/${action}`, body);

describe('window actions in the wrong state', () => {
  it.each([
    ['call-next', {}, 'window_not_open'],
    ['call-number', { number: 'A001' }, 'window_not_open'],
    ['recall', {}, 'window_has_no_ticket'],
    ['start', {}, 'window_has_no_ticket'],
    ['complete', {}, 'window_has_no_ticket'],
    ['no-show', {}, 'window_has_no_ticket'],
    ['hold', { reason: '缺材料' }, 'window_has_no_ticket'],
    ['transfer', { serviceId: 'x', reason: '转办' }, 'window_has_no_ticket'],
    ['pause', { reason: '午休' }, 'invalid_state'],
    ['resume', {}, 'invalid_state'],
    ['close', {}, 'invalid_state'],
  ])('%s on a closed window without a ticket', async (action, body, code) => {
    await refusedWith(
      409,
      code,
      w(() => closedWindow, action, body),
    );
  });

  it('refuses opening an open window, calling back a ticket that is not held, and resuming an open window', async () => {
    await refusedWith(
      409,
      'invalid_state',
      w(() => openEmptyWindow, 'open'),
    );
    await refusedWith(
      409,
      'invalid_state',
      w(() => openEmptyWindow, 'call-back', { ticketId: waiting.id }),
    );
    await refusedWith(
      409,
      'invalid_state',
      w(() => openEmptyWindow, 'resume'),
    );
  });

  it('answers an empty queue with outcome empty and changes nothing else', async () => {
    const reply = await admin.post(`/api/v1/windows/${openEmptyWindow}/call-next`);
    expect(reply.body).toEqual({ outcome: 'empty', ticket: null });
  });
});

describe('ticket actions in the wrong state', () => {
  it('refuses re-activating a ticket that did not miss its call', async () => {
    const path = `/api/v1/halls/${hallId}/tickets/reactivate`;
    await refusedWith(409, 'invalid_state', () => admin.post(path, { number: waiting.number }));
    await refusedWith(409, 'invalid_state', () => anon.post(path, { statusToken: waiting.statusToken }));
  });

  it('refuses cancelling a ticket twice', async () => {
    const ticket = await issue(anon, hallId, serviceId);
    const id = (await t.store.getTicketByToken(ticket.statusToken))?.id;
    expect((await admin.post(`/api/v1/tickets/${id}/cancel`, { reason: '群众放弃' })).status).toBe(200);
    await refusedWith(409, 'invalid_state', () =>
      admin.post(`/api/v1/tickets/${id}/cancel`, { reason: '再次' }),
    );
  });

  it('refuses issuing a disabled matter', async () => {
    const off = await createService(admin, hallId, { enabled: false });
    await refusedWith(409, 'service_disabled', () =>
      anon.post(`/api/v1/halls/${hallId}/tickets`, { serviceId: off.id }),
    );
  });
});
