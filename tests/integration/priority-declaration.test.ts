import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Api,
  createDevice,
  createHall,
  createService,
  createUser,
  expectStatus,
  issue,
  setupAdmin,
  storeFingerprint,
} from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';

/**
 * Who may declare a priority (DESIGN.md §4): a citizen at the kiosk only the
 * hall's self-declarable categories, staff (the 导服台 or a clerk) any the
 * hall offers; the list is per hall and validated when saved.
 */

let t: TestHub;
let admin: Api;
let anon: Api;

beforeAll(async () => {
  t = await startTestHub();
  admin = await setupAdmin(t);
  anon = new Api(t.url);
});
afterAll(async () => t.close());

async function hallWithMatter() {
  const hall = await createHall(admin);
  const service = await createService(admin, hall.id);
  return { hall, service };
}

type Problem = { code: string; details?: Record<string, unknown> };

describe('declaring a priority', () => {
  it('lets a citizen declare 老幼病残孕军 at the kiosk, and offers only those on its menu by default', async () => {
    const { hall, service } = await hallWithMatter();
    const menu = await anon.get<{ priorityCategories: string[]; priorityRules: unknown[] }>(
      `/api/v1/halls/${hall.id}/kiosk-menu`,
    );
    expect(menu.body.priorityCategories).toEqual([
      'elderly',
      'child',
      'sick',
      'disabled',
      'pregnant',
      'military',
    ]);
    expect(menu.body.priorityRules).toContainEqual({ category: 'urgent', declaredBy: 'staff' });
    const ticket = await issue(anon, hall.id, service.id, { categories: ['elderly', 'pregnant'] });
    expect(ticket.priority).toBe(true);
  });

  it('refuses urgent and key_project from a citizen or a kiosk with priority_staff_only, and changes nothing', async () => {
    const { hall, service } = await hallWithMatter();
    const kiosk = await createDevice(admin, hall.id, { kind: 'kiosk' });
    for (const api of [anon, kiosk.api]) {
      for (const category of ['urgent', 'key_project']) {
        const before = await storeFingerprint(t);
        const reply = await api.post<Problem>(`/api/v1/halls/${hall.id}/tickets`, {
          serviceId: service.id,
          categories: ['elderly', category],
        });
        expect(reply.status).toBe(403);
        expect(reply.body.code).toBe('priority_staff_only');
        expect(await storeFingerprint(t)).toBe(before);
      }
    }
  });

  it('lets staff give any category the hall offers, credited to them, on channel counter', async () => {
    const { hall, service } = await hallWithMatter();
    const clerk = await createUser(t, admin, { hallIds: [hall.id] });
    const reply = await clerk.api.post<{ number: string; priority: boolean; channel: string }>(
      `/api/v1/halls/${hall.id}/tickets/staff`,
      { serviceId: service.id, categories: ['urgent'] },
    );
    const issued = expectStatus(reply, 201, 'staff issue');
    expect(issued).toMatchObject({ priority: true, channel: 'counter' });
    const [ticket] = await t.store.listTickets(hall.id, {});
    expect(ticket?.categories).toEqual(['urgent']);
    const events = await t.store.listEvents(hall.id, 0, 100);
    const issuedEvent = events.find((e) => e.type === 'ticket.issued');
    expect(issuedEvent?.actor).toEqual({ type: 'user', id: clerk.user.id });
  });

  it('keeps the staff issue to staff of the hall: no citizen, no kiosk, no clerk of another hall', async () => {
    const { hall, service } = await hallWithMatter();
    const other = await createHall(admin);
    const stranger = await createUser(t, admin, { hallIds: [other.id] });
    const kiosk = await createDevice(admin, hall.id, { kind: 'kiosk' });
    const path = `/api/v1/halls/${hall.id}/tickets/staff`;
    const body = { serviceId: service.id, categories: ['urgent'] };
    expect((await anon.post(path, body)).status).toBe(401);
    expect((await kiosk.api.post(path, body)).status).toBe(403);
    expect((await stranger.api.post(path, body)).status).toBe(403);
    expect(await t.store.listTickets(hall.id, {})).toEqual([]);
  });

  it("follows the hall's own list: a category made staff-only or dropped is refused, one opened to citizens is taken", async () => {
    const { hall, service } = await hallWithMatter();
    const saved = await admin.patch<{ hall: { rules: { priorityCategories: unknown } } }>(
      `/api/v1/halls/${hall.id}`,
      {
        rules: {
          priorityCategories: [
            { category: 'elderly', declaredBy: 'staff' },
            { category: 'military', declaredBy: 'citizen' },
            { category: 'urgent', declaredBy: 'citizen' },
          ],
        },
      },
    );
    expectStatus(saved, 200, 'save list');
    const menu = await anon.get<{ priorityCategories: string[] }>(`/api/v1/halls/${hall.id}/kiosk-menu`);
    expect(menu.body.priorityCategories).toEqual(['military', 'urgent']);

    const elderly = await anon.post<Problem>(`/api/v1/halls/${hall.id}/tickets`, {
      serviceId: service.id,
      categories: ['elderly'],
    });
    expect(elderly.body.code).toBe('priority_staff_only');
    const pregnant = await anon.post<Problem>(`/api/v1/halls/${hall.id}/tickets`, {
      serviceId: service.id,
      categories: ['pregnant'],
    });
    expect([pregnant.status, pregnant.body.code]).toEqual([422, 'priority_not_offered']);
    const clerk = await createUser(t, admin, { hallIds: [hall.id] });
    const byStaff = await clerk.api.post<Problem>(`/api/v1/halls/${hall.id}/tickets/staff`, {
      serviceId: service.id,
      categories: ['pregnant'],
    });
    expect(byStaff.body.code).toBe('priority_not_offered');
    expect((await issue(anon, hall.id, service.id, { categories: ['urgent'] })).priority).toBe(true);
  });

  it('refuses a list that names a category twice or an unknown one, and keeps the old list', async () => {
    const { hall } = await hallWithMatter();
    const twice = await admin.patch<Problem>(`/api/v1/halls/${hall.id}`, {
      rules: {
        priorityCategories: [
          { category: 'elderly', declaredBy: 'citizen' },
          { category: 'elderly', declaredBy: 'staff' },
        ],
      },
    });
    expect([twice.status, twice.body.code]).toEqual([422, 'invalid_config']);
    const unknown = await admin.patch<Problem>(`/api/v1/halls/${hall.id}`, {
      rules: { priorityCategories: [{ category: 'vip', declaredBy: 'citizen' }] },
    });
    expect([unknown.status, unknown.body.code]).toEqual([400, 'validation_failed']);
    const menu = await anon.get<{ priorityCategories: string[] }>(`/api/v1/halls/${hall.id}/kiosk-menu`);
    expect(menu.body.priorityCategories).toHaveLength(6);
  });
});
