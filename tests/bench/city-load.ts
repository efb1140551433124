import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { arrivals, IDLE_RECHECK_MINUTES, SERVICE_MINUTES, WINDOWS_PER_HALL } from './city-day.js';
import type { CityHall, HubClient } from './city-halls.js';
import { seededRandom } from './stats.js';
import { planTickets } from './workload.js';

/**
 * One slice of a simulated hour at every hall of the city: each hall's
 * kiosk issues at the hour's arrival rate, each of its windows' clerks
 * presses call-next, serves for a while, and presses again. Everything goes
 * over real HTTP to the hub process the client was given.
 */

export interface CallMade {
  hall: number;
  /** Index of the hub the clerk pressed on. */
  hub: number;
  number: string;
  /** performance.now() just before the request. */
  at: number;
}

/** What the clients measured; one per run, filled by every slice of it. */
export interface LoadRecord {
  issueMs: number[];
  callNextMs: number[];
  calls: CallMade[];
  /** Presses answered `empty`: nobody this window serves was waiting. */
  empty: number;
  failures: number;
  firstFailure: string | null;
  /** Requests sent, per slice. */
  requests: number;
}

export function newRecord(): LoadRecord {
  return { issueMs: [], callNextMs: [], calls: [], empty: 0, failures: 0, firstFailure: null, requests: 0 };
}

export interface SliceSetup {
  halls: CityHall[];
  clients: HubClient[];
  adminToken: string;
  /** Which hub a hall's kiosk and a window's clerk use. */
  kioskHub(hall: number): number;
  clerkHub(hall: number, window: number): number;
  hour: number;
  minutes: number;
  speed: number;
  seed: number;
}

function fail(rec: LoadRecord, what: string): void {
  rec.failures++;
  rec.firstFailure ??= what;
}

/** Clerks of one hall waiting for someone to arrive, longest idle first. */
class IdleClerks {
  private readonly waiting: (() => void)[] = [];

  /** Resolves when a citizen takes a ticket and this clerk is next in line, or after `ms`. */
  async wait(ms: number): Promise<void> {
    let wake = (): void => undefined;
    const woken = new Promise<void>((resolve) => (wake = resolve));
    this.waiting.push(wake);
    const ac = new AbortController();
    await Promise.race([woken, sleep(ms, undefined, { signal: ac.signal }).catch(() => undefined)]);
    ac.abort();
    const i = this.waiting.indexOf(wake);
    if (i >= 0) this.waiting.splice(i, 1);
  }

  wakeOne(): void {
    this.waiting.shift()?.();
  }
}

export async function runSlice(s: SliceSetup, rec: LoadRecord): Promise<void> {
  const simMinute = 60_000 / s.speed;
  const start = performance.now();
  const end = start + s.minutes * simMinute;
  const untilEnd = (ms: number) => Math.max(0, Math.min(ms, end - performance.now()));
  const idle = s.halls.map(() => new IdleClerks());

  async function clerk(h: number, w: number): Promise<void> {
    const hall = s.halls[h] as CityHall;
    const window = hall.windows[w];
    if (!window) throw new Error(`Hall ${hall.id} has no window ${w + 1}`);
    const client = s.clients[s.clerkHub(h, w)] as HubClient;
    const random = seededRandom(s.seed + h * 1009 + w * 17);
    const [lo, hi] = SERVICE_MINUTES;
    // Clerks do not all press at the same instant.
    await sleep(untilEnd(random() * lo * simMinute));
    while (performance.now() < end) {
      const at = performance.now();
      rec.requests++;
      let called = false;
      try {
        const answer = await client.post(`/api/v1/windows/${window.id}/call-next`, s.adminToken, {});
        const ms = performance.now() - at;
        if (answer.status !== 200) {
          fail(rec, `call-next ${answer.status} ${answer.text.slice(0, 200)}`);
        } else {
          const body = JSON.parse(answer.text) as { outcome: string; ticket: { number: string } | null };
          if (body.outcome === 'called' && body.ticket) {
            called = true;
            rec.callNextMs.push(ms);
            rec.calls.push({ hall: h, hub: s.clerkHub(h, w), number: body.ticket.number, at });
          } else {
            rec.empty++;
          }
        }
      } catch (err) {
        fail(rec, `call-next: ${(err as Error).message}`);
      }
      if (called) await sleep(untilEnd((lo + random() * (hi - lo)) * simMinute));
      else await (idle[h] as IdleClerks).wait(untilEnd(IDLE_RECHECK_MINUTES * simMinute));
    }
  }

  async function kiosk(h: number): Promise<void> {
    const hall = s.halls[h] as CityHall;
    const client = s.clients[s.kioskHub(h)] as HubClient;
    const times = arrivals(s.hour, s.minutes, seededRandom(s.seed + h * 7919 + s.hour));
    const plan = planTickets(hall.services, times.length, s.seed + h * 31 + s.hour);
    const pending: Promise<void>[] = [];
    for (const [k, t] of times.entries()) {
      const wait = start + t * simMinute - performance.now();
      if (wait > 0) await sleep(wait);
      const p = plan[k];
      if (!p || performance.now() >= end) break;
      const at = performance.now();
      rec.requests++;
      pending.push(
        client
          .post(`/api/v1/halls/${hall.id}/tickets`, hall.kioskToken, {
            serviceId: p.serviceId,
            categories: p.categories,
            assistance: p.assistance,
            channel: p.channel,
          })
          .then((answer) => {
            if (answer.status !== 201)
              return fail(rec, `issue ${answer.status} ${answer.text.slice(0, 200)}`);
            rec.issueMs.push(performance.now() - at);
            (idle[h] as IdleClerks).wakeOne();
          })
          .catch((err: unknown) => fail(rec, `issue: ${(err as Error).message}`)),
      );
    }
    await Promise.all(pending);
  }

  const jobs: Promise<void>[] = [];
  for (let h = 0; h < s.halls.length; h++) {
    jobs.push(kiosk(h));
    for (let w = 0; w < WINDOWS_PER_HALL; w++) jobs.push(clerk(h, w));
  }
  await Promise.all(jobs);
}
