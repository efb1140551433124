import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueBookingNotifications, sendDueNotifications } from '../../server/src/app/index.js';
import { standardCalendar } from '../../server/src/domain/index.js';
import { bookingNotificationsJob } from '../../server/src/jobs/booking-notifications.js';
import { loadConfig } from '../../server/src/config.js';
import { createLogger, silentLogger } from '../../server/src/logger.js';
import { notifyDeps } from '../../server/src/notify/config.js';
import {
  logNotifier,
  smsHttpNotifier,
  type Notifier,
  type NotifyMessage,
} from '../../server/src/notify/index.js';
import { Api, createHall, createService, expectStatus, setupAdmin } from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';

/**
 * Booking confirmations and reminders through the outbox, over a real hub
 * and SQLite file: queued once, sent once, retried and then shown failed
 * to the admin, never for a booking without a phone or one cancelled first.
 */

const local = (day: string, hhmm: string): number => Date.parse(`${day}T${hhmm}:00+08:00`);
const MON = '2026-12-07';
const MINUTE = 60_000;
let clock = local(MON, '07:00');

// The log provider writes to this stream; each line is one JSON record.
const logLines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, done) {
    for (const line of chunk.toString().split('\n')) if (line.trim()) logLines.push(JSON.parse(line));
    done();
  },
});
const logProvider = logNotifier(createLogger('info', sink));
const sentByLog = () => logLines.filter((l) => l.msg === 'notification sent');

// The hub's provider; a test may swap in a failing or recording one.
let provider: Notifier = logProvider;
const notifier: Notifier = { name: 'test', send: (m) => provider.send(m) };

let t: TestHub;
let admin: Api;
let anon: Api;

beforeAll(async () => {
  t = await startTestHub({
    deps: {
      now: () => clock,
      notifier,
      notify: { reminderLeadMs: 60 * MINUTE, maxAttempts: 3, retryBaseMs: MINUTE },
    },
  });
  admin = await setupAdmin(t);
  anon = new Api(t.url);
});
afterAll(async () => t.close());

async function bookableHall(over: Record<string, unknown> = {}) {
  const hall = await createHall(admin, { calendar: standardCalendar() });
  const service = await createService(admin, hall.id);
  expectStatus(
    await admin.put(`/api/v1/halls/${hall.id}/appointment-settings`, {
      ...over,
      enabled: true,
      maxBookedShare: 0.5,
      horizonDays: 14,
      minLeadMinutes: 30,
      earlyMinutes: 30,
      lateMinutes: 15,
      name: 'optional',
      phone: 'optional',
      allowDuplicates: true,
      purgeAfterDays: 30,
      services: [{ serviceId: service.id, enabled: true, slotMinutes: 30, capacityPerSlot: 4 }],
    }),
    200,
    'settings',
  );
  return { hallId: hall.id, serviceId: service.id };
}

async function book(hallId: string, serviceId: string, slotStart: number, phone?: string) {
  const res = await anon.post<{ code: string }>(`/api/v1/halls/${hallId}/bookings`, {
    serviceId,
    day: MON,
    slotStart,
    ...(phone ? { phone } : {}),
  });
  expectStatus(res, 201, 'book');
  return res.body.code;
}

interface View {
  template: string;
  status: string;
  attempts: number;
  lastError: string | null;
  phone: string | null;
  bookingCode: string | null;
}
const messages = async (hallId: string) => {
  const res = await admin.get<{ messages: View[] }>(`/api/v1/halls/${hallId}/notifications`);
  expect(res.status).toBe(200);
  return res.body.messages;
};
const runJob = () => bookingNotificationsJob.perform(t.deps);

