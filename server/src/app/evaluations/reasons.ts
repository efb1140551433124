import type { EvaluationLevel } from '../../domain/index.js';

/**
 * The five levels of 好差评 and the short list of reasons a 差评 (levels 1
 * and 2) must give, so the follow-up (整改) knows what to fix.
 */
export const EVALUATION_LEVELS: readonly { level: EvaluationLevel; zh: string; en: string }[] = [
  { level: 5, zh: '非常满意', en: 'Very satisfied' },
  { level: 4, zh: '满意', en: 'Satisfied' },
  { level: 3, zh: '基本满意', en: 'Fairly satisfied' },
  { level: 2, zh: '不满意', en: 'Dissatisfied' },
  { level: 1, zh: '非常不满意', en: 'Very dissatisfied' },
];

export const EVALUATION_REASONS = [
  'long_wait',
  'attitude',
  'not_informed',
  'repeated_visits',
  'slow',
  'other',
] as const;
export type EvaluationReason = (typeof EVALUATION_REASONS)[number];

export const REASON_LABELS: Record<EvaluationReason, { zh: string; en: string }> = {
  long_wait: { zh: '等候时间长', en: 'Waited too long' },
  attitude: { zh: '服务态度不好', en: 'Unfriendly service' },
  not_informed: { zh: '没有一次性告知', en: 'Not told everything at once' },
  repeated_visits: { zh: '需要多次跑', en: 'Had to come back again' },
  slow: { zh: '办理效率低', en: 'Slow handling' },
  other: { zh: '其他', en: 'Other' },
};

/** 差评: levels 1 and 2, followed up and rectified before a deadline. */
export function isNegative(level: EvaluationLevel): boolean {
  return level <= 2;
}
