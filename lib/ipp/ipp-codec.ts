import ipp from 'ipp';
import { FINISHING_ENUMS } from '@/lib/ipp/finishings';
import { sanitizeIppResponse } from '@/lib/ipp/sanitize-ipp-response';

/** An attribute group as the `ipp` package decodes it: one value is a scalar, several an array. */
export type TIppAttributes = Record<string, unknown>;

export type TIppRequestMessage = {
  operation: string;
  requestId: number;
  operationAttributes: TIppAttributes;
  jobAttributes?: TIppAttributes;
};

export type TIppResponse = {
  /** Numeric status-code (RFC 8011 §4.1.6); 0x0000-0x00FF are successes. */
  statusCode: number;
  /** Status keyword, e.g. `client-error-not-found`; `0x0nnn` when unregistered. */
  status: string;
  operationAttributes: TIppAttributes;
  printerAttributes: TIppAttributes;
  /** One entry per job group (Get-Jobs returns several). */
  jobs: TIppAttributes[];
  /** Attributes the printer ignored or substituted (status successful-ok-ignored-...). */
  unsupportedAttributes: TIppAttributes;
};

completeFinishingsTable();

/**
 * The `ipp` package's finishings table stops at 63, so it can neither encode nor name
 * punch (70-89) and fold (90-101) values. Both directions read the same shared
 * table, so it is completed once, without changing any entry the package defines.
 */
function completeFinishingsTable(): void {
  const table = ipp.enums.finishings;
  for (const [keyword, value] of Object.entries(FINISHING_ENUMS)) {
    if (table.lookup[value] !== undefined) continue;
    table.lookup[value] = keyword;
    table[keyword] = value;
  }
}

/**
 * Encodes the attribute part of a request with the `ipp` package. Document data is
 * sent after it separately, so a stream never has to be buffered.
 */
export function encodeIppRequest(message: TIppRequestMessage): Buffer {
  const ippMessage: Record<string, unknown> = {
    version: '2.0',
    operation: message.operation,
    id: message.requestId,
    'operation-attributes-tag': message.operationAttributes,
  };
  if (message.jobAttributes && Object.keys(message.jobAttributes).length > 0) {
    ippMessage['job-attributes-tag'] = message.jobAttributes;
  }
  try {
    return ipp.serialize(ippMessage);
  } catch (error) {
    // The package throws bare strings such as "Unknown attribute: foo".
    throw error instanceof Error ? error : new Error(`Cannot encode IPP ${message.operation}: ${String(error)}`);
  }
}

function groups(parsed: Record<string, unknown>, key: string): TIppAttributes[] {
  const value = parsed[key];
  if (Array.isArray(value)) return value as TIppAttributes[];
  return value && typeof value === 'object' ? [value as TIppAttributes] : [];
}

/**
 * Decodes a response body. It is sanitised first (see sanitizeIppResponse), so the
 * package's parser never meets a tag it would log about. Throws on bytes that are not IPP.
 */
export function decodeIppResponse(body: Buffer): TIppResponse {
  const parsed = ipp.parse(sanitizeIppResponse(body));
  const statusCode = body.readUInt16BE(2);
  return {
    statusCode,
    status: ipp.statusCodes.lookup[statusCode] ?? `0x${statusCode.toString(16).padStart(4, '0')}`,
    operationAttributes: groups(parsed, 'operation-attributes-tag')[0] ?? {},
    printerAttributes: groups(parsed, 'printer-attributes-tag')[0] ?? {},
    jobs: groups(parsed, 'job-attributes-tag'),
    unsupportedAttributes: groups(parsed, 'unsupported-attributes-tag')[0] ?? {},
  };
}
