import { describe, expect, it } from 'vitest';
import {
  filterCandidates,
  isEligible,
  matchesFilter,
  windowFilters,
  windowsFor,
  type EligibilityFilter,
  type PriorityCategory,
  type RoutableTicket,
  type RoutingContext,
  type Service,
  type ServiceWindow,
  type WindowKind,
  type WindowState,
} from '../../../server/src/domain/index.js';
import { buildContext, buildService, buildWindow } from '../../helpers/domain-builders.js';

// The catalogue of a small hall.
const socialSecurity = buildService({ id: 'sb', domain: '社保', prefix: 'A' });
const pension = buildService({ id: 'yl', domain: '社保', prefix: 'A' });
const medical = buildService({ id: 'yb', domain: '医保', prefix: 'B' });
const residence = buildService({ id: 'hj', domain: '公安', prefix: 'C' });
const crossRegion = buildService({ id: 'kstb', domain: '社保', prefix: 'K', crossRegion: true });
const cannotHandle = buildService({ id: 'bbcs', domain: '综合', prefix: 'F', cannotHandle: true });
const services: Service[] = [socialSecurity, pension, medical, residence, crossRegion, cannotHandle];

type HallWindows = Record<'C' | 'D' | 'G' | 'H' | 'X' | 'N', ServiceWindow>;

/** One window of every kind; override states or settings per window. */
function hallWindows(
  overrides: Partial<Record<keyof HallWindows, Partial<ServiceWindow>>> = {},
): HallWindows {
  return {
    C: buildWindow({ id: 'C', kind: 'comprehensive', ...overrides.C }),
    D: buildWindow({ id: 'D', kind: 'domain', domains: ['社保'], ...overrides.D }),
    G: buildWindow({ id: 'G', kind: 'green_channel', ...overrides.G }),
    H: buildWindow({ id: 'H', kind: 'assisted', ...overrides.H }),
    X: buildWindow({ id: 'X', kind: 'cross_region', ...overrides.X }),
    N: buildWindow({ id: 'N', kind: 'cannot_handle', ...overrides.N }),
  };
}

function ctxOf(w: HallWindows | ServiceWindow[], svcs: Service[] = services): RoutingContext {
  return buildContext(svcs, Array.isArray(w) ? w : Object.values(w));
}

function ticket(serviceId: string, more: Partial<RoutableTicket> = {}): RoutableTicket {
  return { serviceId, categories: [], assistance: false, targetWindowId: null, ...more };
}
const elderly = (serviceId: string): RoutableTicket => ticket(serviceId, { categories: ['elderly'] });
const assisted = (serviceId: string): RoutableTicket => ticket(serviceId, { assistance: true });

const ids = (windows: ServiceWindow[]): string[] => windows.map((w) => w.id).sort();