describe('booking notifications', () => {
  it('sends the confirmation and, inside the lead, the reminder once each through the log provider', async () => {
    provider = logProvider;
    clock = local(MON, '07:00');
    const { hallId, serviceId } = await bookableHall();
    const code = await book(hallId, serviceId, 600, '13812345678'); // 10:00
    const before = sentByLog().length;
    await runJob();
    await runJob();
    let sent = sentByLog().slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      template: 'booking_confirmed',
      to: '138****5678',
      params: { code, day: MON, time: '10:00' },
    });
    expect(JSON.stringify(logLines)).not.toContain('13812345678');

    clock = local(MON, '09:05'); // inside the one-hour lead
    await runJob();
    await runJob();
    sent = sentByLog().slice(before);
    expect(sent.map((l) => l.template)).toEqual(['booking_confirmed', 'booking_reminder']);
    const list = await messages(hallId);
    expect(list.map((m) => [m.template, m.status, m.attempts, m.phone])).toEqual([
      ['booking_reminder', 'sent', 1, '138****5678'],
      ['booking_confirmed', 'sent', 1, '138****5678'],
    ]);
    expect((await anon.get(`/api/v1/halls/${hallId}/notifications`)).status).toBe(401);
  });

  it('queues nothing for a booking without a phone', async () => {
    clock = local(MON, '07:00');
    const { hallId, serviceId } = await bookableHall();
    await book(hallId, serviceId, 600);
    await runJob();
    clock = local(MON, '09:30');
    await runJob();
    expect(await messages(hallId)).toEqual([]);
  });

  it('cancels the reminder of a booking cancelled before it went out', async () => {
    provider = logProvider;
    clock = local(MON, '07:00');
    const { hallId, serviceId } = await bookableHall();
    const early = await book(hallId, serviceId, 600, '13900000001');
    const late = await book(hallId, serviceId, 630, '13900000002');
    await runJob();
    // The reminder of one is queued, then the citizen cancels before the send step.
    clock = local(MON, '09:10');
    await queueBookingNotifications(t.deps, clock);
    expectStatus(await anon.post(`/api/v1/bookings/${early}/cancel`), 200, 'cancel');
    // The other is cancelled before its reminder is even queued.
    expectStatus(await anon.post(`/api/v1/bookings/${late}/cancel`), 200, 'cancel');
    const before = sentByLog().length;
    await sendDueNotifications(t.deps, clock);
    clock = local(MON, '09:40');
    await runJob();
    expect(sentByLog().length).toBe(before);
    const list = await messages(hallId);
    expect(list.filter((m) => m.template === 'booking_reminder')).toEqual([
      expect.objectContaining({
        status: 'cancelled',
        attempts: 1,
        lastError: 'booking cancelled',
        phone: '139****0001',
      }),
    ]);
  });

  it('confirms a moved booking again and reminds of the new slot, never of the old one', async () => {
    provider = logProvider;
    clock = local(MON, '07:00');
    const { hallId, serviceId } = await bookableHall();
    const code = await book(hallId, serviceId, 600, '13500000001'); // 10:00
    const before = sentByLog().length;
    const sent = () =>
      sentByLog()
        .slice(before)
        .map((l) => [l.template, (l.params as { time: string }).time]);
    await runJob();
    clock = local(MON, '09:05'); // the 10:00 reminder goes out
    await runJob();
    expect(sent()).toEqual([
      ['booking_confirmed', '10:00'],
      ['booking_reminder', '10:00'],
    ]);

    const move = (slotStart: number) =>
      anon.post(`/api/v1/bookings/${code}/reschedule`, { day: MON, slotStart });
    expectStatus(await move(660), 200, 'move to 11:00');
    await runJob();
    await runJob();
    // Confirmed again for 11:00 at once; its reminder waits for the lead.
    expect(sent()).toEqual([
      ['booking_confirmed', '10:00'],
      ['booking_reminder', '10:00'],
      ['booking_confirmed', '11:00'],
    ]);
    clock = local(MON, '10:05');
    await runJob();
    await runJob();
    expect(sent().slice(3)).toEqual([['booking_reminder', '11:00']]);
    const list = await messages(hallId);
    expect(list.filter((m) => m.status === 'sent')).toHaveLength(4);
    expect(list.every((m) => m.bookingCode === code)).toBe(true);
  });

  it('cancels a queued reminder of the old slot when the booking moves, and reminds of nothing once cancelled', async () => {
    provider = logProvider;
    clock = local(MON, '07:00');
    const { hallId, serviceId } = await bookableHall();
    const code = await book(hallId, serviceId, 600, '13500000002'); // 10:00
    await runJob();
    const before = sentByLog().length;
    const sent = () =>
      sentByLog()
        .slice(before)
        .map((l) => [l.template, (l.params as { time: string }).time]);
    // The 10:00 reminder is queued, then the citizen moves to 11:30 before it is sent.
    clock = local(MON, '09:05');
    await queueBookingNotifications(t.deps, clock);
    expectStatus(
      await anon.post(`/api/v1/bookings/${code}/reschedule`, { day: MON, slotStart: 690 }),
      200,
      'move to 11:30',
    );
    await runJob();
    expect(sent()).toEqual([['booking_confirmed', '11:30']]);
    const old = (await messages(hallId)).filter((m) => m.status === 'cancelled');
    expect(old).toEqual([
      expect.objectContaining({ template: 'booking_reminder', lastError: 'booking moved' }),
    ]);
    // Moved once more, then cancelled before anything of the new slot went out.
    clock = local(MON, '09:10');
    expectStatus(
      await anon.post(`/api/v1/bookings/${code}/reschedule`, { day: MON, slotStart: 840 }),
      200,
      'move to 14:00',
    );
    await queueBookingNotifications(t.deps, clock);
    expectStatus(await anon.post(`/api/v1/bookings/${code}/cancel`), 200, 'cancel');
    await runJob();
    clock = local(MON, '11:05'); // inside the lead of 11:30
    await runJob();
    clock = local(MON, '13:35'); // inside the lead of 14:00
    await runJob();
    expect(sent()).toEqual([['booking_confirmed', '11:30']]);
    const list = await messages(hallId);
    expect(list.filter((m) => m.template === 'booking_reminder' && m.status !== 'cancelled')).toEqual([]);
    expect(list.filter((m) => m.status === 'queued')).toEqual([]);
  });

  it("reminds at the hall's own lead when it has one, at the hub's otherwise; a bad lead is refused", async () => {
    provider = logProvider;
    clock = local(MON, '07:00');
    const own = await bookableHall({ reminderLeadMinutes: 180 });
    const hub = await bookableHall();
    expect(
      (
        await admin.get<{ reminderLeadMinutes: number | null }>(
          `/api/v1/halls/${hub.hallId}/appointment-settings`,
        )
      ).body.reminderLeadMinutes,
    ).toBeNull();
    await book(own.hallId, own.serviceId, 600, '13400000001'); // 10:00
    await book(hub.hallId, hub.serviceId, 600, '13400000002');
    const reminders = async (hallId: string) =>
      (await messages(hallId)).filter((m) => m.template === 'booking_reminder' && m.status === 'sent');
    clock = local(MON, '06:59'); // both before their lead
    await runJob();
    expect(await reminders(own.hallId)).toHaveLength(0);
    clock = local(MON, '07:00'); // three hours before 10:00: the hall's own lead
    await runJob();
    expect(await reminders(own.hallId)).toHaveLength(1);
    expect(await reminders(hub.hallId)).toHaveLength(0);
    clock = local(MON, '09:00'); // the hub's one hour
    await runJob();
    expect(await reminders(hub.hallId)).toHaveLength(1);
    expect(await reminders(own.hallId)).toHaveLength(1);

    const path = `/api/v1/halls/${own.hallId}/appointment-settings`;
    const saved = (await admin.get<Record<string, unknown>>(path)).body;
    for (const bad of [2, 30.5, -1, 8 * 24 * 60, '60']) {
      const refused = await admin.put(path, { ...saved, reminderLeadMinutes: bad });
      expect(refused.status, String(bad)).toBe(400);
      expect(refused.body).toMatchObject({ code: 'validation_failed' });
    }
    expect((await admin.get(path)).body).toEqual(saved);
    expectStatus(await admin.put(path, { ...saved, reminderLeadMinutes: null }), 200, 'back to the hub');
    expect((await admin.get<Record<string, unknown>>(path)).body.reminderLeadMinutes).toBeNull();
  });

  it('retries a failing provider with a growing wait, then marks the message failed for the admin', async () => {
    let calls = 0;
    provider = {
      name: 'broken',
      async send() {
        calls++;
        throw new Error('gateway down');
      },
    };
    clock = local(MON, '07:00');
    const { hallId, serviceId } = await bookableHall();
    await book(hallId, serviceId, 660, '13700000000'); // 11:00
    await runJob();
    expect(calls).toBe(1);
    expect((await messages(hallId))[0]).toMatchObject({
      status: 'queued',
      attempts: 1,
      lastError: 'gateway down',
    });
    clock += 30_000; // before the first retry is due
    await runJob();
    expect(calls).toBe(1);
    clock += 30_000; // one minute after the failure
    await runJob();
    expect(calls).toBe(2);
    clock += MINUTE; // the second retry waits two minutes
    await runJob();
    expect(calls).toBe(2);
    clock += MINUTE;
    await runJob();
    expect(calls).toBe(3);
    clock += 60 * MINUTE;
    await runJob();
    expect(calls).toBe(3);
    expect(await messages(hallId)).toEqual([
      expect.objectContaining({
        template: 'booking_confirmed',
        status: 'failed',
        attempts: 3,
        lastError: 'gateway down',
        phone: '137****0000',
      }),
    ]);
    provider = logProvider;
  });

  it('sends once when two hubs run the send step at the same moment', async () => {
    const got: NotifyMessage[] = [];
    provider = {
      name: 'slow',
      async send(m) {
        got.push(m);
        await new Promise((r) => setTimeout(r, 20));
      },
    };
    clock = local(MON, '07:00');
    const { hallId, serviceId } = await bookableHall();
    for (const phone of ['13600000001', '13600000002', '13600000003'])
      await book(hallId, serviceId, 600, phone);
    const other = { ...t.deps };
    await Promise.all([runJob(), bookingNotificationsJob.perform(other), runJob()]);
    expect(got.map((m) => m.to).sort()).toEqual(['13600000001', '13600000002', '13600000003']);
    expect((await messages(hallId)).every((m) => m.status === 'sent' && m.attempts === 1)).toBe(true);
    provider = logProvider;
  });
});

