import { describe, it, expect } from 'vitest';
import { auditContract } from './contract/audit.js';
import { appointmentsContract } from './contract/appointments.js';
import { claimContract } from './contract/claim.js';
import { configContract } from './contract/config.js';
import { extrasContract } from './contract/extras.js';
import { followContract } from './contract/follow.js';
import { issueContract } from './contract/issue.js';
import { issueOnceContract } from './contract/issue-once.js';
import { notificationsContract } from './contract/notifications.js';
import { ticketPagesContract } from './contract/ticket-pages.js';
import { peopleContract } from './contract/people.js';
import { rectificationContract } from './contract/rectification.js';
import { useStore, type MakeStore } from './contract/setup.js';
import { statsContract } from './contract/stats.js';
import { updateContract } from './contract/update.js';

export type { MakeStore } from './contract/setup.js';

/**
 * The storage port's contract (server/src/store/port.ts), written once and
 * run against every adapter: `runStoreContract('sqlite', makeStore)`. Each
 * test gets a fresh, empty store from `makeStore` and cleans it up after.
 */
export function runStoreContract(name: string, makeStore: MakeStore): void {
  describe(`${name} store contract`, () => {
    describe('readiness', () => {
      const store = useStore(makeStore);
      it('answers ping on an open store', async () => {
        await expect(store().ping()).resolves.toBeUndefined();
      });
    });
    describe('configuration', () => configContract(makeStore));
    describe('every write with its events', () => auditContract(makeStore));
    describe('issuing and ticket reads', () => issueContract(makeStore));
    describe('issuing once per idempotency key', () => issueOnceContract(makeStore));
    describe('ticket list pages', () => ticketPagesContract(makeStore));
    describe('call-next', () => claimContract(makeStore));
    describe('changes and snapshots', () => updateContract(makeStore));
    describe('people and devices', () => peopleContract(makeStore));
    describe('settings, printing and ratings', () => extrasContract(makeStore));
    describe('statistics roll-up', () => statsContract(makeStore));
    describe('rectification cases', () => rectificationContract(makeStore));
    describe('following the log', () => followContract(makeStore));
    describe('appointments', () => appointmentsContract(makeStore));
    describe('notification outbox', () => notificationsContract(makeStore));
  });
}
