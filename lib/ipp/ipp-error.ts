/**
 * Why talking to a printer failed. The message is written for the shop owner who
 * typed the printer address; `code` is for the caller's logic.
 * - `invalid_uri`: the address is not an ipp:// or ipps:// URI with a host.
 * - `unreachable`: nothing answered (connection refused, no route, unknown host, reset).
 * - `timeout`: something accepted the connection but did not answer in time.
 * - `not_ipp`: an HTTP (or other) server answered, but not with IPP.
 * - `auth_required`: the printer wants credentials (HTTP 401/403 or IPP not-authenticated/not-authorized).
 * - `ipp_error`: the printer answered with another IPP error status, kept in `ippStatus`.
 * - `address_refused`: the cloud does not connect to this address or port (lib/ipp/printer-address-policy.ts);
 *   nothing was sent. Retryable like an unreachable printer, so a job waits (and is offered elsewhere)
 *   rather than failing, should the operator open the network again.
 */
export const IPP_ERROR_CODES = ['invalid_uri', 'unreachable', 'timeout', 'not_ipp', 'auth_required', 'ipp_error', 'address_refused'] as const;

export type TIppErrorCode = (typeof IPP_ERROR_CODES)[number];

/** Socket errors raised before a connection exists: the printer cannot have received anything. */
export const NEVER_CONNECTED_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'EADDRNOTAVAIL', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL']);

/** IPP statuses that mean "try the same request again later", not "this job is wrong". */
const RETRYABLE_IPP_STATUSES = new Set(['server-error-busy', 'server-error-service-unavailable', 'server-error-temporary-error', 'server-error-not-accepting-jobs']);

export class IppError extends Error {
  readonly code: TIppErrorCode;
  /** IPP status keyword (e.g. `server-error-busy`) when the printer answered with one. */
  readonly ippStatus?: string;
  /** HTTP status when the server answered with something other than 200. */
  readonly httpStatus?: number;
  /** Attributes the printer named as unsupported (its unsupported-attributes group), e.g. `document-format`. */
  readonly unsupportedAttributes: string[];

  constructor(code: TIppErrorCode, message: string, options: { ippStatus?: string; httpStatus?: number; unsupportedAttributes?: string[]; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'IppError';
    this.code = code;
    this.ippStatus = options.ippStatus;
    this.httpStatus = options.httpStatus;
    this.unsupportedAttributes = options.unsupportedAttributes ?? [];
  }

  /**
   * True when the request may have reached the printer and been acted on although no answer
   * came back: a timeout, or a connection dropped after it was made. Sending a document again
   * after such an error could print it twice; the printer must be asked first. False when the
   * printer answered (with an error status) or was never reached.
   */
  get mayHaveBeenReceived(): boolean {
    if (this.code === 'timeout') return true;
    if (this.code !== 'unreachable') return false;
    const cause = this.cause as { code?: unknown } | undefined;
    return !(typeof cause?.code === 'string' && NEVER_CONNECTED_CODES.has(cause.code));
  }

  /** True when waiting and sending the same request again may succeed (printer off, busy, slow). */
  get isRetryable(): boolean {
    if (this.code === 'unreachable' || this.code === 'timeout' || this.code === 'address_refused') return true;
    return this.code === 'ipp_error' && this.ippStatus !== undefined && RETRYABLE_IPP_STATUSES.has(this.ippStatus);
  }
}

export function isIppError(error: unknown): error is IppError {
  return error instanceof IppError;
}
