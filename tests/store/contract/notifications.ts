import { expect, it } from 'vitest';
import type { NewOutboxMessage } from '../../../server/src/store/port.js';
import { buildHall, newId, T0 } from '../../helpers/factories.js';
import { useStore, type MakeStore } from './setup.js';

/** The notification outbox: queued once per key, claimed once, settled with the outcome. */
export function notificationsContract(makeStore: MakeStore): void {
  const store = useStore(makeStore);

  const message = (hallId: string, over: Partial<NewOutboxMessage> = {}): NewOutboxMessage => ({
    id: newId('msg'),
    hallId,
    appointmentId: 'booking-1',
    template: 'booking_confirmed',
    key: `booking-1:booking_confirmed`,
    slotAt: T0 + 3_600_000,
    dueAt: T0,
    createdAt: T0,
    ...over,
  });

  it('queues a message once per key and lists a hall newest first', async () => {
    const hall = (await store().saveHall(buildHall(), [])).hall;
    const first = message(hall.id);
    expect(await store().queueNotifications([first])).toBe(1);
    expect(await store().queueNotifications([message(hall.id)])).toBe(0);
    const reminder = message(hall.id, {
      template: 'booking_reminder',
      key: 'booking-1:r',
      createdAt: T0 + 5,
    });
    expect(await store().queueNotifications([reminder, message(hall.id)])).toBe(1);
    const listed = await store().listNotifications(hall.id, 10);
    expect(listed.map((m) => m.id)).toEqual([reminder.id, first.id]);
    expect(listed[1]).toEqual({
      ...first,
      status: 'queued',
      attempts: 0,
      lastError: null,
      updatedAt: T0,
      sentAt: null,
    });
    expect(await store().listNotifications('other-hall', 10)).toEqual([]);
  });

  it('lists due messages, lets one claim win, and records retries, sending and failure', async () => {
    const hall = (await store().saveHall(buildHall(), [])).hall;
    const m = message(hall.id);
    const later = message(hall.id, { key: 'later', dueAt: T0 + 10_000 });
    await store().queueNotifications([m, later]);
    expect((await store().dueNotifications(T0, 10)).map((d) => d.id)).toEqual([m.id]);
    expect(await store().claimNotification(m.id, 0, T0 + 300_000)).toBe(true);
    expect(await store().claimNotification(m.id, 0, T0 + 300_000)).toBe(false);
    expect((await store().dueNotifications(T0 + 1, 10)).map((d) => d.id)).toEqual([]);
    // A dead sender's claim runs out: the message is due again at its lease end.
    expect((await store().dueNotifications(T0 + 300_000, 10)).map((d) => d.id)).toEqual([later.id, m.id]);

    await store().settleNotification({
      id: m.id,
      status: 'queued',
      at: T0 + 1,
      dueAt: T0 + 60_000,
      lastError: 'down',
    });
    expect(await store().getNotification(m.id)).toMatchObject({
      status: 'queued',
      attempts: 1,
      dueAt: T0 + 60_000,
      lastError: 'down',
      sentAt: null,
    });
    expect(await store().claimNotification(m.id, 1, T0 + 400_000)).toBe(true);
    await store().settleNotification({ id: m.id, status: 'sent', at: T0 + 60_001, lastError: null });
    expect(await store().getNotification(m.id)).toMatchObject({
      status: 'sent',
      attempts: 2,
      lastError: null,
      sentAt: T0 + 60_001,
      updatedAt: T0 + 60_001,
    });
    expect(await store().claimNotification(m.id, 2, T0 + 500_000)).toBe(false);

    expect(await store().claimNotification(later.id, 0, T0 + 300_000)).toBe(true);
    await store().settleNotification({ id: later.id, status: 'failed', at: T0 + 2, lastError: 'refused' });
    expect(await store().getNotification(later.id)).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'refused',
    });
    expect(await store().dueNotifications(T0 + 10_000_000, 10)).toEqual([]);
    expect(await store().getNotification('nothing')).toBeNull();
  });
}
