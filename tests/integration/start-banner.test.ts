import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startBanner } from '../../server/src/web/start-banner.js';
import { startHubProcess, type HubProcess } from '../helpers/hub-process.js';

/**
 * The start-up banner prints pages a browser can open, each of them
 * answering, and warns when printed QR codes would point at this machine's
 * loopback address because PUBLIC_URL is unset.
 */

// Opens the screens' pages, so the screens must be built: `npm test` builds them before the tests run.
describe('start-up banner of the real hub process', () => {
  let hub: HubProcess;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'hall-banner-'));
    hub = await startHubProcess({
      DATA_DIR: dataDir,
      DEMO: 'true',
      VIRTUAL_PRINTER_PORT: 'off',
      VIRTUAL_PRINTER_WEB_PORT: '0',
    });
    await vi.waitFor(() => expect(hub.output()).toContain('lobby board'), { timeout: 20_000 });
    await vi.waitFor(() => expect(hub.output()).toContain('PUBLIC_URL'), { timeout: 20_000 });
  }, 60_000);
  afterAll(async () => {
    hub.child.kill('SIGTERM');
    await hub.exited;
    await rm(dataDir, { recursive: true, force: true });
  });

  it('prints no Socket.IO namespace as a page, and every printed address opens', async () => {
    const out = hub.output();
    expect(out).not.toMatch(/\/display\b/);
    const urls = [...out.matchAll(/(http:\/\/127\.0\.0\.1:\d+\/\S*)/g)].map((m) => m[1]!);
    expect(urls).toEqual(expect.arrayContaining([`${hub.url}/`, `${hub.url}/kiosk/yinchuan`]));
    for (const url of urls.filter((u) => u.startsWith(hub.url))) {
      const res = await fetch(url);
      expect(res.status, url).toBe(200);
    }
  });

  it('warns that printed QR codes would point at 127.0.0.1 without PUBLIC_URL', () => {
    expect(hub.output()).toMatch(
      /Warning: PUBLIC_URL is not set: the QR codes printed on tickets point at http:\/\/127\.0\.0\.1:\d+/,
    );
  });
});

describe('startBanner', () => {
  const input = {
    base: 'http://hall.example:8080',
    dataDir: '/srv/hall',
    halls: [{ id: 'yinchuan', name: '银川市民大厅' }],
    keypadsHid: false,
  };
  it('does not warn when PUBLIC_URL is set or the QR codes reach a LAN address', () => {
    expect(startBanner({ ...input, publicUrl: true, qrBase: 'http://hall.example:8080' }).warnings).toEqual(
      [],
    );
    expect(startBanner({ ...input, publicUrl: false, qrBase: 'http://192.168.1.10:8080' }).warnings).toEqual(
      [],
    );
    expect(
      startBanner({ ...input, publicUrl: false, qrBase: 'http://localhost:8080' }).warnings,
    ).toHaveLength(1);
  });
});
