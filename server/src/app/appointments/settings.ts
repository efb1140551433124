import { DomainError, type Actor } from '../../domain/index.js';
import {
  addDays,
  bookableService,
  previewDays,
  type AppointmentSettings,
  type AppointmentPreview,
} from '../../domain/appointments/index.js';
import { audited } from '../admin/audit.js';
import type { AppDeps } from '../deps.js';
import { requireHall, requireService, today } from '../lookups.js';

/**
 * The hall's booking settings (hall setting `appointments`), edited by
 * admins with a preview of the next two weeks. Saving appends
 * `config.changed` (entity `setting`, subject `appointments`).
 */

export const PREVIEW_DAYS = 14;

export async function getAppointmentSettings(
  deps: AppDeps,
  props: { hallId: string },
): Promise<AppointmentSettings> {
  await requireHall(deps, props.hallId);
  return deps.store.getAppointmentSettings(props.hallId);
}

/** Settings may only name matters of their own hall. */
async function requireHallServices(
  deps: AppDeps,
  hallId: string,
  settings: AppointmentSettings,
): Promise<void> {
  for (const s of settings.services) {
    const service = await deps.store.getService(s.serviceId);
    if (!service || service.hallId !== hallId) {
      throw new DomainError('invalid_config', `Matter ${s.serviceId} is not in this hall.`, {
        serviceId: s.serviceId,
      });
    }
  }
}

export async function saveAppointmentSettings(
  deps: AppDeps,
  props: { hallId: string; settings: AppointmentSettings; actor: Actor },
): Promise<AppointmentSettings> {
  await requireHall(deps, props.hallId);
  await requireHallServices(deps, props.hallId, props.settings);
  await audited(deps, props.hallId, props.actor, (audit) =>
    deps.store.saveAppointmentSettings(
      props.hallId,
      props.settings,
      deps.now(),
      audit({ entity: 'setting', action: 'updated', subjectId: 'appointments', label: '预约' }),
    ),
  );
  return deps.store.getAppointmentSettings(props.hallId);
}

export type { AppointmentPreview };

/**
 * What the settings give over the next two weeks: per day, the slots, the
 * capacity, how many places bookings may take and how many are booked.
 * `settings` previews unsaved settings; without it the saved ones.
 */
export async function previewAppointments(
  deps: AppDeps,
  props: { hallId: string; serviceId: string; settings?: AppointmentSettings },
): Promise<AppointmentPreview> {
  const hall = await requireHall(deps, props.hallId);
  await requireService(deps, props.serviceId, hall.id);
  if (props.settings) await requireHallServices(deps, hall.id, props.settings);
  const settings = props.settings ?? (await deps.store.getAppointmentSettings(hall.id));
  const svc = settings.services.find((s) => s.serviceId === props.serviceId);
  const from = today(deps, hall);
  if (!svc) return { serviceId: props.serviceId, offered: false, days: [] };
  const counts = await deps.store.bookedCounts(hall.id, svc.serviceId, from, addDays(from, PREVIEW_DAYS - 1));
  const byDay = new Map<string, Map<number, number>>();
  for (const c of counts) {
    const day = byDay.get(c.day) ?? new Map<number, number>();
    day.set(c.slotStart, c.count);
    byDay.set(c.day, day);
  }
  return {
    serviceId: svc.serviceId,
    offered: bookableService(settings, svc.serviceId) !== null,
    days: previewDays(hall.calendar, settings, svc, from, PREVIEW_DAYS, byDay),
  };
}
