/**
 * Every refusal the rules can give, with a stable code. The HTTP layer maps
 * each code to a status; clients branch on the code, never on the message.
 */
export const DOMAIN_ERROR_CODES = [
  'not_found',
  'invalid_state',
  'recall_limit_reached',
  'window_not_open',
  'window_busy',
  'window_has_no_ticket',
  'not_eligible',
  'reactivation_expired',
  'service_disabled',
  'hall_closed',
  'invalid_transfer',
  'conflict',
  'invalid_config',
  'idempotency_key_reused',
  'priority_not_offered',
  'priority_staff_only',
  'booking_not_offered',
  'slot_unavailable',
  'slot_full',
  'duplicate_booking',
  'booking_details_invalid',
  'check_in_early',
  'check_in_late',
  'upcoming_bookings',
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: DomainErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

export function isDomainError(err: unknown): err is DomainError {
  return err instanceof DomainError;
}