describe('comprehensive window (无差别综合窗口)', () => {
  it('serves every non-dedicated matter of any domain', () => {
    const w = hallWindows();
    const ctx = ctxOf(w);
    for (const s of [socialSecurity, pension, medical, residence])
      expect(isEligible(w.C, ticket(s.id), ctx)).toBe(true);
  });

  it('does not serve cross-region or 办不成事 matters while their windows are open', () => {
    const w = hallWindows();
    const ctx = ctxOf(w);
    expect(isEligible(w.C, ticket(crossRegion.id), ctx)).toBe(false);
    expect(isEligible(w.C, ticket(cannotHandle.id), ctx)).toBe(false);
  });

  it('still leaves them to a paused special window, which counts as available', () => {
    const w = hallWindows({ X: { state: 'paused' }, N: { state: 'paused' } });
    const ctx = ctxOf(w);
    expect(isEligible(w.C, ticket(crossRegion.id), ctx)).toBe(false);
    expect(isEligible(w.C, ticket(cannotHandle.id), ctx)).toBe(false);
    expect(ids(windowsFor(ticket(crossRegion.id), ctx))).toEqual(['X']);
  });

  it('serves a cross-region matter when the cross-region window is closed (nobody stranded)', () => {
    const w = hallWindows({ X: { state: 'closed' } });
    const ctx = ctxOf(w);
    expect(isEligible(w.C, ticket(crossRegion.id), ctx)).toBe(true);
    // The 办不成事 window is still open, so that matter stays with it.
    expect(isEligible(w.C, ticket(cannotHandle.id), ctx)).toBe(false);
  });

  it('serves the 办不成事 matter when the 办不成事 window is closed', () => {
    const w = hallWindows({ N: { state: 'closed' } });
    const ctx = ctxOf(w);
    expect(isEligible(w.C, ticket(cannotHandle.id), ctx)).toBe(true);
    expect(isEligible(w.C, ticket(crossRegion.id), ctx)).toBe(false);
  });

  it('serves dedicated matters in a hall that has no special windows at all', () => {
    const c = buildWindow({ id: 'C', kind: 'comprehensive' });
    const ctx = ctxOf([c]);
    expect(isEligible(c, ticket(crossRegion.id), ctx)).toBe(true);
    expect(isEligible(c, ticket(cannotHandle.id), ctx)).toBe(true);
  });

  it('leaves a dedicated matter to a domain window that lists it explicitly', () => {
    const w = hallWindows({ X: { state: 'closed' }, D: { serviceIds: [crossRegion.id] } });
    const ctx = ctxOf(w);
    expect(isEligible(w.C, ticket(crossRegion.id), ctx)).toBe(false);
    expect(ids(windowsFor(ticket(crossRegion.id), ctx))).toEqual(['D']);
  });

  it('serves a cross-region matter the catalogue marks as not dedicated, even while the cross-region window is open', () => {
    const shared = buildService({ id: 'shared', crossRegion: true, dedicated: false });
    const w = hallWindows();
    const ctx = ctxOf(w, [...services, shared]);
    expect(isEligible(w.C, ticket(shared.id), ctx)).toBe(true);
    expect(isEligible(w.X, ticket(shared.id), ctx)).toBe(true);
  });

  it('serves a matter marked dedicated that no special window serves (nobody stranded)', () => {
    const special = buildService({ id: 'special', dedicated: true });
    const w = hallWindows();
    const ctx = ctxOf(w, [...services, special]);
    expect(isEligible(w.C, ticket(special.id), ctx)).toBe(true);
  });

  it('serves priority tickets while the green channel is closed', () => {
    const w = hallWindows({ G: { state: 'closed' } });
    const ctx = ctxOf(w);
    expect(isEligible(w.C, elderly(medical.id), ctx)).toBe(true);
    expect(ids(windowsFor(elderly(medical.id), ctx))).toEqual(['C']);
  });

  it('serves priority tickets while the green channel is open too', () => {
    const w = hallWindows();
    const ctx = ctxOf(w);
    for (const c of ['elderly', 'urgent', 'key_project', 'military'] as PriorityCategory[]) {
      const t = ticket(medical.id, { categories: [c] });
      expect(isEligible(w.C, t, ctx)).toBe(true);
      expect(isEligible(w.G, t, ctx)).toBe(true);
    }
    expect(ids(windowsFor(elderly(socialSecurity.id), ctx))).toEqual(['C', 'D', 'G']);
  });

  it('takes explicitly listed matters in addition to its own', () => {
    const w = hallWindows({ C: { serviceIds: [crossRegion.id] } });
    const ctx = ctxOf(w);
    expect(isEligible(w.C, ticket(crossRegion.id), ctx)).toBe(true);
    expect(isEligible(w.C, ticket(cannotHandle.id), ctx)).toBe(false);
  });

  it('has a single filter: overflow means nothing to it', () => {
    const ctx = ctxOf(hallWindows());
    const c = buildWindow({ id: 'C2', kind: 'comprehensive', overflow: true });
    expect(windowFilters(c, ctx)).toHaveLength(1);
  });
});

