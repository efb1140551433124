import { describe, expect, it } from 'vitest';
import { DOMAIN_ERROR_CODES, DomainError, isDomainError } from '../../../server/src/domain/index.js';

describe('DomainError', () => {
  it('carries a stable code, a message and details', () => {
    const err = new DomainError('recall_limit_reached', 'Ticket A023 has been called 3 times.', {
      callCount: 3,
    });
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('DomainError');
    expect(err.code).toBe('recall_limit_reached');
    expect(err.message).toBe('Ticket A023 has been called 3 times.');
    expect(err.details).toEqual({ callCount: 3 });
  });

  it('has empty details by default', () => {
    expect(new DomainError('not_found', 'No such ticket.').details).toEqual({});
  });

  it('has a code for every refusal the rules give', () => {
    for (const code of [
      'invalid_state',
      'recall_limit_reached',
      'reactivation_expired',
      'invalid_transfer',
    ]) {
      expect(DOMAIN_ERROR_CODES).toContain(code);
    }
    expect(new Set(DOMAIN_ERROR_CODES).size).toBe(DOMAIN_ERROR_CODES.length);
  });
});

describe('isDomainError', () => {
  it('tells domain refusals from other errors', () => {
    expect(isDomainError(new DomainError('conflict', 'stale'))).toBe(true);
    expect(isDomainError(new Error('boom'))).toBe(false);
    expect(isDomainError({ code: 'conflict', message: 'looks alike' })).toBe(false);
    expect(isDomainError(null)).toBe(false);
  });
});
