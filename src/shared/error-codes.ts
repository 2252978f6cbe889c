/**
 * Every error code the API answers with, its HTTP status and a default message.
 * Clients branch on `code`; the message is for people and may change.
 */
export const ERROR_CODES = {
  validation_failed: { status: 400, title: 'Some fields need attention.' },
  invalid_json: { status: 400, title: 'The request body is not valid JSON.' },
  weak_password: { status: 400, title: 'Choose a stronger password.' },
  invalid_token: { status: 400, title: 'This link is invalid or has expired.' },
  invalid_code: { status: 400, title: 'That code is not right. Check it and try again.' },
  code_expired: { status: 400, title: 'That code has expired or was tried too often. Ask for a new one.' },
  method_not_available: { status: 400, title: 'That sign-in method is not set up for this account.' },
  oidc_denied: { status: 400, title: 'Signing in with the provider was cancelled.' },
  oidc_invalid_state: { status: 400, title: 'This sign-in attempt expired or was started in another browser. Start again.' },
  oidc_failed: { status: 400, title: 'The provider\'s answer could not be verified. Start again.' },
  invalid_cursor: { status: 400, title: 'This page of results is no longer valid. Start the search again.' },
  invalid_id_token: { status: 401, title: 'The ID token could not be verified.' },
  unauthenticated: { status: 401, title: 'Sign in to continue.' },
  challenge_expired: { status: 401, title: 'This sign-in attempt has expired. Start again.' },
  invalid_credentials: { status: 401, title: 'Email or password is incorrect.' },
  invalid_passkey: { status: 401, title: 'That passkey could not be verified.' },
  invalid_refresh_token: { status: 401, title: 'This sign-in has ended. Sign in again.' },
  csrf_rejected: { status: 403, title: 'The request came from another site and was refused.' },
  email_unverified: { status: 403, title: 'Confirm your email address before signing in.' },
  forbidden: { status: 403, title: 'You do not have access to this.' },
  account_suspended: { status: 403, title: 'This account is suspended.' },
  oidc_email_unverified: { status: 403, title: 'The provider has not verified this email address. Verify it there, or sign up with a password.' },
  oidc_wrong_account: { status: 403, title: 'That provider account is not the one connected to this Workgate account.' },
  admin_second_factor_required: { status: 403, title: 'Admins must set up a second factor or passkey first.' },
  password_reset_required: { status: 403, title: 'Choose a new password to continue.' },
  sign_in_method_held: {
    status: 403,
    title: 'This way of signing in was added after a sign-in you reported. Sign in with your password, then keep it in your security settings.',
  },
  client_role_required: { status: 403, title: 'Start hiring to search for talent.' },
  reauthentication_required: { status: 403, title: 'Confirm it is you to continue.' },
  not_found: { status: 404, title: 'Not found.' },
  provider_not_configured: { status: 404, title: 'This sign-in provider is not available.' },
  method_not_allowed: { status: 405, title: 'Method not allowed.' },
  last_admin: { status: 409, title: 'The last admin cannot lose admin rights or be suspended.' },
  cannot_act_on_self: { status: 409, title: 'Admins cannot do this to their own account.' },
  already_enabled: { status: 409, title: 'This is already set up.' },
  email_taken: { status: 409, title: 'This email address belongs to another account.' },
  phone_unverified: { status: 409, title: 'Confirm your phone number before using it for sign-in codes.' },
  phone_used_for_sign_in: { status: 409, title: 'This phone number receives your sign-in codes. Turn off SMS codes before changing it.' },
  oidc_identity_taken: { status: 409, title: 'That provider account is already connected to another Workgate account.' },
  oidc_link_required: {
    status: 409,
    title: 'An account with this email address exists. Log in to it first, then connect the provider in your security settings.',
  },
  last_sign_in_method: { status: 409, title: 'This is your only way to sign in. Set a password or add a passkey first.' },
  limit_reached: { status: 409, title: 'You have reached the limit of entries of this kind.' },
  idempotency_request_in_flight: { status: 409, title: 'The first request with this Idempotency-Key is still running. Retry in a moment.' },
  ticket_closed: { status: 409, title: 'This ticket is closed. Open a new one if you still need help.' },
  payload_too_large: { status: 413, title: 'The request body is too large.' },
  file_too_large: { status: 413, title: 'The file is larger than allowed for this use.' },
  unsupported_media_type: { status: 415, title: 'Send the body as application/json.' },
  unsupported_file_type: { status: 415, title: 'This kind of file is not accepted here.' },
  file_rejected: { status: 422, title: 'This file could not be accepted.' },
  image_too_large: { status: 422, title: 'The image has too many pixels.' },
  image_too_small: { status: 422, title: 'The image is too small.' },
  idempotency_key_reused: { status: 422, title: 'This Idempotency-Key was already used for a different request.' },
  account_locked: { status: 423, title: 'Sign-in is paused for this account after too many wrong attempts.' },
  rate_limited: { status: 429, title: 'Too many attempts. Try again later.' },
  internal_error: { status: 500, title: 'Something went wrong on our side.' },
  service_unavailable: { status: 503, title: 'The service is unavailable for a moment.' },
  oidc_unavailable: { status: 503, title: 'The provider cannot be reached right now. Try again in a moment.' },
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
  /** Where the person can reach support (account_suspended). */
  supportUrl?: string;
}