describe('assistance tickets (帮办代办)', () => {
  it('wait for the help desk while it is open: ordinary windows do not take them', () => {
    const w = hallWindows();
    const ctx = ctxOf(w);
    const t = assisted(socialSecurity.id);
    expect(isEligible(w.C, t, ctx)).toBe(false);
    expect(isEligible(w.D, t, ctx)).toBe(false);
    expect(isEligible(w.H, t, ctx)).toBe(true);
    expect(ids(windowsFor(t, ctx))).toEqual(['H']);
  });

  it('wait for a paused help desk as well', () => {
    const w = hallWindows({ H: { state: 'paused' } });
    const ctx = ctxOf(w);
    expect(isEligible(w.C, assisted(medical.id), ctx)).toBe(false);
    expect(ids(windowsFor(assisted(medical.id), ctx))).toEqual(['H']);
  });

  it('are eligible at comprehensive and domain windows when the help desk is closed', () => {
    const w = hallWindows({ H: { state: 'closed' } });
    const ctx = ctxOf(w);
    expect(isEligible(w.C, assisted(medical.id), ctx)).toBe(true);
    expect(isEligible(w.C, assisted(socialSecurity.id), ctx)).toBe(true);
    expect(isEligible(w.D, assisted(socialSecurity.id), ctx)).toBe(true);
    expect(ids(windowsFor(assisted(socialSecurity.id), ctx))).toEqual(['C', 'D']);
  });

  it('are eligible at comprehensive windows in a hall without a help desk', () => {
    const c = buildWindow({ id: 'C', kind: 'comprehensive' });
    expect(isEligible(c, assisted(medical.id), ctxOf([c]))).toBe(true);
  });

  it('with a priority category may also go to the green channel', () => {
    const w = hallWindows();
    const ctx = ctxOf(w);
    const t = ticket(medical.id, { assistance: true, categories: ['disabled'] });
    expect(ids(windowsFor(t, ctx))).toEqual(['G', 'H']);
  });

  it('at a help desk with overflow come first; ordinary tickets are its second choice', () => {
    const w = hallWindows({ H: { overflow: true } });
    const ctx = ctxOf(w);
    const [own, overflow] = windowFilters(w.H, ctx) as [EligibilityFilter, EligibilityFilter];
    expect(matchesFilter(own, assisted(crossRegion.id))).toBe(true);
    expect(matchesFilter(own, ticket(medical.id))).toBe(false);
    expect(matchesFilter(overflow, ticket(medical.id))).toBe(true);
  });
});

describe('assisted window (帮办代办窗口)', () => {
  it('serves assistance tickets of any matter and nothing else', () => {
    const w = hallWindows();
    const ctx = ctxOf(w);
    for (const s of services) {
      expect(isEligible(w.H, assisted(s.id), ctx)).toBe(true);
      expect(isEligible(w.H, ticket(s.id), ctx)).toBe(false);
      expect(isEligible(w.H, elderly(s.id), ctx)).toBe(false);
    }
  });
});

describe('domain window (分领域综合窗口)', () => {
  it('serves the non-dedicated matters of its domains', () => {
    const w = hallWindows();
    const ctx = ctxOf(w);
    expect(isEligible(w.D, ticket(socialSecurity.id), ctx)).toBe(true);
    expect(isEligible(w.D, ticket(pension.id), ctx)).toBe(true);
    expect(isEligible(w.D, elderly(pension.id), ctx)).toBe(true);
  });

  it('serves several domains when configured so', () => {
    const w = hallWindows({ D: { domains: ['社保', '医保'] } });
    const ctx = ctxOf(w);
    expect(isEligible(w.D, ticket(medical.id), ctx)).toBe(true);
    expect(isEligible(w.D, ticket(residence.id), ctx)).toBe(false);
  });

  it('does not serve a dedicated matter of its own domain', () => {
    const w = hallWindows({ X: { state: 'closed' } });
    const ctx = ctxOf(w);
    expect(crossRegion.domain).toBe('社保');
    expect(isEligible(w.D, ticket(crossRegion.id), ctx)).toBe(false);
  });

  it('never takes other domains without overflow, even when nothing of its own waits', () => {
    const w = hallWindows({ C: { state: 'closed' } });
    const ctx = ctxOf(w);
    expect(windowFilters(w.D, ctx)).toHaveLength(1);
    expect(isEligible(w.D, ticket(medical.id), ctx)).toBe(false);
    expect(isEligible(w.D, ticket(residence.id), ctx)).toBe(false);
    expect(isEligible(w.D, elderly(medical.id), ctx)).toBe(false);
  });

  it('serves explicitly listed matters, dedicated or from another domain', () => {
    const w = hallWindows({ D: { serviceIds: [medical.id, cannotHandle.id] } });
    const ctx = ctxOf(w);
    expect(isEligible(w.D, ticket(medical.id), ctx)).toBe(true);
    expect(isEligible(w.D, ticket(cannotHandle.id), ctx)).toBe(true);
    expect(isEligible(w.D, ticket(residence.id), ctx)).toBe(false);
  });

  it('with overflow tries its speciality first, then what a comprehensive window takes', () => {
    const w = hallWindows({ D: { overflow: true } });
    const ctx = ctxOf(w);
    const filters = windowFilters(w.D, ctx);
    expect(filters).toHaveLength(2);
    const [own, overflow] = filters as [EligibilityFilter, EligibilityFilter];
    expect(matchesFilter(own, ticket(socialSecurity.id))).toBe(true);
    expect(matchesFilter(own, ticket(medical.id))).toBe(false);
    expect(matchesFilter(overflow, ticket(medical.id))).toBe(true);
    expect(matchesFilter(overflow, ticket(residence.id))).toBe(true);
    // The overflow filter is exactly what the comprehensive window would take.
    const comprehensive = windowFilters(w.C, ctx)[0] as EligibilityFilter;
    expect(overflow.clauses).toEqual(comprehensive.clauses);
  });

  it('with overflow still leaves dedicated matters to their open window', () => {
    const w = hallWindows({ D: { overflow: true } });
    const ctx = ctxOf(w);
    expect(isEligible(w.D, ticket(crossRegion.id), ctx)).toBe(false);
  });

  it('with overflow keeps assistance tickets for an open help desk in both filters', () => {
    const w = hallWindows({ D: { overflow: true } });
    const ctx = ctxOf(w);
    expect(isEligible(w.D, assisted(medical.id), ctx)).toBe(false);
    expect(isEligible(w.D, assisted(socialSecurity.id), ctx)).toBe(false);
  });
});

