import ipp from 'ipp';
import { decodeIppResponse, type TIppAttributes } from '@/lib/ipp/ipp-codec';
import { jobStateKeyword, type TJobState } from '@/lib/ipp/ipp-job';
import { getEnums, getInteger, getString } from '@/lib/ipp/ipp-values';

const END_OF_ATTRIBUTES = 0x03;
const JOB_ATTRIBUTES_TAG = 0x02;

/** One attribute group as it was on the wire, its delimiter tag included. */
export type TIppGroupBytes = { tag: number; bytes: Buffer };

/**
 * An IPP message cut along its byte layout (RFC 8010 §3.1) without decoding values,
 * so whatever is kept is passed on exactly as the sender wrote it.
 */
export type TIppMessageParts = {
  /** version-number (2 bytes), operation-id or status-code (2), request-id (4). */
  header: Buffer;
  groups: TIppGroupBytes[];
  /** Everything after end-of-attributes-tag: the document of Print-Job and Send-Document. */
  data: Buffer;
  /** Bytes up to and including end-of-attributes-tag. */
  attributesLength: number;
};

/**
 * Splits an IPP message into header, groups and data. Returns null while `buffer`
 * ends before end-of-attributes-tag, so a proxy can call it on a growing buffer to
 * find where a request's attributes end and its document starts.
 */
export function splitIppMessage(buffer: Buffer): TIppMessageParts | null {
  if (buffer.length < 9) return null;
  const groups: TIppGroupBytes[] = [];
  let groupStart = -1;
  let position = 8;
  const closeGroup = (end: number) => {
    if (groupStart >= 0) groups.push({ tag: buffer[groupStart], bytes: buffer.subarray(groupStart, end) });
  };
  for (;;) {
    if (position >= buffer.length) return null;
    const tag = buffer[position];
    if (tag === END_OF_ATTRIBUTES) {
      closeGroup(position);
      return { header: buffer.subarray(0, 8), groups, data: buffer.subarray(position + 1), attributesLength: position + 1 };
    }
    if (tag < 0x10) {
      closeGroup(position);
      groupStart = position;
      position += 1;
      continue;
    }
    if (groupStart < 0) throw new Error('IPP attribute outside a group');
    // value-tag (1), name-length (2), name, value-length (2), value: the same for every tag, collections included.
    if (position + 3 > buffer.length) return null;
    const valueLengthAt = position + 3 + buffer.readUInt16BE(position + 1);
    if (valueLengthAt + 2 > buffer.length) return null;
    position = valueLengthAt + 2 + buffer.readUInt16BE(valueLengthAt);
  }
}

/** The message again, from (possibly fewer) parts. */
export function joinIppMessage(parts: Pick<TIppMessageParts, 'header' | 'groups' | 'data'>): Buffer {
  return Buffer.concat([parts.header, ...parts.groups.map((group) => group.bytes), Buffer.from([END_OF_ATTRIBUTES]), parts.data]);
}

/** Decodes some groups with the project's codec (the `ipp` package behind a sanitiser). */
function decodeGroups(header: Buffer, groups: TIppGroupBytes[]) {
  return decodeIppResponse(joinIppMessage({ header, groups, data: Buffer.alloc(0) }));
}

export type TIppRequestSummary = {
  /** Operation name as the `ipp` package spells it (`Print-Job`), or `0x00nn` when unknown. */
  operation: string;
  requestId: number;
  /** The `ipp` version bytes, e.g. 0x0200 for 2.0: an answer made up for this request uses the same. */
  version: number;
  jobName: string | null;
  jobId: number | null;
  operationAttributes: TIppAttributes;
};

/** What a fault proxy needs to know about a request, read from its attribute groups. */
export function summarizeRequest(parts: TIppMessageParts): TIppRequestSummary {
  const operationId = parts.header.readUInt16BE(2);
  // The codec decodes responses; for a request the status-code position holds the operation-id, which is ignored here.
  const { operationAttributes } = decodeGroups(parts.header, parts.groups);
  return {
    operation: ipp.enums['operations-supported'].lookup[operationId] ?? `0x${operationId.toString(16).padStart(4, '0')}`,
    requestId: parts.header.readUInt32BE(4),
    version: parts.header.readUInt16BE(0),
    jobName: getString(operationAttributes, 'job-name'),
    jobId: getInteger(operationAttributes, 'job-id'),
    operationAttributes,
  };
}

export type TIppJobGroup = {
  group: TIppGroupBytes;
  jobId: number | null;
  jobName: string | null;
  /** Null when the response does not carry job-state (the client did not ask for it). */
  state: TJobState | null;
};

/** Each job-attributes group of a response (one per job in Get-Jobs), decoded with the codec. */
export function jobGroupsOf(parts: TIppMessageParts): TIppJobGroup[] {
  return parts.groups
    .filter((group) => group.tag === JOB_ATTRIBUTES_TAG)
    .map((group) => {
      const attributes = decodeGroups(parts.header, [group]).jobs[0] ?? {};
      const state = getEnums(attributes, 'job-state')[0];
      return { group, jobId: getInteger(attributes, 'job-id'), jobName: getString(attributes, 'job-name'), state: state === undefined ? null : jobStateKeyword(state) };
    });
}

/** A complete error response made with the `ipp` package, as a printer would send it. */
export function encodeErrorResponse(request: Pick<TIppRequestSummary, 'requestId' | 'version'>, status: string, statusMessage: string): Buffer {
  const body: Buffer = ipp.serialize({
    statusCode: status,
    id: request.requestId,
    'operation-attributes-tag': { 'attributes-charset': 'utf-8', 'attributes-natural-language': 'en', 'status-message': statusMessage },
  });
  // The package always writes version 2.0; answer in the version the client spoke.
  body.writeUInt16BE(request.version, 0);
  return body;
}
