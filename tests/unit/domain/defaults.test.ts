import { describe, expect, it } from 'vitest';
import { PRIORITY_CATEGORIES, defaultDedicated, defaultRules } from '../../../server/src/domain/index.js';

describe('defaultRules', () => {
  it('gives the green channel 30 minutes, 老幼病残孕军 15 and appointments 10', () => {
    const { headStarts } = defaultRules();
    expect(headStarts.urgent).toBe(30);
    expect(headStarts.key_project).toBe(30);
    for (const c of ['elderly', 'child', 'sick', 'disabled', 'pregnant', 'military'] as const) {
      expect(headStarts[c]).toBe(15);
    }
    expect(headStarts.appointment).toBe(10);
  });

  it('has a head start for every priority category', () => {
    const { headStarts } = defaultRules();
    for (const c of PRIORITY_CATEGORIES) expect(headStarts[c], c).toBeGreaterThan(0);
  });

  it('sets the documented queue defaults', () => {
    expect(defaultRules()).toMatchObject({
      recallLimit: 2,
      noShowReactivateMinutes: 30,
      reentryBehind: 3,
      idempotencyMs: 2000,
      completeOnNext: true,
      numberDigits: 3,
    });
  });

  it('returns a fresh object each time, so editing one hall does not change another', () => {
    const a = defaultRules();
    a.headStarts.elderly = 99;
    a.recallLimit = 9;
    expect(defaultRules().headStarts.elderly).toBe(15);
    expect(defaultRules().recallLimit).toBe(2);
  });
});

describe('defaultDedicated', () => {
  it('dedicates cross-region and 办不成事 matters to their own windows', () => {
    expect(defaultDedicated({ crossRegion: true, cannotHandle: false })).toBe(true);
    expect(defaultDedicated({ crossRegion: false, cannotHandle: true })).toBe(true);
    expect(defaultDedicated({ crossRegion: true, cannotHandle: true })).toBe(true);
  });

  it('leaves every other matter to the comprehensive windows', () => {
    expect(defaultDedicated({ crossRegion: false, cannotHandle: false })).toBe(false);
  });
});