describe('green channel (绿色通道)', () => {
  it('serves priority tickets of any matter', () => {
    const w = hallWindows();
    const ctx = ctxOf(w);
    for (const s of services) expect(isEligible(w.G, elderly(s.id), ctx)).toBe(true);
    expect(isEligible(w.G, ticket(medical.id, { categories: ['urgent'] }), ctx)).toBe(true);
    expect(isEligible(w.G, ticket(medical.id, { categories: ['key_project'] }), ctx)).toBe(true);
  });

  it('does not serve normal tickets', () => {
    const w = hallWindows();
    const ctx = ctxOf(w);
    for (const s of services) expect(isEligible(w.G, ticket(s.id), ctx)).toBe(false);
    expect(isEligible(w.G, assisted(medical.id), ctx)).toBe(false);
  });

  it('with overflow serves normal tickets in a second filter', () => {
    const w = hallWindows({ G: { overflow: true } });
    const ctx = ctxOf(w);
    const filters = windowFilters(w.G, ctx);
    expect(filters).toHaveLength(2);
    expect(matchesFilter(filters[0] as EligibilityFilter, ticket(medical.id))).toBe(false);
    expect(matchesFilter(filters[1] as EligibilityFilter, ticket(medical.id))).toBe(true);
  });
});

describe('cross-region and 办不成事 windows', () => {
  it('cross_region serves cross-region matters only', () => {
    const w = hallWindows();
    const ctx = ctxOf(w);
    expect(isEligible(w.X, ticket(crossRegion.id), ctx)).toBe(true);
    expect(isEligible(w.X, elderly(crossRegion.id), ctx)).toBe(true);
    expect(isEligible(w.X, ticket(socialSecurity.id), ctx)).toBe(false);
    expect(isEligible(w.X, ticket(cannotHandle.id), ctx)).toBe(false);
  });

  it('cannot_handle serves the 办不成事 matter only', () => {
    const w = hallWindows();
    const ctx = ctxOf(w);
    expect(isEligible(w.N, ticket(cannotHandle.id), ctx)).toBe(true);
    expect(isEligible(w.N, ticket(crossRegion.id), ctx)).toBe(false);
    expect(isEligible(w.N, ticket(residence.id), ctx)).toBe(false);
  });

  it('a cross-region window with overflow takes ordinary matters as a second choice', () => {
    const w = hallWindows({ X: { overflow: true } });
    const ctx = ctxOf(w);
    const filters = windowFilters(w.X, ctx);
    expect(filters).toHaveLength(2);
    expect(matchesFilter(filters[0] as EligibilityFilter, ticket(residence.id))).toBe(false);
    expect(matchesFilter(filters[1] as EligibilityFilter, ticket(residence.id))).toBe(true);
  });
});

