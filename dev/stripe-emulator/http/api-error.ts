/** The `error.type` values the Stripe SDK maps to its error classes. */
export type TApiErrorType = 'invalid_request_error' | 'card_error' | 'idempotency_error' | 'api_error';

export type TApiErrorBody = {
  error: {
    type: TApiErrorType;
    message: string;
    code?: string;
    param?: string;
    decline_code?: string;
    doc_url?: string;
  };
};

type TApiErrorFields = { code?: string; param?: string; declineCode?: string; isValidation?: boolean };

/**
 * A Stripe API error. The SDK picks its error class from the HTTP status (400/404 →
 * StripeInvalidRequestError, 401 → StripeAuthenticationError, 402 → StripeCardError,
 * 403 → StripePermissionError) and from `type: idempotency_error`, so both must match
 * what Stripe sends. `isValidation` marks errors raised before the request did anything:
 * Stripe does not store those under an idempotency key.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly type: TApiErrorType;
  readonly code?: string;
  readonly param?: string;
  readonly declineCode?: string;
  readonly isValidation: boolean;

  constructor(status: number, type: TApiErrorType, message: string, fields: TApiErrorFields = {}) {
    super(message);
    this.status = status;
    this.type = type;
    this.code = fields.code;
    this.param = fields.param;
    this.declineCode = fields.declineCode;
    this.isValidation = fields.isValidation ?? false;
  }

  toBody(): TApiErrorBody {
    return {
      error: {
        type: this.type,
        message: this.message,
        ...(this.code ? { code: this.code, doc_url: `https://stripe.com/docs/error-codes/${this.code.replaceAll('_', '-')}` } : {}),
        ...(this.param ? { param: this.param } : {}),
        ...(this.declineCode ? { decline_code: this.declineCode } : {}),
      },
    };
  }
}

export function invalidRequest(message: string, fields: TApiErrorFields = {}): ApiError {
  return new ApiError(400, 'invalid_request_error', message, fields);
}

export function validationError(message: string, code: string | undefined, param: string): ApiError {
  return new ApiError(400, 'invalid_request_error', message, { code, param, isValidation: true });
}

/** Stripe words these as "No such <object>: '<id>'". */
export function resourceMissing(objectName: string, id: string, param = 'id'): ApiError {
  return new ApiError(404, 'invalid_request_error', `No such ${objectName}: '${id}'`, {
    code: 'resource_missing',
    param,
    isValidation: true,
  });
}

export function cardError(message: string, code: string, declineCode?: string): ApiError {
  return new ApiError(402, 'card_error', message, { code, declineCode });
}
