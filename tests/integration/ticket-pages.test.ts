import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffTicketView } from '../../server/src/http/presenters/tickets.js';
import type { Api, Reply } from '../helpers/api-fixtures.js';
import { createHall, createService, setupAdmin } from '../helpers/api-fixtures.js';
import { buildIssueInput } from '../helpers/factories.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';

/** GET /halls/{id}/tickets a page at a time, past the old 1,000-ticket ceiling. */

const T0 = Date.UTC(2025, 2, 3, 2, 0); // Monday 10:00 in Shanghai
const DAY = '2025-03-03';
const COUNT = 1_234;
let t: TestHub;
let admin: Api;
let hallId: string;

type Page = { day: string; tickets: StaffTicketView[]; nextCursor: string | null };

beforeAll(async () => {
  t = await startTestHub({ deps: { now: () => T0 + 3 * 60 * 60_000 } });
  admin = await setupAdmin(t);
  hallId = (await createHall(admin)).id;
  const a = await createService(admin, hallId, { prefix: 'A' });
  const b = await createService(admin, hallId, { prefix: 'B' });
  for (let i = 0; i < COUNT; i += 1) {
    // Two matters issued at the same instant share an issue time: the cursor must tell them apart.
    const service = i % 2 === 0 ? a : b;
    await t.store.issueTicket(
      buildIssueInput(service, { businessDay: DAY, issuedAt: T0 + Math.floor(i / 2) * 1_000, digits: 4 }),
    );
  }
}, 60_000);
afterAll(async () => t.close());

async function readAll(query: string): Promise<{ pages: number[]; tickets: StaffTicketView[] }> {
  const pages: number[] = [];
  const tickets: StaffTicketView[] = [];
  let cursor: string | null = null;
  do {
    const reply: Reply<Page> = await admin.get<Page>(
      `/api/v1/halls/${hallId}/tickets?${query}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    pages.push(reply.body.tickets.length);
    tickets.push(...reply.body.tickets);
    cursor = reply.body.nextCursor;
  } while (cursor !== null && pages.length < 10);
  return { pages, tickets };
}

describe('paging the ticket list', () => {
  it('gives every ticket of the day once, in issue order, in pages of at most 1000', async () => {
    const { pages, tickets } = await readAll(`day=${DAY}&limit=1000`);
    expect(pages).toEqual([1000, COUNT - 1000]);
    expect(new Set(tickets.map((x) => x.id)).size).toBe(COUNT);
    const stored = await t.store.listTickets(hallId, { businessDay: DAY });
    expect(tickets.map((x) => x.id)).toEqual(stored.map((x) => x.id));
  });

  it('pages by 500 by default, and by any smaller size asked for', async () => {
    expect((await readAll(`day=${DAY}`)).pages).toEqual([500, 500, COUNT - 1000]);
    const small = await readAll(`day=${DAY}&status=waiting&limit=617`);
    expect(small.pages).toEqual([617, 617]);
    expect(new Set(small.tickets.map((x) => x.id)).size).toBe(COUNT);
  });

  it('says there is no next page when the last one is exactly full', async () => {
    const reply = await admin.get<Page>(`/api/v1/halls/${hallId}/tickets?day=${DAY}&limit=1000`);
    const rest = await admin.get<Page>(
      `/api/v1/halls/${hallId}/tickets?day=${DAY}&limit=${COUNT - 1000}&cursor=${reply.body.nextCursor}`,
    );
    expect(rest.body.tickets).toHaveLength(COUNT - 1000);
    expect(rest.body.nextCursor).toBeNull();
  });

  it('refuses a page larger than 1000 and a cursor it did not give, with 400', async () => {
    for (const q of ['limit=1001', 'limit=0', 'cursor=not-a-cursor', `cursor=${'x'.repeat(401)}`]) {
      const reply = await admin.get(`/api/v1/halls/${hallId}/tickets?day=${DAY}&${q}`);
      expect(reply.status, q).toBe(400);
      expect(reply.body).toMatchObject({ code: 'validation_failed' });
    }
    const forged = Buffer.from(JSON.stringify({ issuedAt: 1 })).toString('base64url');
    expect((await admin.get(`/api/v1/halls/${hallId}/tickets?cursor=${forged}`)).status).toBe(400);
  });
});
