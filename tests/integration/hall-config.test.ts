import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HallConfigFile } from '../../server/src/app/admin/hall-config.js';
import type { Api } from '../helpers/api-fixtures.js';
import {
  createHall,
  createService,
  createUser,
  createWindow,
  openWindow,
  setupAdmin,
  storeFingerprint,
} from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';

/** Hall configuration as a JSON file: export, import elsewhere, and refusing a bad file whole. */

let t: TestHub;
let admin: Api;

beforeAll(async () => {
  t = await startTestHub();
  admin = await setupAdmin(t);
});
afterAll(async () => t.close());

async function configuredHall() {
  const hall = await createHall(admin, { level: 'township', rules: { recallLimit: 3 } });
  await createService(admin, hall.id, { code: 'SB001', prefix: 'A', domain: '社保' });
  const cross = await createService(admin, hall.id, {
    code: 'KS001',
    prefix: 'K',
    domain: '跨省',
    crossRegion: true,
  });
  await createWindow(admin, hall.id, { number: 1, kind: 'comprehensive' });
  await createWindow(admin, hall.id, { number: 2, kind: 'domain', domains: ['社保'], overflow: true });
  await createWindow(admin, hall.id, { number: 9, kind: 'cross_region', serviceIds: [cross.id] });
  return hall;
}

const exportOf = async (hallId: string) =>
  (await admin.get<HallConfigFile>(`/api/v1/halls/${hallId}/config`)).body;

