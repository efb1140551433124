import {
  DomainError,
  defaultRules,
  priorityListProblems,
  standardCalendar,
  type Actor,
  type Hall,
  type HallCalendar,
  type HallLevel,
  type HeadStarts,
  type QueueRules,
} from '../../domain/index.js';
import type { AppDeps } from '../deps.js';
import { refuseUpcomingBookings } from '../appointments/upcoming.js';
import { requireHall } from '../lookups.js';
import { audited } from './audit.js';
import { Issues, checkCalendar, checkTimeZone } from './checks.js';

/** Halls: created with the standard hours and default queue rules unless told otherwise. */

export type RulesInput = Partial<Omit<QueueRules, 'headStarts'>> & { headStarts?: Partial<HeadStarts> };

export interface HallInput {
  name: string;
  level?: HallLevel;
  timeZone?: string;
  calendar?: HallCalendar;
  rules?: RulesInput;
}

export function mergeRules(base: QueueRules, input: RulesInput | undefined): QueueRules {
  if (!input) return base;
  return { ...base, ...input, headStarts: { ...base.headStarts, ...input.headStarts } };
}

/** The hall as it would be after applying `input`; checks collected in `issues`. */
export function applyHallInput(
  hall: Hall,
  input: Partial<HallInput>,
  issues: Issues,
  where = 'hall',
  path = 'hall',
): Hall {
  const next: Hall = {
    ...hall,
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.level !== undefined ? { level: input.level } : {}),
    ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
    ...(input.calendar !== undefined ? { calendar: input.calendar } : {}),
    rules: mergeRules(hall.rules, input.rules),
  };
  checkTimeZone(next.timeZone, issues, where, `${path}.timeZone`);
  checkCalendar(next.calendar, issues, where, `${path}.calendar`);
  for (const problem of priorityListProblems(next.rules.priorityCategories ?? [])) {
    issues.add(where, `${path}.rules.priorityCategories`, problem);
  }
  return next;
}

export async function createHall(deps: AppDeps, props: { input: HallInput; actor: Actor }): Promise<Hall> {
  const now = deps.now();
  const blank: Hall = {
    id: deps.newId(),
    name: props.input.name,
    level: 'city',
    timeZone: 'Asia/Shanghai',
    calendar: standardCalendar(),
    rules: defaultRules(),
    createdAt: now,
    updatedAt: now,
  };
  const issues = new Issues();
  const hall = applyHallInput(blank, props.input, issues);
  issues.throwIfAny('The hall is not valid');
  const { hall: saved } = await audited(deps, hall.id, props.actor, (audit) =>
    deps.store.saveHall(hall, audit({ entity: 'hall', action: 'created', subjectId: hall.id })),
  );
  return saved;
}

export async function updateHall(
  deps: AppDeps,
  props: { hallId: string; patch: Partial<HallInput>; actor: Actor },
): Promise<Hall> {
  const current = await requireHall(deps, props.hallId);
  const issues = new Issues();
  const hall = { ...applyHallInput(current, props.patch, issues), updatedAt: deps.now() };
  issues.throwIfAny('The hall is not valid');
  const { hall: saved } = await audited(deps, hall.id, props.actor, (audit) =>
    deps.store.saveHall(
      hall,
      audit({ entity: 'hall', action: 'updated', subjectId: hall.id, fields: Object.keys(props.patch) }),
    ),
  );
  return saved;
}

/**
 * Only an empty hall can go: its tickets and bookings are records and stay,
 * so a hall with any is kept. Upcoming bookings are named first
 * (`upcoming_bookings`): citizens still hold codes for the hall's slots.
 */
export async function deleteHall(deps: AppDeps, props: { hallId: string; actor: Actor }): Promise<void> {
  const hall = await requireHall(deps, props.hallId);
  await refuseUpcomingBookings(deps, { hall, label: hall.name });
  const [services, windows, devices, tickets, bookings] = await Promise.all([
    deps.store.listServices(hall.id),
    deps.store.listWindows(hall.id),
    deps.store.listDevices(hall.id),
    deps.store.listTickets(hall.id, { limit: 1 }),
    deps.store.listAppointments(hall.id, { limit: 1 }),
  ]);
  if (services.length + windows.length + devices.length + tickets.length + bookings.length > 0) {
    throw new DomainError(
      'conflict',
      `${hall.name} still has matters, windows, devices, tickets or bookings; remove those first.`,
      {
        hallId: hall.id,
        services: services.length,
        windows: windows.length,
        devices: devices.length,
        tickets: tickets.length,
        bookings: bookings.length,
      },
    );
  }
  await audited(deps, hall.id, props.actor, (audit) =>
    deps.store.deleteHall(
      hall.id,
      audit({ entity: 'hall', action: 'deleted', subjectId: hall.id, label: hall.name }),
    ),
  );
}
