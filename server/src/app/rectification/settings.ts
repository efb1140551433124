import { DomainError, configChanged, type Actor } from '../../domain/index.js';
import { DEFAULT_DEADLINE_WORKING_DAYS } from '../../domain/rectification/index.js';
import type { AppDeps } from '../deps.js';
import { requireHall } from '../lookups.js';

/** Hall setting `rectification`: how many working days a 差评 may take to rectify (default 5). */

export const RECTIFICATION_SETTING = 'rectification';
export const MAX_DEADLINE_WORKING_DAYS = 60;

export interface RectificationSettings {
  deadlineWorkingDays: number;
}

function isValidDays(n: unknown): n is number {
  return Number.isInteger(n) && (n as number) >= 1 && (n as number) <= MAX_DEADLINE_WORKING_DAYS;
}

/** A stored value that is not valid (hand-edited, older format) falls back to the default, never breaks opening. */
export async function getRectificationSettings(
  deps: AppDeps,
  hallId: string,
): Promise<RectificationSettings> {
  const stored = (await deps.store.getHallSetting(
    hallId,
    RECTIFICATION_SETTING,
  )) as Partial<RectificationSettings> | null;
  const days = stored?.deadlineWorkingDays;
  return { deadlineWorkingDays: isValidDays(days) ? days : DEFAULT_DEADLINE_WORKING_DAYS };
}

export async function saveRectificationSettings(
  deps: AppDeps,
  props: { hallId: string; settings: RectificationSettings; actor: Actor },
): Promise<RectificationSettings> {
  const hall = await requireHall(deps, props.hallId);
  if (!isValidDays(props.settings.deadlineWorkingDays)) {
    throw new DomainError(
      'invalid_config',
      `deadlineWorkingDays must be a whole number from 1 to ${MAX_DEADLINE_WORKING_DAYS}.`,
    );
  }
  const value: RectificationSettings = { deadlineWorkingDays: props.settings.deadlineWorkingDays };
  const now = deps.now();
  await deps.store.saveHallSetting(hall.id, RECTIFICATION_SETTING, value, now, [
    configChanged(
      { hallId: hall.id, at: now, actor: props.actor },
      {
        entity: 'setting',
        action: 'updated',
        subjectId: RECTIFICATION_SETTING,
        fields: ['deadlineWorkingDays'],
      },
    ),
  ]);
  return value;
}
