import {
  callNext,
  cancelTicket,
  changeWindowState,
  completeTicket,
  expireDay,
  issueTicket,
  markNoShow,
  startService,
  transferTicket,
  type AppDeps,
} from '../../server/src/app/index.js';
import type {
  Actor,
  PriorityCategory,
  Service,
  ServiceWindow,
  Ticket,
} from '../../server/src/domain/index.js';
import type { EvaluationLevel } from '../../server/src/store/port.js';
import { prng, rate, type Clock } from './support.js';

/**
 * A month of a small hall driven through the real use cases with a
 * controlled clock. Alongside, the simulation keeps its own ledger of what
 * it did to each ticket; the test derives the expected figures from that
 * ledger, never from the hub's statistics code.
 */

export interface LedgerEntry {
  ticketId: string;
  day: string;
  issuedAt: number;
  priority: boolean;
  serviceId: string;
  firstCalledAt: number | null;
  windowId: string | null;
  clerkId: string | null;
  startedAt: number | null;
  serviceMs: number | null;
  endedAt: number | null;
  outcome: 'completed' | 'no_show' | 'cancelled' | 'expired' | null;
  transfers: number;
  rating: number | null;
}

export interface SimWindow {
  window: ServiceWindow;
  clerkId: string;
  /** Who presses the buttons: the clerk, or a keypad acting for the window. */
  actor: Actor;
}

