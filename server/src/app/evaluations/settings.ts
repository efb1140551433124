import type { AppDeps } from '../deps.js';

/**
 * Hall setting `evaluation`: how long after a service ends it can be rated.
 * At the window the evaluator accepts a rating for a short time (the citizen
 * is still there); by the QR code on the ticket, for longer (the citizen
 * rates from home).
 */
export interface EvaluationSettings {
  acceptMinutes: number;
  qrAcceptMinutes: number;
}

export const DEFAULT_EVALUATION_SETTINGS: EvaluationSettings = {
  acceptMinutes: 10,
  qrAcceptMinutes: 24 * 60,
};
export const EVALUATION_SETTING_KEY = 'evaluation';

function minutes(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback;
}

export async function evaluationSettings(deps: AppDeps, hallId: string): Promise<EvaluationSettings> {
  const stored = (await deps.store.getHallSetting(hallId, EVALUATION_SETTING_KEY)) as Partial<
    Record<keyof EvaluationSettings, unknown>
  > | null;
  return {
    acceptMinutes: minutes(stored?.acceptMinutes, DEFAULT_EVALUATION_SETTINGS.acceptMinutes),
    qrAcceptMinutes: minutes(stored?.qrAcceptMinutes, DEFAULT_EVALUATION_SETTINGS.qrAcceptMinutes),
  };
}
