import { describe, expect, it } from 'vitest';
import { lifecycle } from '../../../server/src/domain/index.js';
import {
  buildDevice,
  buildEvent,
  buildHall,
  buildService,
  buildWindow,
  T0,
} from '../../helpers/factories.js';
import {
  captureState,
  claimedTicket,
  claimRequest,
  CLERK,
  expectDomainError,
  issue,
  seedHall,
  startTicket,
  useStore,
  type MakeStore,
} from './setup.js';

export function configContract(makeStore: MakeStore): void {
  const store = useStore(makeStore);

  describe('halls', () => {
    it('saves a hall and reads it back exactly', async () => {
      const hall = buildHall({ level: 'township' });
      expect((await store().saveHall(hall, [])).hall).toEqual(hall);
      expect(await store().getHall(hall.id)).toEqual(hall);
      expect(await store().listHalls()).toEqual([hall]);
      expect(await store().getHall('no-such-hall')).toBeNull();
    });

    it('updates a hall in place', async () => {
      const hall = (await store().saveHall(buildHall(), [])).hall;
      const renamed = {
        ...hall,
        name: '便民服务中心',
        rules: { ...hall.rules, recallLimit: 5 },
        updatedAt: T0 + 1,
      };
      expect((await store().saveHall(renamed, [])).hall).toEqual(renamed);
      expect(await store().listHalls()).toEqual([renamed]);
    });

    it('appends the audit event in the same step, with the next seq', async () => {
      const hall = buildHall();
      const created = buildEvent(hall.id, { change: { entity: 'hall', action: 'created' } });
      const renamed = buildEvent(hall.id, { change: { entity: 'hall', fields: ['name'] } });
      await store().saveHall(hall, [created]);
      await store().saveHall({ ...hall, name: 'x' }, [renamed]);
      const events = await store().listEvents(hall.id, 0, 10);
      expect(events).toEqual([
        { ...created, seq: 1 },
        { ...renamed, seq: 2 },
      ]);
    });

    it('deletes an empty hall and refuses an unknown one', async () => {
      const hall = (await store().saveHall(buildHall(), [])).hall;
      await store().deleteHall(hall.id, []);
      expect(await store().getHall(hall.id)).toBeNull();
      await expectDomainError(store().deleteHall(hall.id, []), 'not_found');
    });

    it('refuses to delete a hall that still has services, windows, devices or tickets', async () => {
      const withService = (await store().saveHall(buildHall(), [])).hall;
      await store().saveService(buildService(withService), []);
      const withWindow = (await store().saveHall(buildHall(), [])).hall;
      await store().saveWindow(buildWindow(withWindow), []);
      const withDevice = (await store().saveHall(buildHall(), [])).hall;
      await store().saveDevice(buildDevice(withDevice), []);
      for (const hall of [withService, withWindow, withDevice]) {
        await expectDomainError(store().deleteHall(hall.id, []), 'conflict');
        expect(await store().getHall(hall.id)).toEqual(hall);
      }
      const { hall, services } = await seedHall(store());
      await issue(store(), services[0]);
      await expectDomainError(store().deleteHall(hall.id, []), 'conflict');
    });
  });

  describe('services', () => {
    it('saves matters and lists them by sort order', async () => {
      const hall = (await store().saveHall(buildHall(), [])).hall;
      const later = buildService(hall, {
        sortOrder: 2,
        crossRegion: true,
        dedicated: true,
        expectedMinutes: 7.5,
      });
      const first = buildService(hall, { sortOrder: 1, enabled: false });
      expect((await store().saveService(later, [])).service).toEqual(later);
      await store().saveService(first, []);
      expect(await store().listServices(hall.id)).toEqual([first, later]);
      expect(await store().getService(later.id)).toEqual(later);
      expect(await store().getService('no-such-service')).toBeNull();
    });

    it('refuses a code already used in the hall, and allows it in another hall', async () => {
      const hall = (await store().saveHall(buildHall(), [])).hall;
      const other = (await store().saveHall(buildHall(), [])).hall;
      const original = (await store().saveService(buildService(hall, { code: 'SB-01', prefix: 'A' }), []))
        .service;
      await expectDomainError(store().saveService(buildService(hall, { code: 'SB-01' }), []), 'conflict');
      expect(await store().listServices(hall.id)).toEqual([original]);
      await store().saveService(buildService(other, { code: 'SB-01', prefix: 'A' }), []);
      expect(await store().listServices(other.id)).toHaveLength(1);
    });

    it('lets the matters of one area share a ticket prefix (one sequence for the area)', async () => {
      const hall = (await store().saveHall(buildHall(), [])).hall;
      const a = (await store().saveService(buildService(hall, { prefix: 'A' }), [])).service;
      const b = (await store().saveService(buildService(hall, { prefix: 'A' }), [])).service;
      expect((await store().listServices(hall.id)).map((s) => s.id).sort()).toEqual([a.id, b.id].sort());
    });

    it('updates a matter without clashing with itself', async () => {
      const hall = (await store().saveHall(buildHall(), [])).hall;
      const s = (await store().saveService(buildService(hall), [])).service;
      const changed = { ...s, name: '城乡居民养老保险参保登记', enabled: false };
      expect((await store().saveService(changed, [])).service).toEqual(changed);
      expect(await store().listServices(hall.id)).toEqual([changed]);
    });

    it('refuses a matter of an unknown hall', async () => {
      await expectDomainError(store().saveService(buildService({ id: 'no-such-hall' }), []), 'not_found');
    });

    it('refuses to delete a matter that tickets reference, and changes nothing', async () => {
      const { hall, services } = await seedHall(store());
      await issue(store(), services[0]);
      const before = await captureState(store(), hall.id);
      await expectDomainError(store().deleteService(services[0].id, [buildEvent(hall.id)]), 'conflict');
      expect(await store().getService(services[0].id)).toEqual(services[0]);
      expect(await captureState(store(), hall.id)).toEqual(before);
    });

    it('deletes an unused matter with its audit event', async () => {
      const { hall, services } = await seedHall(store());
      const seq = await store().lastSeq(hall.id);
      await store().deleteService(services[1].id, [
        buildEvent(hall.id, { change: { entity: 'service', action: 'deleted', subjectId: services[1].id } }),
      ]);
      expect(await store().getService(services[1].id)).toBeNull();
      expect((await store().listEvents(hall.id, seq, 10)).map((e) => e.data)).toEqual([
        expect.objectContaining({ entity: 'service', action: 'deleted', subjectId: services[1].id }),
      ]);
      await expectDomainError(store().deleteService(services[1].id, []), 'not_found');
    });
  });

  describe('windows', () => {
    it('saves windows with their given state and reads them back exactly', async () => {
      const hall = (await store().saveHall(buildHall(), [])).hall;
      const w = buildWindow(hall, {
        kind: 'domain',
        domains: ['社保', '医保'],
        serviceIds: ['s-1'],
        overflow: true,
        state: 'paused',
        pauseReason: '午休',
        clerkIds: ['u-1', 'u-2'],
        currentClerkId: 'u-1',
        lastCallNextAt: T0,
        sortOrder: 9,
      });
      const first = buildWindow(hall, { sortOrder: 1 });
      expect((await store().saveWindow(w, [])).window).toEqual(w);
      await store().saveWindow(first, []);
      expect(await store().getWindow(w.id)).toEqual(w);
      expect(await store().listWindows(hall.id)).toEqual([first, w]);
      expect(await store().getWindow('no-such-window')).toBeNull();
    });

    it('refuses a window number already used in the hall', async () => {
      const hall = (await store().saveHall(buildHall(), [])).hall;
      const other = (await store().saveHall(buildHall(), [])).hall;
      const w = (await store().saveWindow(buildWindow(hall, { number: 3 }), [])).window;
      await expectDomainError(store().saveWindow(buildWindow(hall, { number: 3 }), []), 'conflict');
      await expectDomainError(
        store().saveWindow(buildWindow(hall, { id: 'another', number: 3 }), []),
        'conflict',
      );
      expect(await store().listWindows(hall.id)).toEqual([w]);
      await store().saveWindow(buildWindow(other, { number: 3 }), []);
    });

    it('keeps the live state of an existing window when its configuration is saved', async () => {
      const { hall, services, windows } = await seedHall(store());
      const ticket = await issue(store(), services[0]);
      await store().claimNext(claimRequest(windows[0]));
      await store().updateWindow({
        windowId: windows[0].id,
        patch: { state: 'paused', pauseReason: '取材料', currentClerkId: 'u-7' },
        events: [],
      });
      const live = await store().getWindow(windows[0].id);
      const saved = (
        await store().saveWindow(
          {
            ...windows[0],
            name: '综合受理 1',
            overflow: true,
            clerkIds: ['u-7'],
            state: 'closed',
            pauseReason: null,
            currentClerkId: null,
            currentTicketId: null,
            lastCallNextAt: null,
          },
          [],
        )
      ).window;
      expect(saved).toEqual({ ...live, name: '综合受理 1', overflow: true, clerkIds: ['u-7'] });
      expect(saved).toMatchObject({ state: 'paused', currentTicketId: ticket.id, currentClerkId: 'u-7' });
      expect(await store().listWindows(hall.id)).toContainEqual(saved);
    });

    it('refuses to delete a window with a ticket at the counter or on hold', async () => {
      const { hall, services, windows } = await seedHall(store());
      await issue(store(), services[0]);
      const ticket = claimedTicket(await store().claimNext(claimRequest(windows[0])));
      await expectDomainError(store().deleteWindow(windows[0].id, []), 'conflict');

      const serving = await startTicket(store(), ticket, T0 + 70_000);
      const held = lifecycle.hold(serving, '缺材料', T0 + 80_000, CLERK);
      await store().updateTicket({
        ticketId: serving.id,
        expectedVersion: serving.version,
        patch: held.patch,
        events: [held.event],
        window: { id: windows[0].id, expectedCurrentTicketId: serving.id, currentTicketId: null },
      });
      const before = await captureState(store(), hall.id);
      await expectDomainError(
        store().deleteWindow(windows[0].id, [
          buildEvent(hall.id, { change: { entity: 'window', action: 'deleted' } }),
        ]),
        'conflict',
      );
      expect(await captureState(store(), hall.id)).toEqual(before);
    });

    it('deletes a free window with its audit event', async () => {
      const { hall, windows } = await seedHall(store());
      const seq = await store().lastSeq(hall.id);
      await store().deleteWindow(windows[1].id, [{ ...claimAudit(hall.id), windowId: windows[1].id }]);
      expect(await store().getWindow(windows[1].id)).toBeNull();
      expect(await store().listEvents(hall.id, seq, 10)).toHaveLength(1);
      await expectDomainError(store().deleteWindow(windows[1].id, []), 'not_found');
    });
  });

  describe('updateWindow', () => {
    it('applies the patch and appends the events with the next seqs', async () => {
      const { hall, windows } = await seedHall(store());
      const seq = await store().lastSeq(hall.id);
      const paused = buildEvent(hall.id, { type: 'window.paused', actor: CLERK, windowId: windows[0].id });
      const result = await store().updateWindow({
        windowId: windows[0].id,
        expectedState: 'open',
        expectedCurrentTicketId: null,
        patch: { state: 'paused', pauseReason: '系统故障' },
        events: [paused, { ...paused, at: paused.at + 1 }],
      });
      expect(result.window).toEqual({ ...windows[0], state: 'paused', pauseReason: '系统故障' });
      expect(result.events).toEqual([
        { ...paused, seq: seq + 1 },
        { ...paused, at: paused.at + 1, seq: seq + 2 },
      ]);
      expect(await store().listEvents(hall.id, seq, 10)).toEqual(result.events);
      expect(await store().getWindow(windows[0].id)).toEqual(result.window);

      const resumed = await store().updateWindow({
        windowId: windows[0].id,
        patch: { state: 'open', pauseReason: null, currentClerkId: 'u-1' },
        events: [],
      });
      expect(resumed).toEqual({ window: { ...windows[0], currentClerkId: 'u-1' }, events: [] });
    });

    it('refuses a stale expected state or current ticket and changes nothing', async () => {
      const { hall, services, windows } = await seedHall(store());
      const ticket = await issue(store(), services[0]);
      await store().claimNext(claimRequest(windows[0]));
      const before = await captureState(store(), hall.id);
      const event = buildEvent(hall.id, { type: 'window.closed', actor: CLERK, windowId: windows[0].id });
      const attempts = [
        { expectedState: 'paused' as const },
        { expectedCurrentTicketId: null },
        { expectedCurrentTicketId: 'another-ticket' },
      ];
      for (const expectation of attempts) {
        await expectDomainError(
          store().updateWindow({
            windowId: windows[0].id,
            ...expectation,
            patch: { state: 'closed' },
            events: [event],
          }),
          'conflict',
        );
      }
      expect(await captureState(store(), hall.id)).toEqual(before);
      const ok = await store().updateWindow({
        windowId: windows[0].id,
        expectedState: 'open',
        expectedCurrentTicketId: ticket.id,
        patch: { state: 'closed' },
        events: [event],
      });
      expect(ok.window.state).toBe('closed');
    });

    it('refuses to close a window that holds a ticket when asked to check, and changes nothing', async () => {
      const { hall, services, windows } = await seedHall(store());
      await issue(store(), services[0]);
      const called = claimedTicket(await store().claimNext(claimRequest(windows[0])));
      const serving = await startTicket(store(), called, T0 + 1000);
      const hold = lifecycle.hold(serving, '缺材料', T0 + 2000, CLERK);
      await store().updateTicket({
        ticketId: serving.id,
        expectedVersion: serving.version,
        patch: hold.patch,
        events: [hold.event],
        window: { id: windows[0].id, expectedCurrentTicketId: serving.id, currentTicketId: null },
      });
      const before = await captureState(store(), hall.id);
      const closed = buildEvent(hall.id, { type: 'window.closed', actor: CLERK, windowId: windows[0].id });
      await expectDomainError(
        store().updateWindow({
          windowId: windows[0].id,
          expectedCurrentTicketId: null,
          expectNoHeldTickets: true,
          patch: { state: 'closed' },
          events: [closed],
        }),
        'window_busy',
      );
      expect(await captureState(store(), hall.id)).toEqual(before);
    });

    it('refuses an unknown window', async () => {
      await expectDomainError(
        store().updateWindow({ windowId: 'nope', patch: { state: 'open' }, events: [] }),
        'not_found',
      );
    });
  });
}

function claimAudit(hallId: string) {
  return buildEvent(hallId, { actor: CLERK });
}
