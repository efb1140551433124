import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callNext, issueTicket } from '../../server/src/app/index.js';
import { seedDemoHall, type DemoHall } from '../../server/src/demo/seed.js';
import { CITIZEN } from '../../server/src/domain/index.js';
import { HubConnectionController } from '../../signage/src/shared/hub-connection.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';

/**
 * The board's socket controller against a real hub and a real socket:
 * every call announced once, across the board being taken off the page and
 * put back while calls go on, and nothing that grows with time.
 */

class FakeHost implements ReactiveControllerHost {
  readonly controllers: ReactiveController[] = [];
  private waiters: (() => void)[] = [];
  readonly updateComplete = Promise.resolve(true);
  addController(c: ReactiveController): void {
    this.controllers.push(c);
  }
  removeController(): void {}
  requestUpdate(): void {
    for (const w of this.waiters) w();
  }
  /** Resolves once `ready()` holds, checked on every update the controller asks for. */
  until(ready: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    if (ready()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
      const check = () => {
        if (!ready()) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
        resolve();
      };
      this.waiters.push(check);
    });
  }
}

let hub: TestHub;
let demo: DemoHall;
const CLERK = { type: 'user' as const, id: 'clerk-1' };

beforeAll(async () => {
  hub = await startTestHub();
  demo = await seedDemoHall(hub.deps);
  await hub.store.saveHall({ ...demo.hall, rules: { ...demo.hall.rules, idempotencyMs: 0 } }, []);
});
afterAll(() => hub.close());

async function call(k: number): Promise<void> {
  const service = demo.services.find((s) => s.code === 'SB001')!;
  await issueTicket(hub.deps, {
    hallId: demo.hall.id,
    serviceId: service.id,
    channel: 'kiosk',
    actor: CITIZEN,
  });
  const window = demo.windows.find((w) => w.number === (k % 3) + 1)!;
  await callNext(hub.deps, { windowId: window.id, actor: CLERK });
}

describe('HubConnectionController', () => {
  it('announces each call once across reconnects, and keeps listeners and state bounded', async () => {
    const host = new FakeHost();
    const announced: string[] = [];
    const ctl = new HubConnectionController(host, {
      hallId: demo.hall.id,
      url: hub.url,
      onAnnounce: (calls) => announced.push(...calls.map((c) => c.callId)),
    });
    const socket = () => (ctl as unknown as { socket: Socket }).socket;
    ctl.hostConnected();
    await host.until(() => ctl.sync.inSync, 'the first snapshot');

    for (let k = 0; k < 90; k++) {
      await call(k);
      if (k % 30 === 29) {
        // Everything so far has reached the board; then it leaves the page and comes back.
        const seq = await hub.store.lastSeq(demo.hall.id);
        await host.until(() => (ctl.state?.seq ?? 0) >= seq, 'the board to catch up');
        ctl.hostDisconnected();
        await call(1000 + k);
        ctl.hostConnected();
        await host.until(() => ctl.connected && ctl.sync.inSync, 'the snapshot after reconnecting');
      }
    }
    await host.until(() => announced.length >= 93, 'every call announced');

    expect(announced).toHaveLength(93);
    expect(new Set(announced).size).toBe(93);
    expect(ctl.state?.recentCalls.length).toBeLessThanOrEqual(10);
    expect(socket().listeners('ticket:called')).toHaveLength(1);
    expect(socket().listeners('display:snapshot')).toHaveLength(1);
    ctl.hostDisconnected();
  });
});
