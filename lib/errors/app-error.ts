/**
 * Expected failures carry a code that one mapper (app/_lib/http.ts) turns into an HTTP
 * status, and a message written for the person who caused them. Anything else is a bug:
 * logged in full, shown as a generic message.
 */
export const APP_ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  unprocessable: 422,
  too_many_requests: 429,
  payload_too_large: 413,
  unavailable: 503,
} as const;

export type TAppErrorCode = keyof typeof APP_ERROR_STATUS;
export type TFieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly code: TAppErrorCode;
  readonly fieldErrors?: TFieldErrors;
  /** For `too_many_requests`: when trying again can succeed, sent as Retry-After. */
  readonly retryAfterSeconds?: number;

  constructor(code: TAppErrorCode, message: string, options: { fieldErrors?: TFieldErrors; cause?: unknown; retryAfterSeconds?: number } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.fieldErrors = options.fieldErrors;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get status(): number {
    return APP_ERROR_STATUS[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
