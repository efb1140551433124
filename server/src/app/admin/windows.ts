import { DomainError, type Actor, type ServiceWindow, type WindowKind } from '../../domain/index.js';
import type { User } from '../../domain/index.js';
import type { AppDeps } from '../deps.js';
import { requireHall, requireWindow } from '../lookups.js';
import { audited } from './audit.js';
import {
  Issues,
  checkClerks,
  checkDomainRefs,
  checkServiceRefs,
  checkWindowKind,
  checkWindowNumber,
} from './checks.js';

/** Windows (窗口): what each counter serves and who may work it. New windows start closed. */

export interface WindowInput {
  number: number;
  name: string;
  kind: WindowKind;
  domains?: string[];
  serviceIds?: string[];
  overflow?: boolean;
  clerkIds?: string[];
  sortOrder?: number;
}

export function buildWindow(id: string, hallId: string, input: WindowInput): ServiceWindow {
  return {
    id,
    hallId,
    number: input.number,
    name: input.name,
    kind: input.kind,
    domains: input.domains ?? [],
    serviceIds: input.serviceIds ?? [],
    overflow: input.overflow ?? false,
    state: 'closed',
    pauseReason: null,
    clerkIds: input.clerkIds ?? [],
    currentClerkId: null,
    currentTicketId: null,
    lastCallNextAt: null,
    sortOrder: input.sortOrder ?? input.number,
  };
}

async function checkWindow(deps: AppDeps, w: ServiceWindow): Promise<void> {
  const [services, windows, users] = await Promise.all([
    deps.store.listServices(w.hallId),
    deps.store.listWindows(w.hallId),
    deps.store.listUsers(),
  ]);
  const issues = new Issues();
  checkWindowNumber(w, windows, issues, 'window', 'window');
  checkWindowKind(w.kind, w.domains, issues, 'window', 'window');
  checkDomainRefs(w.domains, new Set(services.map((s) => s.domain)), issues, 'window', 'window.domains');
  checkServiceRefs(w.serviceIds, new Set(services.map((s) => s.id)), issues, 'window', 'window.serviceIds');
  checkClerks(
    w.clerkIds,
    w.hallId,
    new Map<string, User>(users.map((u) => [u.id, u])),
    issues,
    'window',
    'window',
  );
  issues.throwIfAny('The window is not valid');
}

export async function createWindow(
  deps: AppDeps,
  props: { hallId: string; input: WindowInput; actor: Actor },
): Promise<ServiceWindow> {
  const hall = await requireHall(deps, props.hallId);
  const window = buildWindow(deps.newId(), hall.id, props.input);
  await checkWindow(deps, window);
  const { window: saved } = await audited(deps, hall.id, props.actor, (audit) =>
    deps.store.saveWindow(
      window,
      audit(
        { entity: 'window', action: 'created', subjectId: window.id, label: String(window.number) },
        window.id,
      ),
    ),
  );
  return saved;
}

export async function updateWindow(
  deps: AppDeps,
  props: { hallId: string; windowId: string; patch: Partial<WindowInput>; actor: Actor },
): Promise<ServiceWindow> {
  const current = await requireOwnWindow(deps, props.hallId, props.windowId);
  const window: ServiceWindow = { ...current, ...props.patch };
  await checkWindow(deps, window);
  const { window: saved } = await audited(deps, current.hallId, props.actor, (audit) =>
    deps.store.saveWindow(
      window,
      audit(
        {
          entity: 'window',
          action: 'updated',
          subjectId: window.id,
          label: String(window.number),
          fields: Object.keys(props.patch),
        },
        window.id,
      ),
    ),
  );
  return saved;
}

/** A window with a citizen at it or held, or with a device bound to it, stays. */
export async function deleteWindow(
  deps: AppDeps,
  props: { hallId: string; windowId: string; actor: Actor },
): Promise<void> {
  const window = await requireOwnWindow(deps, props.hallId, props.windowId);
  const bound = (await deps.store.listDevices(window.hallId)).filter((d) => d.windowId === window.id);
  if (bound.length > 0) {
    throw new DomainError(
      'conflict',
      `Window ${window.number} has devices (${bound.map((d) => d.name).join(', ')}); move or delete them first.`,
      {
        windowId: window.id,
      },
    );
  }
  await audited(deps, window.hallId, props.actor, (audit) =>
    deps.store.deleteWindow(
      window.id,
      audit({ entity: 'window', action: 'deleted', subjectId: window.id, label: String(window.number) }),
    ),
  );
}

/** A window id from a path that names a hall must belong to that hall; anything else is not found. */
export async function requireOwnWindow(
  deps: AppDeps,
  hallId: string,
  windowId: string,
): Promise<ServiceWindow> {
  const w = await requireWindow(deps, windowId);
  if (w.hallId !== hallId)
    throw new DomainError('not_found', `No window ${windowId} in this hall.`, { windowId });
  return w;
}
