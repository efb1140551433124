import {
  DomainError,
  defaultDedicated,
  serviceCodeClash,
  type Actor,
  type Service,
} from '../../domain/index.js';
import type { AppDeps } from '../deps.js';
import { saveAppointmentSettings } from '../appointments/settings.js';
import { refuseUpcomingBookings } from '../appointments/upcoming.js';
import { requireHall, requireService } from '../lookups.js';
import { audited } from './audit.js';
import { Issues } from './checks.js';

/** The matter catalogue (事项目录) of a hall. */

export interface ServiceInput {
  code: string;
  name: string;
  domain: string;
  prefix: string;
  crossRegion?: boolean;
  cannotHandle?: boolean;
  /** Defaults to cross-region or 办不成事: those have their own windows. */
  dedicated?: boolean;
  expectedMinutes?: number;
  pinyin?: string;
  enabled?: boolean;
  sortOrder?: number;
}

export function buildService(id: string, hallId: string, input: ServiceInput): Service {
  const crossRegion = input.crossRegion ?? false;
  const cannotHandle = input.cannotHandle ?? false;
  return {
    id,
    hallId,
    code: input.code,
    name: input.name,
    domain: input.domain,
    prefix: input.prefix,
    crossRegion,
    cannotHandle,
    dedicated: input.dedicated ?? defaultDedicated({ crossRegion, cannotHandle }),
    expectedMinutes: input.expectedMinutes ?? 10,
    pinyin: input.pinyin ?? '',
    enabled: input.enabled ?? true,
    sortOrder: input.sortOrder ?? 0,
  };
}

export function checkServiceCode(
  s: Service,
  siblings: readonly Service[],
  issues: Issues,
  path = 'service',
): void {
  if (serviceCodeClash(s, siblings)) {
    issues.add('service', `${path}.code`, `code ${s.code} is already used in this hall.`, 'duplicate_code', {
      value: s.code,
    });
  }
}

export async function createService(
  deps: AppDeps,
  props: { hallId: string; input: ServiceInput; actor: Actor },
): Promise<Service> {
  const hall = await requireHall(deps, props.hallId);
  const service = buildService(deps.newId(), hall.id, props.input);
  const issues = new Issues();
  checkServiceCode(service, await deps.store.listServices(hall.id), issues);
  issues.throwIfAny('The matter is not valid');
  const { service: saved } = await audited(deps, hall.id, props.actor, (audit) =>
    deps.store.saveService(
      service,
      audit({ entity: 'service', action: 'created', subjectId: service.id, label: service.code }),
    ),
  );
  return saved;
}

export async function updateService(
  deps: AppDeps,
  props: { hallId: string; serviceId: string; patch: Partial<ServiceInput>; actor: Actor },
): Promise<Service> {
  const current = await requireService(deps, props.serviceId, props.hallId);
  const service: Service = { ...current, ...props.patch };
  const issues = new Issues();
  checkServiceCode(service, await deps.store.listServices(current.hallId), issues);
  issues.throwIfAny('The matter is not valid');
  const { service: saved } = await audited(deps, current.hallId, props.actor, (audit) =>
    deps.store.saveService(
      service,
      audit({
        entity: 'service',
        action: 'updated',
        subjectId: service.id,
        label: service.code,
        fields: Object.keys(props.patch),
      }),
    ),
  );
  return saved;
}

/**
 * A matter named on a window, or with tickets, stays: disable it instead. A
 * matter with upcoming bookings stays until they are over (`upcoming_bookings`).
 */
export async function deleteService(
  deps: AppDeps,
  props: { hallId: string; serviceId: string; actor: Actor },
): Promise<void> {
  const service = await requireService(deps, props.serviceId, props.hallId);
  const hall = await requireHall(deps, service.hallId);
  await refuseUpcomingBookings(deps, { hall, serviceId: service.id, label: service.name });
  const naming = (await deps.store.listWindows(service.hallId)).filter((w) =>
    w.serviceIds.includes(service.id),
  );
  if (naming.length > 0) {
    throw new DomainError(
      'conflict',
      `${service.name} is named on window ${naming.map((w) => w.number).join(', ')}; remove it there first.`,
      {
        serviceId: service.id,
      },
    );
  }
  await audited(deps, service.hallId, props.actor, (audit) =>
    deps.store.deleteService(
      service.id,
      audit({ entity: 'service', action: 'deleted', subjectId: service.id, label: service.code }),
    ),
  );
  // Its booking settings go with it, so the hall's settings name only matters it has.
  const booking = await deps.store.getAppointmentSettings(hall.id);
  if (booking.services.some((x) => x.serviceId === service.id)) {
    await saveAppointmentSettings(deps, {
      hallId: hall.id,
      settings: { ...booking, services: booking.services.filter((x) => x.serviceId !== service.id) },
      actor: props.actor,
    });
  }
}
