/**
 * The one way the app talks to the JSON API. Same-origin fetch with the session cookie,
 * JSON bodies (the browser adds the Origin header the server's CSRF check wants on unsafe
 * requests), and every failure turned into an ApiError carrying the server's problem+json.
 * A call refused with reauthentication_required asks the person to confirm it is them and
 * is then sent once more (step-up.ts). An answer that says other sessions remain after a
 * change of sign-in factors opens the offer to sign them out (sign-out-offer.ts).
 */
import type { ErrorCode, FieldError } from '../../shared/error-codes';
import { offerFromResponse } from './sign-out-offer';
import { askToConfirmIdentity } from './step-up';

/** The server's codes plus the one the client makes up when the server cannot be reached. */
export type ClientErrorCode = ErrorCode | 'network_error';

/** A problem document as the app sees it. */
export interface ClientProblem {
  status: number;
  code: ClientErrorCode;
  title: string;
  detail?: string;
  errors?: FieldError[];
  retryAfterSeconds?: number;
}

/** Thrown by apiRequest for every answer that is not a success. */
export class ApiError extends Error {
  readonly problem: ClientProblem;

  constructor(problem: ClientProblem) {
    super(problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }

  get code(): ClientErrorCode {
    return this.problem.code;
  }
}

/** True when `error` is an ApiError with `code`. */
export function isApiError(error: unknown, code?: ClientErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

function isProblem(value: unknown): value is ClientProblem {
  return typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'string';
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** The call that proves identity for step-up never asks for step-up itself. */
const REAUTHENTICATE_PATH = '/auth/reauthenticate';

/**
 * Calls `/api/v1${path}`; resolves with the parsed JSON body (undefined for 204). When the
 * server wants a recent authentication first, the person is asked, and the call is retried.
 */
export async function apiRequest<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
  try {
    return await sendRequest<T>(method, path, body);
  } catch (error) {
    if (!isApiError(error, 'reauthentication_required') || path === REAUTHENTICATE_PATH) throw error;
    // Cancelled: the original refusal stands and the screen shows it.
    if (!(await askToConfirmIdentity())) throw error;
    return sendRequest<T>(method, path, body);
  }
}

async function sendRequest<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError({ status: 0, code: 'network_error', title: 'The server could not be reached.' });
  }
  const parsed = await readJson(response);
  if (response.ok) {
    // A change of sign-in factors: other devices may be offered a sign-out.
    offerFromResponse(response);
    return parsed as T;
  }
  if (isProblem(parsed)) throw new ApiError({ ...parsed, status: response.status });
  // A proxy or a crashed server can answer without a problem document.
  const retryAfter = Number(response.headers.get('retry-after'));
  throw new ApiError({
    status: response.status,
    code: response.status === 429 ? 'rate_limited' : response.status === 401 ? 'unauthenticated' : 'internal_error',
    title: response.statusText || 'Request failed.',
    ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
  });
}
