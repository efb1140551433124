import type { DomainErrorCode } from '../domain/index.js';

/**
 * Every error the API can answer with, each with its HTTP status and a stable
 * `code`. Clients branch on the code; the detail is for people and may change.
 * `reportable` errors are logged: they mean the hub, not the caller, is wrong.
 */
interface ErrorType {
  status: number;
  title: string;
  reportable?: boolean;
}

/** A domain code added without a status here fails the typecheck. */
const DOMAIN_ERRORS = {
  not_found: { status: 404, title: 'Not found' },
  invalid_state: { status: 409, title: 'Not allowed in the current state' },
  recall_limit_reached: { status: 409, title: 'Recall limit reached' },
  window_not_open: { status: 409, title: 'Window is not open' },
  window_busy: { status: 409, title: 'Window still has a citizen' },
  window_has_no_ticket: { status: 409, title: 'Window has no ticket' },
  not_eligible: { status: 409, title: 'Ticket not eligible at this window' },
  reactivation_expired: { status: 409, title: 'Too late to re-activate' },
  service_disabled: { status: 409, title: 'Matter not being issued' },
  hall_closed: { status: 409, title: 'Hall closed for the day' },
  invalid_transfer: { status: 409, title: 'Invalid transfer' },
  conflict: { status: 409, title: 'Conflict' },
  invalid_config: { status: 422, title: 'Invalid configuration' },
  idempotency_key_reused: { status: 422, title: 'Idempotency key used for another request' },
  priority_not_offered: { status: 422, title: 'Priority category not offered in this hall' },
  priority_staff_only: { status: 403, title: 'Priority category given by staff only' },
  booking_not_offered: { status: 409, title: 'Matter not offered for booking' },
  slot_unavailable: { status: 409, title: 'Slot not bookable' },
  slot_full: { status: 409, title: 'Slot fully booked' },
  duplicate_booking: { status: 409, title: 'Already booked for this matter and day' },
  booking_details_invalid: { status: 422, title: 'Name or phone missing or invalid' },
  check_in_early: { status: 409, title: 'Too early to check in this booking' },
  check_in_late: { status: 409, title: 'Too late to check in this booking' },
  upcoming_bookings: { status: 409, title: 'Upcoming bookings stand in the way' },
} as const satisfies Record<DomainErrorCode, ErrorType>;

export const ERROR_TYPES = {
  ...DOMAIN_ERRORS,
  validation_failed: { status: 400, title: 'Invalid request' },
  malformed_json: { status: 400, title: 'Malformed JSON body' },
  malformed_path: { status: 400, title: 'Malformed percent-encoding in path' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  invalid_credentials: { status: 401, title: 'Wrong username or password' },
  forbidden: { status: 403, title: 'Not allowed' },
  csrf_failed: { status: 403, title: 'CSRF token missing or wrong' },
  setup_code_invalid: { status: 403, title: 'Setup code wrong or used' },
  route_not_found: { status: 404, title: 'No such route' },
  payload_too_large: { status: 413, title: 'Body too large' },
  unsupported_media_type: { status: 415, title: 'Body must be application/json' },
  rate_limited: { status: 429, title: 'Too many requests' },
  login_locked: { status: 429, title: 'Too many failed logins' },
  internal: { status: 500, title: 'Internal error', reportable: true },
  not_ready: { status: 503, title: 'Not ready' },
} as const satisfies Record<string, ErrorType>;

export type ErrorCode = keyof typeof ERROR_TYPES;

export function isErrorCode(code: string): code is ErrorCode {
  return code in ERROR_TYPES;
}

/** One field problem of a validation error or a configuration import. */
export interface FieldIssue {
  /** Where: `body`, `query`, `params` or a row of an imported file. */
  in: string;
  /** Dotted path inside it, e.g. `services.3.prefix`. */
  path: string;
  /** English, for logs and API clients; screens word the issue from `code` and `params`. */
  message: string;
  /**
   * Stable reason: `required`, `invalid_type`, `invalid_format`, `invalid_value`,
   * `too_small`, `too_big`, `unknown_field`, `invalid`, or a configuration rule
   * (`duplicate_code`, `duplicate_number`, `unknown_matter`, `unknown_area`,
   * `domain_window_needs_area`, `opens_after_close`, `unknown_time_zone` …).
   */
  code?: string;
  /** What the screen may name: `minimum`, `maximum`, `value`, `row` (1-based row of the same list) … */
  params?: Record<string, ProblemParam>;
  /** For a row of a list (`services.3.prefix`): its list, its 1-based row and the field in it. */
  list?: string;
  row?: number;
  field?: string;
}

/** Adds `list`, `row` (1-based) and `field` to an issue on a row of a list, e.g. `services.3.prefix`. */
export function locateIssue(issue: FieldIssue): FieldIssue {
  const m = /^(services|windows)\.(\d+)(?:\.(.+))?$/.exec(issue.path);
  if (!m) return issue;
  return { ...issue, list: m[1]!, row: Number(m[2]) + 1, ...(m[3] ? { field: m[3] } : {}) };
}

/** An error raised by the HTTP layer itself with a catalogue code. */
export class HttpError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[] | undefined;

  constructor(code: ErrorCode, detail?: string, issues?: FieldIssue[]) {
    super(detail ?? ERROR_TYPES[code].title);
    this.name = 'HttpError';
    this.code = code;
    this.issues = issues;
  }
}

/** A parameter of a refusal, for screens to word it in their own language. */
export type ProblemParam = string | number | boolean | string[];

/**
 * application/problem+json (RFC 9457) with our stable `code`. `detail` is an
 * English sentence for logs and API clients; screens word the refusal from
 * `code` and `params` (ticket `number`, `status`, `category`, limits …).
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  params?: Record<string, ProblemParam>;
  errors?: FieldIssue[];
  /** On 5xx answers: the request's `X-Request-Id`, under which the hub logged what went wrong. */
  requestId?: string;
}

export function problem(
  code: ErrorCode,
  detail?: string,
  issues?: FieldIssue[],
  params?: Record<string, ProblemParam>,
): Problem {
  const t = ERROR_TYPES[code];
  return {
    type: `urn:hall-queue:problem:${code}`,
    title: t.title,
    status: t.status,
    code,
    detail: detail ?? t.title,
    ...(params && Object.keys(params).length > 0 ? { params } : {}),
    ...(issues && issues.length > 0 ? { errors: issues.map(locateIssue) } : {}),
  };
}