describe('the sms-http provider', () => {
  it('posts each message as JSON to the configured gateway and fails on a refusal', async () => {
    const bodies: { auth: string | undefined; body: unknown }[] = [];
    let answer = 200;
    const server = createServer((req: IncomingMessage, res) => {
      let data = '';
      req.on('data', (c: Buffer) => (data += c.toString()));
      req.on('end', () => {
        bodies.push({ auth: req.headers.authorization, body: JSON.parse(data) });
        res.writeHead(answer).end(answer === 200 ? 'ok' : 'quota exceeded');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
    try {
      const sms = smsHttpNotifier({ url, token: 'secret-token' });
      const message: NotifyMessage = {
        to: '13812345678',
        template: 'booking_reminder',
        params: { code: 'ABCD2345', time: '10:00' },
      };
      await sms.send(message);
      expect(bodies).toEqual([{ auth: 'Bearer secret-token', body: message }]);
      answer = 503;
      await expect(sms.send(message)).rejects.toThrow('SMS gateway answered 503: quota exceeded');
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe('choosing the provider', () => {
  it('takes NOTIFY_* from the environment and refuses sms-http without a URL', () => {
    const pick = (env: Record<string, string>) =>
      notifyDeps(loadConfig({ DATA_DIR: '/tmp/x', ...env }), silentLogger());
    expect(pick({}).notifier.name).toBe('log');
    expect(pick({}).notify.reminderLeadMs).toBe(120 * MINUTE);
    expect(pick({ NOTIFY_PROVIDER: 'off', NOTIFY_REMINDER_LEAD_MINUTES: '30' })).toMatchObject({
      notifier: { name: 'off' },
      notify: { reminderLeadMs: 30 * MINUTE },
    });
    expect(
      pick({ NOTIFY_PROVIDER: 'sms-http', NOTIFY_SMS_URL: 'http://127.0.0.1:1/sms' }).notifier.name,
    ).toBe('sms-http');
    expect(() => loadConfig({ NOTIFY_PROVIDER: 'sms-http' })).toThrow(/NOTIFY_SMS_URL: required/);
    expect(() => loadConfig({ NOTIFY_PROVIDER: 'pigeon' })).toThrow(/NOTIFY_PROVIDER/);
  });
});
