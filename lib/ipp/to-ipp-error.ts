import { IppError } from '@/lib/ipp/ipp-error';
import type { TPrinterUri } from '@/lib/ipp/parse-printer-uri';

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'EADDRNOTAVAIL']);
const UNKNOWN_HOST_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL']);
const DROPPED_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);
const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function errorCode(error: unknown): string {
  return error && typeof error === 'object' && 'code' in error && typeof error.code === 'string' ? error.code : '';
}

/**
 * Turns a Node socket/HTTP/TLS failure into an IppError a shop owner can act on.
 * HTTP parser errors (HPE_*) mean something that does not speak HTTP answered (an
 * SSH or raw 9100 port); TLS errors on ipps:// usually mean the port is plain IPP.
 */
export function toIppError(error: unknown, target: TPrinterUri): IppError {
  if (error instanceof IppError) return error;
  const code = errorCode(error);
  const where = target.address;
  if (UNREACHABLE_CODES.has(code)) {
    return new IppError('unreachable', `Nothing answered at ${where}. Is the printer switched on and on the same network?`, { cause: error });
  }
  if (UNKNOWN_HOST_CODES.has(code)) {
    return new IppError('unreachable', `No device called "${target.host}" was found on the network. Check the printer address, or use its IP address.`, { cause: error });
  }
  if (code === 'ETIMEDOUT') {
    return new IppError('timeout', `The printer at ${where} did not answer in time. Is it switched on?`, { cause: error });
  }
  if (DROPPED_CODES.has(code)) {
    return new IppError('unreachable', `The printer at ${where} closed the connection. It may be restarting; try again in a minute.`, { cause: error });
  }
  if (code.startsWith('HPE_')) {
    return new IppError('not_ipp', `Something answered at ${where}, but it is not a printer. Check the port (IPP printers usually use 631).`, { cause: error });
  }
  if (CERTIFICATE_CODES.has(code)) {
    return new IppError('not_ipp', `The security certificate of the printer at ${where} was not accepted.`, {
      cause: error,
    });
  }
  if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || code === 'EPROTO') {
    return new IppError('not_ipp', `${where} did not accept a secure (ipps://) connection. Try the address with ipp:// instead.`, { cause: error });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new IppError('unreachable', `Could not talk to the printer at ${where} (${reason}).`, { cause: error });
}

const STATUS_MESSAGES: Record<string, string> = {
  'client-error-not-found': 'The printer does not know this job or printer address any more.',
  'client-error-document-format-not-supported': 'The printer does not accept this kind of document.',
  'client-error-document-format-error': 'The printer could not read the document.',
  'client-error-attributes-or-values-not-supported': 'The printer does not support one of the chosen print options.',
  'client-error-not-possible': 'The printer cannot do that now (the job may already be finished or cancelled).',
  'client-error-bad-request': 'The printer rejected the request as malformed.',
  'client-error-request-entity-too-large': 'The document is too large for this printer.',
  'server-error-busy': 'The printer is busy with another job. Nearprint will try again.',
  'server-error-not-accepting-jobs': 'The printer is not accepting jobs right now.',
  'server-error-service-unavailable': 'The printer is temporarily unavailable.',
  'server-error-temporary-error': 'The printer had a temporary problem. Nearprint will try again.',
  'server-error-operation-not-supported': 'The printer does not support this operation.',
  'server-error-version-not-supported': 'The printer does not speak IPP 2.0.',
  'server-error-device-error': 'The printer reported a hardware problem.',
  'server-error-internal-error': 'The printer reported an internal error.',
};

const AUTH_STATUSES = new Set(['client-error-not-authenticated', 'client-error-not-authorized', 'client-error-forbidden']);

/** How the options Nearprint sends are called in messages. */
const OPTION_WORDS: Record<string, string> = {
  'document-format': 'this kind of document',
  media: 'this paper size',
  'media-col': 'this paper size',
  sides: 'this two-sided setting',
  'print-color-mode': 'this colour setting',
  copies: 'this number of copies',
  finishings: 'this finishing',
  'page-ranges': 'page ranges',
};

/**
 * An IPP error status from a printer. Printers name the offending attributes in the
 * unsupported-attributes group; ippeveprinter, for one, answers an unsupported
 * document format with client-error-attributes-or-values-not-supported rather than
 * client-error-document-format-not-supported, so callers should look at
 * `unsupportedAttributes` too.
 */
export function ippStatusError(status: string, target: TPrinterUri, details: { statusMessage?: string; unsupportedAttributes?: string[] } = {}): IppError {
  const unsupportedAttributes = details.unsupportedAttributes ?? [];
  if (AUTH_STATUSES.has(status)) {
    return new IppError('auth_required', `The printer at ${target.address} asks for a user name and password.`, { ippStatus: status });
  }
  const options = [...new Set(unsupportedAttributes.map((name) => OPTION_WORDS[name] ?? name))];
  const base =
    status === 'client-error-attributes-or-values-not-supported' && options.length > 0
      ? `The printer does not support ${options.join(', ')}.`
      : (STATUS_MESSAGES[status] ?? `The printer at ${target.address} answered with an error (${status}).`);
  const { statusMessage } = details;
  const detail = statusMessage && !base.includes(statusMessage) ? ` The printer says: "${statusMessage}"` : '';
  return new IppError('ipp_error', `${base}${detail}`, { ippStatus: status, unsupportedAttributes });
}

/** An HTTP status other than 200 from the printer's address. */
export function httpStatusError(httpStatus: number, target: TPrinterUri): IppError {
  if (httpStatus === 401 || httpStatus === 403) {
    return new IppError('auth_required', `The printer at ${target.address} asks for a user name and password.`, { httpStatus });
  }
  if (httpStatus === 426) {
    return new IppError('ipp_error', `The printer at ${target.address} only accepts secure connections. Use the address with ipps:// instead.`, { httpStatus, ippStatus: 'upgrade-required' });
  }
  return new IppError(
    'not_ipp',
    `Something answered at ${target.address}${target.path}, but not as a printer (HTTP ${httpStatus}). Check the address; IPP printers usually answer at /ipp/print on port 631.`,
    { httpStatus },
  );
}
