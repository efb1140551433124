import { priorityCategoriesOf } from '../domain/index.js';
import type { KioskDomain, KioskMenu, KioskService } from '../protocol/http.js';
import type { AppDeps } from './deps.js';
import { requireHall } from './lookups.js';
import { loadQueueView } from './queue-view.js';

export type { KioskDomain, KioskMenu, KioskService } from '../protocol/http.js';

/** The ticket machine's menu: enabled matters by domain, each with its queue and wait now. */
export async function kioskMenu(deps: AppDeps, props: { hallId: string }): Promise<KioskMenu> {
  const hall = await requireHall(deps, props.hallId);
  const view = await loadQueueView(deps, hall.id);
  const waitingBy = new Map<string, number>();
  for (const g of await deps.store.waitingGroups(hall.id)) {
    waitingBy.set(g.serviceId, (waitingBy.get(g.serviceId) ?? 0) + g.count);
  }
  const domains = new Map<string, KioskDomain>();
  const services = view.ctx.services
    .filter((s) => s.enabled)
    .sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));
  const estimates = await view.estimateNewcomers(services.map((s) => s.id));
  for (const s of services) {
    const e = estimates.get(s.id) ?? { ahead: 0, minutes: null };
    const entry: KioskService = {
      id: s.id,
      code: s.code,
      name: s.name,
      domain: s.domain,
      prefix: s.prefix,
      pinyin: s.pinyin,
      crossRegion: s.crossRegion,
      cannotHandle: s.cannotHandle,
      waiting: waitingBy.get(s.id) ?? 0,
      estimate: { ahead: e.ahead, minutes: e.minutes },
    };
    const d = domains.get(s.domain) ?? { domain: s.domain, waiting: 0, services: [] };
    d.waiting += entry.waiting;
    d.services.push(entry);
    domains.set(s.domain, d);
  }
  const priorityRules = priorityCategoriesOf(hall.rules);
  return {
    hall: { id: hall.id, name: hall.name },
    domains: [...domains.values()],
    priorityCategories: priorityRules.filter((r) => r.declaredBy === 'citizen').map((r) => r.category),
    priorityRules,
  };
}
