import {
  businessDay,
  effectiveTime,
  type Channel,
  type HeadStarts,
  type PriorityCategory,
  type Service,
} from '../../server/src/domain/index.js';
import { seededRandom } from './stats.js';

/**
 * One day's arrivals at the demo hall, generated from a fixed seed so that
 * our run and the raw baseline issue exactly the same tickets in the same
 * order: the busy areas (social security, medical insurance, household
 * registration) get most visitors, about one in ten declares a priority
 * category (老幼病残孕军) and a few ask for the help desk.
 */
export interface PlannedTicket {
  serviceId: string;
  prefix: string;
  categories: PriorityCategory[];
  assistance: boolean;
  channel: Channel;
}

const DOMAIN_WEIGHT: Record<string, number> = {
  社保: 5,
  医保: 4,
  公安户籍: 4,
  不动产登记: 3,
  市场监管: 2,
  税务: 2,
  公积金: 2,
  一件事: 1,
  跨省通办: 0.5,
  办不成事: 0.2,
};

/** What citizens declare at a kiosk: urgent matters and key projects are given by staff, not declared there. */
const CATEGORY_ODDS: [PriorityCategory, number][] = [
  ['elderly', 0.06],
  ['disabled', 0.01],
  ['pregnant', 0.01],
  ['military', 0.005],
  ['child', 0.005],
];

export type PlannableService = Pick<Service, 'id' | 'code' | 'domain' | 'prefix'>;

/** Services are taken in code order, so two copies of the hall with different ids get the same plan. */
export function planTickets(
  services: readonly PlannableService[],
  count: number,
  seed = 20240601,
): PlannedTicket[] {
  const random = seededRandom(seed);
  const byCode = [...services].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const weighted = byCode.map((s) => ({ s, w: DOMAIN_WEIGHT[s.domain] ?? 1 }));
  const total = weighted.reduce((sum, x) => sum + x.w, 0);
  const pick = (): PlannableService => {
    let r = random() * total;
    for (const x of weighted) {
      r -= x.w;
      if (r <= 0) return x.s;
    }
    return (weighted[weighted.length - 1] as { s: PlannableService }).s;
  };
  const plan: PlannedTicket[] = [];
  for (let i = 0; i < count; i++) {
    const service = pick();
    let roll = random();
    const categories: PriorityCategory[] = [];
    for (const [category, odds] of CATEGORY_ODDS) {
      if (roll < odds) {
        categories.push(category);
        break;
      }
      roll -= odds;
    }
    plan.push({
      serviceId: service.id,
      prefix: service.prefix,
      categories,
      assistance: random() < 0.04,
      channel: random() < 0.9 ? 'kiosk' : 'counter',
    });
  }
  return plan;
}

/**
 * A clock both runs share: ticket i is issued at `start + i × step` and
 * call-next j happens after the last issue at the same spacing, so queue
 * order (which depends on issue times and head starts) is the same on both
 * sides. It starts at 09:00 of today's business day in the hall's time zone
 * so a run never crosses local midnight.
 */
export class BenchClock {
  readonly start: number;
  now: number;

  constructor(timeZone: string, realNow = Date.now()) {
    const day = businessDay(realNow, timeZone);
    // Asia/Shanghai has no daylight saving: +08:00 is exact for the demo hall.
    this.start = Date.parse(`${day}T09:00:00+08:00`);
    this.now = this.start;
  }

  at(stepMs: number, i: number, offset = 0): number {
    this.now = this.start + offset + i * stepMs;
    return this.now;
  }
}

export function effectiveAt(issuedAt: number, p: PlannedTicket, headStarts: HeadStarts): number {
  return effectiveTime(issuedAt, p.categories, headStarts, false);
}