describe('hall configuration export and import', () => {
  it('exports a hall and imports it into a new hall, giving the same configuration', async () => {
    const source = await configuredHall();
    const file = await exportOf(source.id);
    expect(file).toMatchObject({ format: 'hall-queue.hall-config', version: 1 });
    expect(file.windows.find((w) => w.number === 9)?.services).toEqual(['KS001']);
    expect(JSON.stringify(file)).not.toMatch(/passwordHash|tokenHash|clerkIds|statusToken/);

    const target = await createHall(admin);
    const imported = await admin.put(`/api/v1/halls/${target.id}/config`, file);
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({
      services: { created: 2, updated: 0, kept: [] },
      windows: { created: 3, updated: 0, kept: [] },
    });
    expect(await exportOf(target.id)).toEqual(file);
    const targetServices = await t.store.listServices(target.id);
    const w9 = (await t.store.listWindows(target.id)).find((w) => w.number === 9);
    expect(w9?.serviceIds).toEqual([targetServices.find((s) => s.code === 'KS001')?.id]);
  });

  it('updates by code and number, keeping window state and what the file lacks', async () => {
    const hall = await configuredHall();
    const clerk = await createUser(t, admin, { hallIds: [hall.id] });
    const w1 = (await t.store.listWindows(hall.id)).find((w) => w.number === 1);
    await admin.patch(`/api/v1/halls/${hall.id}/windows/${w1?.id}`, { clerkIds: [clerk.user.id] });
    await openWindow(clerk.api, w1?.id ?? '');
    const file = await exportOf(hall.id);
    const edited = {
      ...file,
      services: file.services.filter((s) => s.code === 'SB001').map((s) => ({ ...s, name: '社保卡补换' })),
      windows: file.windows.filter((w) => w.number === 1).map((w) => ({ ...w, name: '综合窗口甲' })),
    };
    const reply = await admin.put(`/api/v1/halls/${hall.id}/config`, edited);
    expect(reply.body).toMatchObject({
      services: { created: 0, updated: 1, kept: ['KS001'] },
      windows: { created: 0, updated: 1, kept: ['2', '9'] },
    });
    const after = (await t.store.listWindows(hall.id)).find((w) => w.number === 1);
    expect(after).toMatchObject({ name: '综合窗口甲', state: 'open', clerkIds: [clerk.user.id] });
  });

  it('refuses a file with two bad rows, names both, and changes nothing', async () => {
    const hall = await configuredHall();
    const file = await exportOf(hall.id);
    const bad = {
      ...file,
      services: [...file.services, { ...file.services[0], name: '重复的事项' }],
      windows: [...file.windows, { number: 12, name: '新窗口', kind: 'comprehensive', services: ['NOPE'] }],
    };
    const before = await storeFingerprint(t);
    const reply = await admin.put<{ code: string; errors: { path: string }[] }>(
      `/api/v1/halls/${hall.id}/config`,
      bad,
    );
    expect(reply.status).toBe(422);
    expect(reply.contentType).toContain('application/problem+json');
    expect(reply.body.code).toBe('invalid_config');
    expect(reply.body.errors.map((e) => e.path)).toEqual(['services.2.code', 'windows.3.services.0']);
    expect(await storeFingerprint(t)).toBe(before);
  });

  it('refuses a domain window whose area no matter of the file or the hall has', async () => {
    const hall = await configuredHall();
    const file = await exportOf(hall.id);
    const bad = {
      ...file,
      windows: [
        ...file.windows,
        { number: 12, name: '新窗口', kind: 'domain', domains: ['社保', '社会保障'] },
      ],
    };
    const before = await storeFingerprint(t);
    const reply = await admin.put<{ code: string; errors: { path: string }[] }>(
      `/api/v1/halls/${hall.id}/config`,
      bad,
    );
    expect(reply.status).toBe(422);
    expect(reply.body.errors.map((e) => e.path)).toEqual(['windows.3.domains.1']);
    expect(await storeFingerprint(t)).toBe(before);
  });

  it('refuses a file with two malformed rows, names both, and changes nothing', async () => {
    const hall = await configuredHall();
    const file = await exportOf(hall.id);
    const bad = {
      ...file,
      services: file.services.map((s, i) => (i === 1 ? { ...s, prefix: 'k1' } : s)),
      windows: file.windows.map((w, i) => (i === 0 ? { ...w, kind: 'vip' } : w)),
    };
    const before = await storeFingerprint(t);
    const reply = await admin.put<{ code: string; errors: { path: string }[] }>(
      `/api/v1/halls/${hall.id}/config`,
      bad,
    );
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('validation_failed');
    expect(reply.body.errors.map((e) => e.path)).toEqual(['services.1.prefix', 'windows.0.kind']);
    expect(await storeFingerprint(t)).toBe(before);
  });

  it('names each bad row of a file by list, row, field and a stable reason a screen can word', async () => {
    const hall = await configuredHall();
    const file = await exportOf(hall.id);
    type Issue = {
      path: string;
      list?: string;
      row?: number;
      field?: string;
      code?: string;
      params?: object;
    };
    const malformed = await admin.put<{ code: string; errors: Issue[] }>(`/api/v1/halls/${hall.id}/config`, {
      ...file,
      services: file.services.map((s, i) =>
        i === 1 ? { ...s, prefix: 'k1', expectedMinutes: 999, name: undefined } : s,
      ),
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([
      expect.objectContaining({ list: 'services', row: 2, field: 'name', code: 'required' }),
      expect.objectContaining({ list: 'services', row: 2, field: 'prefix', code: 'invalid_format' }),
      expect.objectContaining({
        list: 'services',
        row: 2,
        field: 'expectedMinutes',
        code: 'too_big',
        params: expect.objectContaining({ maximum: 480 }),
      }),
    ]);
    // The English sentence stays for API clients.
    for (const e of malformed.body.errors) expect(e).toHaveProperty('message', expect.any(String));

    const clash = await admin.put<{ code: string; errors: Issue[] }>(`/api/v1/halls/${hall.id}/config`, {
      ...file,
      services: [...file.services, { ...file.services[0], name: '重复的事项' }],
      windows: [...file.windows, { number: 12, name: '新窗口', kind: 'comprehensive', services: ['NOPE'] }],
    });
    expect(clash.status).toBe(422);
    expect(clash.body.errors).toEqual([
      expect.objectContaining({
        list: 'services',
        row: 3,
        field: 'code',
        code: 'duplicate_code',
        params: { value: file.services[0]!.code, row: 1 },
      }),
      expect.objectContaining({
        list: 'windows',
        row: 4,
        field: 'services.0',
        code: 'unknown_matter',
        params: { value: 'NOPE' },
      }),
    ]);
  });

  it('imports a city-sized catalogue larger than the usual 64 kB body limit', async () => {
    const hall = await createHall(admin);
    const file = await exportOf(hall.id);
    const services = Array.from({ length: 600 }, (_, i) => ({
      code: `SX${String(i).padStart(4, '0')}`,
      name: `城市事项目录第${i}项：企业和个人常办的政务服务事项`,
      domain: ['社保', '医保', '公安', '不动产', '市场监管', '税务'][i % 6] ?? '社保',
      prefix: 'ABCDEF'[i % 6] ?? 'A',
      pinyin: 'csxmml',
      expectedMinutes: 8,
    }));
    const big = { ...file, services };
    expect(JSON.stringify(big).length).toBeGreaterThan(64 * 1024);
    const reply = await admin.put(`/api/v1/halls/${hall.id}/config`, big);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ services: { created: 600 } });
  });
});
