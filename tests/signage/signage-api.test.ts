import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HallConfigMessage } from '../../server/src/protocol/index.js';
import {
  type Api,
  createDevice,
  createHall,
  createService,
  createWindow,
  expectStatus,
  issue,
  setupAdmin,
} from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';
import { closeClients, connectDisplay, waitFor } from '../realtime/support.js';

/** Signage configuration over real HTTP, and its arrival at a running board over a real socket. */

let t: TestHub;
let admin: Api;
let hallId: string;
let displayToken: string;
let displayId: string;

beforeAll(async () => {
  t = await startTestHub();
  admin = await setupAdmin(t);
  const hall = await createHall(admin);
  hallId = hall.id;
  const service = await createService(admin, hallId, { domain: '医保', prefix: 'B' });
  await createWindow(admin, hallId, { number: 7 });
  await issue(admin, hallId, service.id);
  const display = await createDevice(admin, hallId, { kind: 'display', name: '大厅屏' });
  displayToken = display.token;
  displayId = display.device.id;
});
afterAll(async () => {
  closeClients();
  await t.close();
});

describe('signage settings', () => {
  it('start from defaults, merge a patch and keep what the patch did not name', async () => {
    const before = expectStatus(await admin.get(`/api/v1/halls/${hallId}/signage`), 200, 'read');
    const sentence = { template: '请{号码}号，到{窗口}号窗口办理', numberReading: 'digits' };
    expect(before).toEqual({
      notice: '',
      voice: { repeat: 2, volume: 1, quietHours: [], chime: true, missedCallSeconds: 60, ...sentence },
    });

    const saved = await admin.patch(`/api/v1/halls/${hallId}/signage`, { voice: { repeat: 3 } });
    expect(saved.body).toEqual({
      notice: '',
      voice: { repeat: 3, volume: 1, quietHours: [], chime: true, missedCallSeconds: 60, ...sentence },
    });
    await admin.patch(`/api/v1/halls/${hallId}/signage`, { notice: '午间照常办理' });
    const after = expectStatus(await admin.get(`/api/v1/halls/${hallId}/signage`), 200, 'read again');
    expect(after).toMatchObject({ notice: '午间照常办理', voice: { repeat: 3 } });
  });

  it('refuse values out of range and change nothing', async () => {
    const before = await t.store.getHallSetting(hallId, 'signage');
    for (const voice of [
      { repeat: 0 },
      { volume: 2 },
      { quietHours: [{ from: '25:00', to: '07:00' }] },
      { missedCallSeconds: -1 },
      { missedCallSeconds: 3601 },
    ]) {
      const reply = await admin.patch(`/api/v1/halls/${hallId}/signage`, { voice });
      expect(reply.status).toBe(400);
      expect(reply.body.code).toBe('validation_failed');
    }
    expect(await t.store.getHallSetting(hallId, 'signage')).toEqual(before);
  });

  it('reach a running board: the change is a hall:config that asks for a refresh', async () => {
    const socket = connectDisplay(t.url, hallId);
    await waitFor(socket, 'display:snapshot');
    const config = waitFor<HallConfigMessage>(socket, 'hall:config');
    await admin.patch(`/api/v1/halls/${hallId}/signage`, { notice: '新通知' });
    expect((await config).refresh).toBe(true);
    const board = await admin.get(`/api/v1/halls/${hallId}/signage/board`);
    expect(board.body.notice).toBe('新通知');
  });
});

describe('board configuration', () => {
  it('a public board gets the hall, the voice settings and the wait per area', async () => {
    const anon = admin.as({});
    const board = expectStatus(await anon.get(`/api/v1/halls/${hallId}/signage/board`), 200, 'board');
    expect(board).toMatchObject({
      hall: { id: hallId, timeZone: 'Asia/Shanghai' },
      voice: { repeat: 3, hubAudio: expect.any(Boolean) },
      display: { layout: 'landscape', theme: 'default', windows: [], domains: [] },
      deviceId: null,
      areas: [{ domain: '医保', waiting: 1, minutes: null }],
    });
  });

  it('a display device gets its own layout by its token, and the change reaches it live', async () => {
    const socket = connectDisplay(t.url, hallId);
    await waitFor(socket, 'display:snapshot');
    const config = waitFor<HallConfigMessage>(socket, 'hall:config');
    const saved = await admin.patch(`/api/v1/halls/${hallId}/devices/${displayId}/board`, {
      layout: 'strip',
      theme: 'elder',
      windows: [7],
      domains: ['社保'],
    });
    expect(saved.body).toEqual({ layout: 'strip', theme: 'elder', windows: [7], domains: ['社保'] });
    expect((await config).refresh).toBe(true);

    const device = admin.as({ token: displayToken });
    const board = expectStatus(await device.get('/api/v1/signage/board'), 200, 'device board');
    expect(board).toMatchObject({
      deviceId: displayId,
      display: { layout: 'strip', theme: 'elder' },
      areas: [],
    });
  });

  it('refuses a window number the hall does not have, and a device that is not a display', async () => {
    const unknown = await admin.patch(`/api/v1/halls/${hallId}/devices/${displayId}/board`, {
      windows: [99],
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('invalid_config');
    const kiosk = await createDevice(admin, hallId, { kind: 'kiosk' });
    const wrong = await admin.patch(`/api/v1/halls/${hallId}/devices/${kiosk.device.id}/board`, {
      layout: 'strip',
    });
    expect(wrong.status).toBe(422);
    expect((await admin.get(`/api/v1/halls/${hallId}/devices/${displayId}/board`)).body.windows).toEqual([7]);
    const asKiosk = await kiosk.api.get('/api/v1/signage/board');
    expect(asKiosk.status).toBe(403);
  });
});
