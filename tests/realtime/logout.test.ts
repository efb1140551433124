import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashSecret } from '../../server/src/app/index.js';
import type { DisplaySnapshot } from '../../server/src/protocol/index.js';
import type { TestHub } from '../helpers/hub.js';
import { seedHall, seedUser, startRealtimeHub, type SeededHall } from '../helpers/realtime-fixtures.js';
import { ask, closeClients, connectStaff, waitFor } from './support.js';

/**
 * Logging out ends the session everywhere at once: its live /staff connection
 * stops receiving the hall's tickets, like a revoked device. Other sessions of
 * the same person (another browser) stay connected.
 */
describe('logout and the staff feed', () => {
  let hub: TestHub;
  let seeded: SeededHall;

  beforeEach(async () => {
    hub = (await startRealtimeHub()).hub;
    seeded = await seedHall(hub.store);
  });
  afterEach(async () => {
    closeClients();
    await hub.close();
  });

  it("cuts off the logged-out session's sockets and no other", async () => {
    const { token } = await seedUser(hub.store, { role: 'supervisor', hallIds: [seeded.hall.id] });
    const otherToken = `usr_other-session-of-the-same-user`;
    const session = await hub.store.getSession(hashSecret(token));
    await hub.store.createSession({ ...session!, tokenHash: hashSecret(otherToken) });

    const leaving = connectStaff(hub.url, { token });
    const staying = connectStaff(hub.url, { token: otherToken });
    await waitFor<DisplaySnapshot>(leaving, 'display:snapshot');
    await waitFor<DisplaySnapshot>(staying, 'display:snapshot');

    const gone = waitFor(leaving, 'disconnect');
    const reply = await fetch(`${hub.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(reply.status).toBe(204);
    expect(await gone).toBe('io server disconnect');

    const snapshot = await ask<DisplaySnapshot>(staying, 'display:snapshot', { hallId: seeded.hall.id });
    expect(snapshot.ok).toBe(true);
    expect(staying.connected).toBe(true);
  });
});
