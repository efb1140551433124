import { describe, expect, it } from 'vitest';
import * as domain from '../../../server/src/domain/index.js';

describe('the domain entry point', () => {
  it('exports the lifecycle actions under one namespace', () => {
    for (const name of [
      'call',
      'recall',
      'start',
      'complete',
      'noShow',
      'reactivate',
      'transfer',
      'hold',
      'callBack',
      'cancel',
      'expire',
      'leavesWindow',
    ]) {
      expect(typeof (domain.lifecycle as Record<string, unknown>)[name], name).toBe('function');
    }
  });

  it('exports the rules of every module', () => {
    for (const name of [
      'businessDay',
      'formatNumber',
      'parseNumber',
      'compareQueue',
      'effectiveTime',
      'reentryEffectiveTime',
      'reactivationEffectiveTime',
      'eligibilityGroup',
      'windowFilters',
      'matchesFilter',
      'isEligible',
      'windowsFor',
      'serviceTimes',
      'estimateWait',
      'isOpenAt',
      'isAfterClosing',
      'defaultRules',
      'DomainError',
    ]) {
      expect(typeof (domain as Record<string, unknown>)[name], name).toBe('function');
    }
    expect(domain.TERMINAL_STATUSES).toBe(domain.lifecycle.TERMINAL_STATUSES);
    expect(domain.ACTIVE_AT_WINDOW).toBe(domain.lifecycle.ACTIVE_AT_WINDOW);
  });
});
