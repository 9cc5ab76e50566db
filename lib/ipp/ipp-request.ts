import http from 'node:http';
import { isIP } from 'node:net';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { decodeIppResponse, encodeIppRequest, type TIppAttributes, type TIppResponse } from '@/lib/ipp/ipp-codec';
import { IppError } from '@/lib/ipp/ipp-error';
import { parsePrinterUri, type TPrinterUri } from '@/lib/ipp/parse-printer-uri';
import { resolvePrinterAddress, type TPrinterNetwork, type TResolvedAddress } from '@/lib/ipp/printer-address-policy';
import { httpStatusError, ippStatusError, toIppError } from '@/lib/ipp/to-ipp-error';

export const DEFAULT_TIMEOUT_MS = 5_000;
/** requesting-user-name when the caller does not name one; printers show it as the job's owner. */
export const DEFAULT_USER_NAME = 'nearprint';
/** Print-Job and Send-Document carry the document, which a slow printer takes a while to read. */
export const DOCUMENT_TIMEOUT_MS = 120_000;
/** A Get-Printer-Attributes answer is a few hundred KiB at most; anything bigger is not a printer. */
const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export type TIppCallOptions = {
  /** Give up after this many milliseconds (default 5 s; 120 s for calls that send a document). */
  timeoutMs?: number;
  /** HTTP Basic credentials, for printers that require authentication. */
  auth?: { username: string; password: string };
  /**
   * ipps:// only: require a certificate from a trusted CA. Off by default because
   * printers ship self-signed certificates (CUPS trusts them on first use).
   */
  verifyCertificate?: boolean;
  /**
   * Who is connecting: `cloud` (the default) passes the printer address policy, so only public
   * addresses on printer ports are reached; `shop-network` is the shop agent on the printer's
   * own network, and the dev tools.
   */
  network?: TPrinterNetwork;
};

export type TIppRequest = {
  uri: string;
  /** Operation name as the `ipp` package spells it, e.g. `Get-Printer-Attributes`. */
  operation: string;
  /** Operation attributes after attributes-charset, attributes-natural-language and printer-uri. */
  operationAttributes?: TIppAttributes;
  jobAttributes?: TIppAttributes;
  /** Document data sent after the attributes; a stream is consumed, and destroyed on failure. */
  data?: Buffer | Readable;
};

let lastRequestId = 0;

function nextRequestId(): number {
  lastRequestId = (lastRequestId % 0x7fffffff) + 1;
  return lastRequestId;
}

/**
 * Sends one IPP request over HTTP(S) and returns the decoded response. Any failure,
 * including an IPP error status, is thrown as an IppError. Each request opens its own
 * connection (no keep-alive), so a printer that restarts never leaves a dead socket
 * in a pool. The host is resolved once, checked by the printer address policy (unless on
 * the shop's own network), and the connection goes to exactly that address.
 */
export async function ippRequest(request: TIppRequest, options: TIppCallOptions = {}): Promise<TIppResponse> {
  const target = parsePrinterUri(request.uri);
  const connectTo = await resolveTarget(target, options.network ?? 'cloud', request.data);
  const header = encodeIppRequest({
    operation: request.operation,
    requestId: nextRequestId(),
    operationAttributes: {
      'attributes-charset': 'utf-8',
      'attributes-natural-language': 'en',
      'printer-uri': target.uri,
      ...request.operationAttributes,
    },
    jobAttributes: request.jobAttributes,
  });
  const body = await post(target, connectTo, header, request.data, options);

  let response: TIppResponse;
  try {
    response = decodeIppResponse(body);
  } catch (error) {
    throw new IppError('not_ipp', `Something answered at ${target.address}, but its answer is not IPP. Check the printer address.`, { cause: error });
  }
  if (response.statusCode >= 0x0100) {
    const statusMessage = response.operationAttributes['status-message'];
    throw ippStatusError(response.status, target, {
      statusMessage: typeof statusMessage === 'string' ? statusMessage : undefined,
      unsupportedAttributes: Object.keys(response.unsupportedAttributes),
    });
  }
  return response;
}

