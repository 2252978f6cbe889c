/**
 * Every error code the API answers with, its HTTP status and a default message.
 * Clients branch on `code`; the message is for people and may change.
 */
export const ERROR_CODES = {
  validation_failed: { status: 400, title: 'Some fields need attention.' },
  invalid_json: { status: 400, title: 'The request body is not valid JSON.' },
  weak_password: { status: 400, title: 'Choose a stronger password.' },
  invalid_token: { status: 400, title: 'This link is invalid or has expired.' },
  unauthenticated: { status: 401, title: 'Sign in to continue.' },
  invalid_credentials: { status: 401, title: 'Email or password is incorrect.' },
  csrf_rejected: { status: 403, title: 'The request came from another site and was refused.' },
  email_unverified: { status: 403, title: 'Confirm your email address before signing in.' },
  not_found: { status: 404, title: 'Not found.' },
  method_not_allowed: { status: 405, title: 'Method not allowed.' },
  payload_too_large: { status: 413, title: 'The request body is too large.' },
  unsupported_media_type: { status: 415, title: 'Send the body as application/json.' },
  rate_limited: { status: 429, title: 'Too many attempts. Try again later.' },
  internal_error: { status: 500, title: 'Something went wrong on our side.' },
  service_unavailable: { status: 503, title: 'The service is not ready.' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** A field-level problem, as listed in a problem document's `errors`. */
export interface FieldError {
  path: string;
  message: string;
}

/** RFC 9457 problem details, with Workgate's stable `code`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail?: string;
  errors?: FieldError[];
  retryAfterSeconds?: number;
}
