import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EVENT_TYPES, upcastEvent, type HallEvent } from '../../server/src/domain/index.js';
import { openSqliteStore } from '../../server/src/store/sqlite/index.js';

/**
 * A hall.db written by the hub before event payloads were typed (commit
 * 6d0a123: a demo hall driven through every ticket, window, print, rating
 * and 整改 step). Logs are never rewritten, so today's hub must read it.
 */
const FIXTURE = path.join(import.meta.dirname, '../fixtures/store/hall-6d0a123.sqlite');

const dir = mkdtempSync(path.join(tmpdir(), 'old-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function openCopy() {
  const file = path.join(dir, `hall-${Math.random().toString(36).slice(2)}.db`);
  copyFileSync(FIXTURE, file);
  return openSqliteStore({ file });
}

describe('a log written by the previous version', () => {
  it('reads every event into its current typed shape', async () => {
    const store = openCopy();
    const [hall] = await store.listHalls();
    const events = await store.listEvents(hall!.id, 0, 10_000);
    expect(events.length).toBeGreaterThan(90);
    expect(new Set(events.map((e) => e.type)).size).toBeGreaterThanOrEqual(26);
    const byType = <T extends HallEvent['type']>(type: T) =>
      events.filter((e): e is Extract<HallEvent, { type: T }> => e.type === type);

    const calls = byType('ticket.called');
    for (const e of calls) expect(e.data.number).toMatch(/^[A-Z]+\d{3}$/);
    // Only the call by number wrote `specific`; every other call reads as a call-next.
    expect(calls.map((e) => e.data.specific).sort()).toEqual([...calls.map(() => false).slice(1), true]);
    for (const e of byType('ticket.completed')) expect(e.data.started).toBe(true);
    for (const e of byType('window.opened')) expect(e.data).toEqual({ clerkId: null });
    const config = byType('config.changed');
    expect(config.every((e) => typeof e.data.entity === 'string' && Array.isArray(e.data.fields))).toBe(true);
    // Old audit rows named their subject in several ways; each becomes subjectId / label.
    const device = config.find((e) => e.data.entity === 'device');
    expect(device?.data.subjectId).toMatch(/[0-9a-f-]{36}/);
    const window = config.find((e) => e.data.entity === 'window');
    expect(window?.data.label).toMatch(/^\d+$/);
    const printer = byType('device.status')[0];
    expect(printer?.data).toMatchObject({ source: 'printer', status: null, error: 'offline' });
    const failed = byType('print.failed')[0];
    expect(failed?.data).toMatchObject({ error: 'paper_out', reason: 'printer', number: null });
    const rated = byType('evaluation.submitted')[0];
    expect(rated?.data).toEqual({
      evaluationId: expect.any(String),
      level: 1,
      channel: 'evaluator',
      negative: true,
      reasons: ['态度不好'],
    });
    await store.close();
  });

  it('keeps the old rows and appends new events after them, typed, on the same seq line', async () => {
    const store = openCopy();
    const [hall] = await store.listHalls();
    const before = await store.lastSeq(hall!.id);
    const w = (await store.listWindows(hall!.id))[0]!;
    await store.saveWindow({ ...w, name: '综合窗口' }, [
      {
        hallId: hall!.id,
        type: 'config.changed',
        at: Date.now(),
        actor: { type: 'system', id: null },
        ticketId: null,
        windowId: w.id,
        from: null,
        to: null,
        data: {
          entity: 'window',
          action: 'updated',
          subjectId: w.id,
          fields: ['name'],
          label: '1',
          source: null,
        },
      },
    ]);
    const after = await store.listEvents(hall!.id, before - 1, 10);
    expect(after.map((e) => e.seq)).toEqual([before, before + 1]);
    expect(after[1]?.data).toMatchObject({ entity: 'window', fields: ['name'] });
    await store.close();
  });
});

describe('the upcaster', () => {
  const stored = (type: string, data: unknown) => ({
    seq: 1,
    hallId: 'h',
    type,
    at: 0,
    actor: { type: 'system' as const, id: null },
    ticketId: 't',
    windowId: 'w',
    from: null,
    to: null,
    data,
  });

  it('gives every type a payload even from an empty row', () => {
    for (const type of EVENT_TYPES) expect(upcastEvent(stored(type, {})).data).toBeTypeOf('object');
  });

  it('tells keypad reports from printer reports by the press id older hubs wrote', () => {
    const keypad = upcastEvent(
      stored('device.status', { deviceId: 'd', pressId: 'p', status: 'ok', action: 'next' }),
    );
    expect(keypad.data).toEqual({
      source: 'keypad',
      deviceId: 'd',
      pressId: 'p',
      status: 'ok',
      action: 'next',
      code: null,
    });
    const printer = upcastEvent(
      stored('device.status', { deviceId: 'd', status: { paperOut: true }, error: null }),
    );
    expect(printer.data).toMatchObject({ source: 'printer', status: { paperOut: true, online: true } });
  });

  it('passes current payloads through unchanged', () => {
    const data = { number: 'A001', serviceId: 's', specific: true };
    expect(upcastEvent(stored('ticket.called', data)).data).toEqual(data);
  });

  it('refuses a type it does not know, naming the event, instead of guessing', () => {
    expect(() => upcastEvent(stored('ticket.teleported', {}))).toThrow(/ticket\.teleported.*newer version/);
  });
});