describe('tickets transferred to a window (targetWindowId)', () => {
  it('are eligible only at that window while it is open', () => {
    const w = hallWindows();
    const ctx = ctxOf(w);
    const t = ticket(socialSecurity.id, { targetWindowId: 'D' });
    expect(isEligible(w.D, t, ctx)).toBe(true);
    expect(isEligible(w.C, t, ctx)).toBe(false);
    expect(ids(windowsFor(t, ctx))).toEqual(['D']);
  });

  it('are eligible there even if the window would not serve the matter by its kind', () => {
    const w = hallWindows();
    const ctx = ctxOf(w);
    const t = ticket(residence.id, { targetWindowId: 'X' });
    expect(isEligible(w.X, t, ctx)).toBe(true);
    expect(ids(windowsFor(t, ctx))).toEqual(['X']);
  });

  it('keep waiting for that window while it is paused', () => {
    const w = hallWindows({ D: { state: 'paused' } });
    const ctx = ctxOf(w);
    const t = elderly(socialSecurity.id);
    const targeted = { ...t, targetWindowId: 'D' };
    expect(isEligible(w.C, targeted, ctx)).toBe(false);
    expect(isEligible(w.G, targeted, ctx)).toBe(false);
    expect(ids(windowsFor(targeted, ctx))).toEqual(['D']);
  });

  it('fall back to normal routing when that window is closed', () => {
    const w = hallWindows({ D: { state: 'closed' } });
    const ctx = ctxOf(w);
    const t = ticket(socialSecurity.id, { targetWindowId: 'D' });
    expect(isEligible(w.C, t, ctx)).toBe(true);
    expect(ids(windowsFor(t, ctx))).toEqual(['C']);
  });

  it('fall back to normal routing when that window no longer exists', () => {
    const w = hallWindows();
    const ctx = ctxOf(w);
    const t = ticket(medical.id, { targetWindowId: 'gone' });
    expect(ids(windowsFor(t, ctx))).toEqual(['C']);
  });
});

describe('windowsFor', () => {
  it('never lists a closed window', () => {
    const w = hallWindows({ C: { state: 'closed' } });
    const ctx = ctxOf(w);
    expect(ids(windowsFor(ticket(socialSecurity.id), ctx))).toEqual(['D']);
    expect(windowsFor(ticket(medical.id), ctx)).toEqual([]);
  });

  it('lists paused windows, which come back', () => {
    const w = hallWindows({ C: { state: 'paused' } });
    expect(ids(windowsFor(ticket(medical.id), ctxOf(w)))).toEqual(['C']);
  });

  it('strands nobody while a comprehensive window is open, whatever the special windows do', () => {
    const states: WindowState[] = ['open', 'paused', 'closed'];
    const special: (keyof HallWindows)[] = ['D', 'G', 'H', 'X', 'N'];
    const tickets: RoutableTicket[] = services.flatMap((s) =>
      [false, true].flatMap((assistance) =>
        [[], ['elderly'], ['urgent']].map((categories) =>
          ticket(s.id, { assistance, categories: categories as PriorityCategory[] }),
        ),
      ),
    );
    let combos = 0;
    for (let n = 0; n < states.length ** special.length; n += 1) {
      const overrides: Partial<Record<keyof HallWindows, Partial<ServiceWindow>>> = {};
      special.forEach((k, i) => {
        overrides[k] = { state: states[Math.floor(n / states.length ** i) % states.length] as WindowState };
      });
      const ctx = ctxOf(hallWindows(overrides));
      for (const t of tickets) {
        const at = windowsFor(t, ctx);
        expect(at.length, `${t.serviceId} ${JSON.stringify(overrides)}`).toBeGreaterThan(0);
        expect(at.every((w) => w.state !== 'closed')).toBe(true);
      }
      combos += 1;
    }
    expect(combos).toBe(243);
  });
});

describe('matchesFilter', () => {
  const f = (clauses: EligibilityFilter['clauses'], foreignTargets: string[] = []): EligibilityFilter => ({
    windowId: 'W',
    clauses,
    foreignTargets,
  });

  it('matches when any clause matches', () => {
    const filter = f([{ serviceIds: ['a'] }, { priority: true }]);
    expect(matchesFilter(filter, ticket('a'))).toBe(true);
    expect(matchesFilter(filter, elderly('b'))).toBe(true);
    expect(matchesFilter(filter, ticket('b'))).toBe(false);
  });

  it('needs every field of a clause to match', () => {
    const filter = f([{ serviceIds: ['a'], priority: false, assistance: false }]);
    expect(matchesFilter(filter, ticket('a'))).toBe(true);
    expect(matchesFilter(filter, elderly('a'))).toBe(false);
    expect(matchesFilter(filter, assisted('a'))).toBe(false);
  });

  it('treats absent fields as "any" and no clauses as "nothing"', () => {
    expect(matchesFilter(f([{}]), assisted('z'))).toBe(true);
    expect(matchesFilter(f([]), ticket('a'))).toBe(false);
  });

  it('lets a ticket targeted at this window through regardless of clauses', () => {
    expect(matchesFilter(f([]), ticket('a', { targetWindowId: 'W' }))).toBe(true);
  });

  it('keeps away tickets targeted at a foreign window, and routes others normally', () => {
    const filter = f([{}], ['V']);
    expect(matchesFilter(filter, ticket('a', { targetWindowId: 'V' }))).toBe(false);
    expect(matchesFilter(filter, ticket('a', { targetWindowId: 'closed-one' }))).toBe(true);
  });

  it('lists as foreign targets exactly the other windows that are not closed', () => {
    const w = hallWindows({ X: { state: 'closed' }, N: { state: 'paused' } });
    const filter = windowFilters(w.C, ctxOf(w))[0] as EligibilityFilter;
    expect(filter.windowId).toBe('C');
    expect([...filter.foreignTargets].sort()).toEqual(['D', 'G', 'H', 'N']);
  });
});

