import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../server/src/http/index.js';
import { bodyLimit, hasBody, type AnyRoute } from '../../server/src/http/route.js';
import {
  type Api,
  type Reply,
  createDevice,
  createHall,
  createService,
  createUser,
  createWindow,
  issue,
  setupAdmin,
  storeFingerprint,
} from '../helpers/api-fixtures.js';
import { STATIC_APPS } from '../../server/src/web/static-apps.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';
import {
  exampleNamesIds,
  fillPath,
  label,
  paramNames,
  wrongBody,
  wrongQuery,
} from '../helpers/route-table.js';

/**
 * Bad input on every route of the table: wrong types, unknown ids, oversized
 * and malformed bodies, the wrong content type. Each must be a 4xx
 * problem+json with a stable code, never a 500, and must change nothing.
 * A route added to the table is covered here without touching this file.
 */

let t: TestHub;
let admin: Api;
let ids: Record<string, string>;

beforeAll(async () => {
  t = await startTestHub();
  admin = await setupAdmin(t);
  const hall = await createHall(admin);
  const service = await createService(admin, hall.id);
  const clerk = await createUser(t, admin, { hallIds: [hall.id] });
  const window = await createWindow(admin, hall.id, { clerkIds: [clerk.user.id] });
  const { device } = await createDevice(admin, hall.id, { kind: 'keypad', windowId: window.id });
  const ticket = await issue(admin, hall.id, service.id);
  const stored = await t.store.getTicketByToken(ticket.statusToken);
  ids = {
    hallId: hall.id,
    serviceId: service.id,
    windowId: window.id,
    deviceId: device.id,
    userId: clerk.user.id,
    ticketId: stored?.id ?? '',
    token: ticket.statusToken,
    code: 'ABCDEFGH',
  };
});
afterAll(async () => t.close());

const UNKNOWN = 'unknown-id-0000';
/** Just over the route's limit (64 kB for all but the configuration import). */
const oversized = (r: AnyRoute) => JSON.stringify({ pad: 'x'.repeat(bodyLimit(r) + 1024) });

/** Sends the request and checks it was refused cleanly with `code` (or any 4xx code), changing nothing. */
async function refused(send: () => Promise<Reply>, code?: string | RegExp): Promise<Reply> {
  const before = await storeFingerprint(t);
  const reply = await send();
  expect(reply.status, JSON.stringify(reply.body)).toBeGreaterThanOrEqual(400);
  expect(reply.status, JSON.stringify(reply.body)).toBeLessThan(500);
  expect(reply.contentType).toContain('application/problem+json');
  expect(reply.body).toMatchObject({
    status: reply.status,
    type: expect.stringContaining('problem'),
    title: expect.any(String),
  });
  expect(reply.body.code).toMatch(code ?? /^[a-z_]+$/);
  expect(await storeFingerprint(t)).toBe(before);
  return reply;
}

const M = (r: AnyRoute) => r.method.toUpperCase();
const withParams = ROUTES.filter((r) => paramNames(r).length > 0);
const withBody = ROUTES.filter(hasBody);
const withQuery = ROUTES.filter((r) => r.query);

describe.each(withParams.map((r) => [label(r), r] as const))('path ids of %s', (_name, r) => {
  it('refuses a malformed id', async () => {
    const path = fillPath(r, {}, 'not an id!');
    await refused(() => admin.call(M(r), path, hasBody(r) ? r.example : undefined), 'validation_failed');
  });

  it('answers not_found for unknown ids', async () => {
    const path = fillPath(r, {}, UNKNOWN);
    await refused(() => admin.call(M(r), path, hasBody(r) ? r.example : undefined), 'not_found');
  });
});

describe.each(withParams.map((r) => [label(r), r] as const))('path encoding of %s', (_name, r) => {
  it('refuses malformed percent-encoding with 400, not a 500', async () => {
    const names = paramNames(r);
    for (const bad of names) {
      const path = r.path.replace(/:([A-Za-z]+)/g, (_m, name: string) =>
        name === bad ? '%E0%A4%A' : encodeURIComponent(ids[name] ?? UNKNOWN),
      );
      const reply = await refused(
        () => admin.call(M(r), path, hasBody(r) ? r.example : undefined),
        'malformed_path',
      );
      expect(JSON.stringify(reply.body)).not.toMatch(/URIError|at \S+ \(/);
    }
  });
});

describe('path encoding of the screens', () => {
  it.each(STATIC_APPS.map((a) => a.mount))(
    '%s/… answers a 400 problem without a stack trace',
    async (mount) => {
      const reply = await refused(() => admin.get(`${mount}/%E0%A4%A`), 'malformed_path');
      expect(JSON.stringify(reply.body)).not.toMatch(/URIError|node_modules/);
    },
  );
});

describe.each(withBody.map((r) => [label(r), r] as const))('body of %s', (_name, r) => {
  const path = () => fillPath(r, ids);

  it('refuses fields of the wrong type', async () => {
    await refused(() => admin.call(M(r), path(), wrongBody(r)), 'validation_failed');
  });

  it('refuses a JSON array instead of an object', async () => {
    await refused(() => admin.call(M(r), path(), []), 'validation_failed');
  });

  it('refuses malformed JSON', async () => {
    await refused(() => admin.call(M(r), path(), undefined, { raw: '{"serviceId": "a",' }), 'malformed_json');
  });

  it('refuses a body over its limit', async () => {
    await refused(() => admin.call(M(r), path(), undefined, { raw: oversized(r) }), 'payload_too_large');
  });

  it('refuses a body that is not JSON', async () => {
    const send = () => admin.call(M(r), path(), undefined, { raw: 'serviceId=a', contentType: 'text/plain' });
    await refused(send, 'unsupported_media_type');
  });
});

const namingIds = withBody.filter(exampleNamesIds);

describe.each(namingIds.map((r) => [label(r), r] as const))('ids in the body of %s', (_name, r) => {
  it('refuses ids that do not exist', async () => {
    await refused(() => admin.call(M(r), fillPath(r, ids), r.example));
  });
});

describe.each(withQuery.map((r) => [label(r), r] as const))('query of %s', (_name, r) => {
  it('refuses parameters of the wrong type', async () => {
    await refused(() => admin.call(M(r), `${fillPath(r, ids)}?${wrongQuery(r)}`), 'validation_failed');
  });

  it('refuses unknown parameters', async () => {
    await refused(() => admin.call(M(r), `${fillPath(r, ids)}?bogus=1`), 'validation_failed');
  });
});