/** The one address this request connects to; a refused or unresolvable host destroys the caller's stream. */
async function resolveTarget(target: TPrinterUri, network: TPrinterNetwork, data: TIppRequest['data']): Promise<TResolvedAddress | null> {
  if (network === 'shop-network') return null;
  try {
    return await resolvePrinterAddress(target);
  } catch (error) {
    if (data && !Buffer.isBuffer(data)) data.destroy();
    throw toIppError(error, target);
  }
}

function post(target: TPrinterUri, connectTo: TResolvedAddress | null, header: Buffer, data: Buffer | Readable | undefined, options: TIppCallOptions): Promise<Buffer> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    let isSettled = false;

    const hostInUri = target.host.includes(':') ? `[${target.host}]` : target.host;
    const headers: Record<string, string> = { Host: `${hostInUri}:${target.port}`, 'Content-Type': 'application/ipp', Accept: 'application/ipp' };
    if (!data || Buffer.isBuffer(data)) headers['Content-Length'] = String(header.length + (data?.length ?? 0));
    if (options.auth) {
      const token = Buffer.from(`${options.auth.username}:${options.auth.password}`).toString('base64');
      headers.Authorization = `Basic ${token}`;
    }

    const request = (target.scheme === 'ipps' ? https : http).request(
      {
        // The address the policy checked, never resolved again; the Host header and the TLS
        // server name keep the name the shop typed.
        host: connectTo?.address ?? target.host,
        family: connectTo?.family,
        ...(connectTo && !isIP(target.host) ? { servername: target.host } : {}),
        port: target.port,
        path: target.path,
        method: 'POST',
        headers,
        agent: false,
        rejectUnauthorized: options.verifyCertificate ?? false,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status !== 200) {
          response.resume();
          finish(httpStatusError(status, target));
          return;
        }
        if (!/^application\/ipp\b/i.test(response.headers['content-type'] ?? '')) {
          response.resume();
          finish(new IppError('not_ipp', `A web server answered at ${target.address}${target.path}, not a printer. Check the port and path (IPP printers usually answer at /ipp/print on port 631).`));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) {
            finish(new IppError('not_ipp', `The answer from ${target.address} is far too large for a printer.`));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => finish(undefined, Buffer.concat(chunks)));
        response.on('error', (error) => finish(error));
      },
    );

    /** Errors of the caller's own data stream are passed on as they are: they are not the printer's. */
    function finish(error: unknown, body?: Buffer, isDataError = false): void {
      if (isSettled) return;
      isSettled = true;
      clearTimeout(timer);
      request.destroy();
      if (error === undefined && body) {
        resolve(body);
        return;
      }
      if (data && !Buffer.isBuffer(data)) data.destroy();
      reject(isDataError ? error : toIppError(error, target));
    }

    const onTimeout = () => {
      finish(new IppError('timeout', `The printer at ${target.address} did not answer within ${Math.round(timeoutMs / 100) / 10} s. It may be busy, asleep or stuck; try again.`));
    };
    let timer = setTimeout(onTimeout, timeoutMs);
    request.on('error', (error) => finish(error));

    request.write(header);
    if (!data || Buffer.isBuffer(data)) {
      request.end(data);
      return;
    }
    // A document stream that already failed would never end the request: fail now, as its own error.
    if (data.destroyed) {
      finish(data.errored ?? new Error('The document stream was closed before the upload.'), undefined, true);
      return;
    }
    data.on('error', (error) => finish(error, undefined, true));
    // A streamed document (a raster rendered as it is sent) may take minutes in all: the limit is
    // on a stall, measured from the last chunk that moved, not on the whole upload.
    data.on('data', () => {
      if (isSettled) return;
      clearTimeout(timer);
      timer = setTimeout(onTimeout, timeoutMs);
    });
    data.pipe(request);
  });
}
