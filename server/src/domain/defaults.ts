import type { QueueRules, Service } from './types.js';

/**
 * Head starts: the green channel (urgent matters, key projects) 30 minutes,
 * 老幼病残孕军 15 minutes, a checked-in appointment near its slot 10.
 */
export function defaultRules(): QueueRules {
  return {
    headStarts: {
      urgent: 30,
      key_project: 30,
      elderly: 15,
      child: 15,
      sick: 15,
      disabled: 15,
      pregnant: 15,
      military: 15,
      appointment: 10,
    },
    recallLimit: 2,
    noShowReactivateMinutes: 30,
    reentryBehind: 3,
    idempotencyMs: 2000,
    completeOnNext: true,
    numberDigits: 3,
  };
}

/** Cross-region and 办不成事 matters have their own windows unless configured otherwise. */
export function defaultDedicated(s: Pick<Service, 'crossRegion' | 'cannotHandle'>): boolean {
  return s.crossRegion || s.cannotHandle;
}