interface Busy {
  ticket: Ticket;
  phase: 'called' | 'serving';
  until: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const CATEGORIES: PriorityCategory[] = ['elderly', 'disabled', 'pregnant', 'military'];
const LEVELS: EvaluationLevel[] = [5, 5, 5, 5, 4, 4, 3, 2, 1];

export interface SimInput {
  deps: AppDeps;
  clock: Clock;
  hallId: string;
  services: Service[];
  windows: SimWindow[];
  /** Hall-local 09:00 of each simulated day, with its date. */
  days: { day: string; opensAt: number }[];
  seed: number;
  /** Carried over from an earlier run, so yesterday's leftovers are found when they expire. */
  ledger?: Map<string, LedgerEntry>;
}

export async function simulateMonth(input: SimInput): Promise<Map<string, LedgerEntry>> {
  const { deps, clock } = input;
  const random = prng(input.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const ledger = input.ledger ?? new Map<string, LedgerEntry>();
  const waiting = new Set<string>();

  for (const { day, opensAt } of input.days) {
    clock.at = opensAt - MINUTE;
    // The morning run closes what was left yesterday.
    for (const t of await expireDay(deps, { hallId: input.hallId })) {
      const e = ledger.get(t.id);
      if (e) {
        e.outcome = 'expired';
        waiting.delete(t.id);
      }
    }
    clock.at = opensAt;
    for (const w of input.windows) {
      await changeWindowState(deps, {
        windowId: w.window.id,
        move: 'open',
        actor: { type: 'user', id: w.clerkId },
      });
    }
    const busy = new Map<string, Busy>();
    for (let minute = 0; minute < 8 * 60; minute += 1) {
      // The store is synchronous, so without this a simulated month is one unbroken run of
      // microtasks: no timer fires meanwhile, the HTTP client still holds a keep-alive socket
      // the hub's timer closes the moment the loop turns, and the next request gets ECONNRESET.
      // A real hall's requests arrive through I/O; let the loop turn once per simulated minute.
      await new Promise<void>((resolve) => setImmediate(resolve));
      clock.at = opensAt + minute * MINUTE + Math.floor(random() * 50_000);
      // Late arrivals after the windows stop calling are left for the end-of-day run.
      if (minute < 7.75 * 60 && random() < 0.16) {
        const priority = random() < 0.2;
        const service = pick(input.services);
        const { ticket } = await issueTicket(deps, {
          hallId: input.hallId,
          serviceId: service.id,
          channel: 'kiosk',
          categories: priority ? [pick(CATEGORIES)] : [],
        });
        ledger.set(ticket.id, {
          ticketId: ticket.id,
          day,
          issuedAt: clock.at,
          priority,
          serviceId: service.id,
          firstCalledAt: null,
          windowId: null,
          clerkId: null,
          startedAt: null,
          serviceMs: null,
          endedAt: null,
          outcome: null,
          transfers: 0,
          rating: null,
        });
        waiting.add(ticket.id);
      }
      for (const w of input.windows) {
        const b = busy.get(w.window.id);
        const clerkOf = () => (w.actor.type === 'user' ? w.actor.id : w.clerkId);
        if (!b) {
          if (waiting.size === 0 || minute >= 7.5 * 60) continue;
          const result = await callNext(deps, { windowId: w.window.id, actor: w.actor });
          if (!result.ticket) continue;
          const e = ledger.get(result.ticket.id) as LedgerEntry;
          e.firstCalledAt ??= clock.at;
          e.windowId = w.window.id;
          e.clerkId ??= clerkOf();
          waiting.delete(e.ticketId);
          busy.set(w.window.id, {
            ticket: result.ticket,
            phase: 'called',
            until: clock.at + random() * 3 * MINUTE,
          });
          continue;
        }
        if (clock.at < b.until) continue;
        const e = ledger.get(b.ticket.id) as LedgerEntry;
        const props = { windowId: w.window.id, actor: w.actor };
        if (b.phase === 'called') {
          if (random() < 0.1) {
            await markNoShow(deps, props);
            Object.assign(e, { outcome: 'no_show', endedAt: clock.at });
            busy.delete(w.window.id);
          } else {
            const started = await startService(deps, props);
            Object.assign(e, { startedAt: clock.at, clerkId: clerkOf() });
            busy.set(w.window.id, {
              ticket: started,
              phase: 'serving',
              until: clock.at + (2 + random() * 13) * MINUTE,
            });
          }
          continue;
        }
        const roll = random();
        busy.delete(w.window.id);
        if (roll < 0.08) {
          const other = pick(input.services.filter((s) => s.id !== e.serviceId));
          await transferTicket(deps, { ...props, serviceId: other.id, reason: '转其他事项' });
          Object.assign(e, {
            serviceId: other.id,
            transfers: e.transfers + 1,
            startedAt: null,
            clerkId: null,
          });
          waiting.add(e.ticketId);
        } else if (roll < 0.13) {
          await cancelTicket(deps, { ticketId: e.ticketId, reason: '群众自行离开', actor: w.actor });
          Object.assign(e, { outcome: 'cancelled', endedAt: clock.at });
        } else {
          const done = await completeTicket(deps, props);
          Object.assign(e, {
            outcome: 'completed',
            endedAt: clock.at,
            serviceMs: clock.at - (e.startedAt ?? clock.at),
            clerkId: clerkOf(),
          });
          if (random() < 0.5) {
            const level = pick(LEVELS);
            await rate(deps, done, level);
            e.rating = level;
          }
        }
      }
    }
    // Closing time: whoever is still at a window is finished off.
    clock.at = opensAt + 8 * HOUR + MINUTE;
    for (const w of input.windows) {
      const b = busy.get(w.window.id);
      if (!b) continue;
      const e = ledger.get(b.ticket.id) as LedgerEntry;
      const props = { windowId: w.window.id, actor: w.actor };
      if (b.phase === 'called') {
        await markNoShow(deps, props);
        Object.assign(e, { outcome: 'no_show', endedAt: clock.at });
      } else {
        await completeTicket(deps, props);
        Object.assign(e, {
          outcome: 'completed',
          endedAt: clock.at,
          serviceMs: clock.at - (e.startedAt ?? clock.at),
          clerkId: w.actor.type === 'user' ? w.actor.id : w.clerkId,
        });
      }
    }
    for (const w of input.windows) {
      await changeWindowState(deps, {
        windowId: w.window.id,
        move: 'close',
        actor: { type: 'user', id: w.clerkId },
      });
    }
  }
  return ledger;
}
