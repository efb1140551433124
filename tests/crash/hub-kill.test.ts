import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startHubProcess, type HubProcess } from '../helpers/hub-process.js';

/**
 * kill -9 of the hub while tickets are being issued over HTTP: every ticket
 * whose response reached the kiosk is in the database with the same number,
 * the database is consistent, and numbering continues without a repeat.
 */
describe('the hub killed with SIGKILL between issue and response', () => {
  let dir = '';
  const hubs: HubProcess[] = [];
  afterEach(async () => {
    for (const h of hubs)
      if (h.child.exitCode === null && h.child.signalCode === null) h.child.kill('SIGKILL');
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('loses no acknowledged ticket and repeats no number', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hall-kill-'));
    const env = {
      DATA_DIR: dir,
      HUB_ADMIN_PASSWORD: 'correct horse battery',
      RATE_LIMIT_PER_MINUTE: '100000',
    };
    const hub = await startHubProcess(env);
    hubs.push(hub);
    const menu = (await (await fetch(`${hub.url}/api/v1/halls/yinchuan/kiosk-menu`)).json()) as {
      domains: { services: { id: string }[] }[];
    };
    const serviceIds = menu.domains.flatMap((d) => d.services.map((s) => s.id));

    const acknowledged = new Map<string, string>(); // statusToken → number
    let killed = false;
    const kiosk = async (k: number) => {
      for (let i = 0; !killed; i++) {
        try {
          const res = await fetch(`${hub.url}/api/v1/halls/yinchuan/tickets`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ serviceId: serviceIds[(k + i) % serviceIds.length], channel: 'kiosk' }),
          });
          if (res.status !== 201 && res.status !== 200)
            throw new Error(`issue answered ${res.status}: ${await res.text()}`);
          const body = (await res.json()) as { number: string; statusToken: string };
          acknowledged.set(body.statusToken, body.number);
          if (acknowledged.size >= 150 && !killed) {
            killed = true;
            hub.child.kill('SIGKILL');
          }
        } catch (err) {
          if (!killed) throw err;
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, k) => kiosk(k)));
    expect((await hub.exited).signal).toBe('SIGKILL');

    // The file as the crash left it: consistent, and holding every acknowledged ticket.
    const db = new Database(path.join(dir, 'hall.db'));
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const tickets = db.prepare('SELECT id, number, status_token, business_day FROM tickets').all() as {
        id: string;
        number: string;
        status_token: string;
        business_day: string;
      }[];
      const byToken = new Map(tickets.map((t) => [t.status_token, t.number]));
      for (const [token, number] of acknowledged) expect(byToken.get(token)).toBe(number);
      const issued = db.prepare("SELECT ticket_id FROM events WHERE type = 'ticket.issued'").all() as {
        ticket_id: string;
      }[];
      expect(issued.map((e) => e.ticket_id).sort()).toEqual(tickets.map((t) => t.id).sort());
      const keys = tickets.map((t) => `${t.business_day}/${t.number}`);
      expect(new Set(keys).size).toBe(keys.length);
    } finally {
      db.close();
    }

    // Restarted, the hub continues the numbering.
    const again = await startHubProcess(env);
    hubs.push(again);
    expect((await fetch(`${again.url}/readyz`)).status).toBe(200);
    const before = new Set(acknowledged.values());
    for (const serviceId of serviceIds.slice(0, 5)) {
      const res = await fetch(`${again.url}/api/v1/halls/yinchuan/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ serviceId, channel: 'kiosk' }),
      });
      expect(res.status).toBe(201);
      const body = (await res.json()) as { number: string };
      expect(before.has(body.number)).toBe(false);
    }
    again.child.kill('SIGTERM');
    await again.exited;
  }, 60_000);
});