describe('every window kind', () => {
  it('produces at least one filter naming itself', () => {
    const kinds: WindowKind[] = [
      'comprehensive',
      'domain',
      'assisted',
      'cross_region',
      'cannot_handle',
      'green_channel',
    ];
    for (const kind of kinds) {
      const win = buildWindow({ id: `k-${kind}`, kind });
      const filters = windowFilters(win, ctxOf([win]));
      expect(filters.length).toBeGreaterThan(0);
      expect(filters.every((x) => x.windowId === win.id)).toBe(true);
    }
  });
});

describe('a dedicated matter named on a comprehensive window', () => {
  it('is served there and not taken by the other comprehensive windows', () => {
    const special = buildWindow({ id: 'C2', kind: 'comprehensive', serviceIds: [crossRegion.id] });
    const plain = buildWindow({ id: 'C1', kind: 'comprehensive' });
    const ctx = ctxOf([plain, special]);
    expect(isEligible(special, ticket(crossRegion.id), ctx)).toBe(true);
    expect(isEligible(plain, ticket(crossRegion.id), ctx)).toBe(false);
    // With the named window closed, the matter is stranded no more: any comprehensive window takes it.
    const closed = ctxOf([plain, { ...special, state: 'closed' }]);
    expect(isEligible(plain, ticket(crossRegion.id), closed)).toBe(true);
  });
});

describe('the candidates a store may read for a filter', () => {
  it('hold every ticket the filter matches, whatever the window kind, state or ticket', () => {
    const kinds: WindowKind[] = [
      'comprehensive',
      'domain',
      'assisted',
      'cross_region',
      'cannot_handle',
      'green_channel',
    ];
    const windows = kinds.map((kind, i) => buildWindow({ id: `W${i}`, kind, overflow: i % 2 === 0 }));
    const ctx = ctxOf(windows);
    const tickets: RoutableTicket[] = [];
    for (const s of services) {
      for (const targetWindowId of [null, 'W0', 'W3', 'elsewhere']) {
        for (const categories of [[], ['elderly']] as PriorityCategory[][]) {
          for (const assistance of [false, true]) {
            tickets.push({ serviceId: s.id, categories, assistance, targetWindowId });
          }
        }
      }
    }
    let pruned = 0;
    for (const w of windows) {
      for (const filter of windowFilters(w, ctx)) {
        const c = filterCandidates(filter);
        for (const t of tickets) {
          const candidate =
            c === null || t.targetWindowId === c.windowId || c.serviceIds.includes(t.serviceId);
          if (matchesFilter(filter, t)) expect(candidate, `${w.id} ${JSON.stringify(t)}`).toBe(true);
          if (!candidate) pruned += 1;
        }
      }
    }
    // Some filters name their matters, so the stores have something to leave out.
    expect(pruned).toBeGreaterThan(0);
  });

  it('are every ticket when a clause takes any matter', () => {
    expect(
      filterCandidates({
        windowId: 'W',
        clauses: [{ serviceIds: ['a'] }, { assistance: true }],
        foreignTargets: [],
      }),
    ).toBeNull();
    expect(
      filterCandidates({
        windowId: 'W',
        clauses: [{ serviceIds: ['a'] }, { serviceIds: ['b', 'a'] }],
        foreignTargets: [],
      }),
    ).toEqual({
      windowId: 'W',
      serviceIds: ['a', 'b'],
    });
  });
});
