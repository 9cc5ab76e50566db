/**
 * An IPP fault proxy: a real HTTP server on loopback in front of a real printer
 * (usually a dev ippeveprinter), for tests of what happens when the network between
 * Nearprint and a printer is ambiguous. Point the code under test at `proxy.uri`
 * instead of `printer.uri`; with no fault set it forwards every IPP request and
 * response byte for byte (only the HTTP framing is its own: one upstream connection
 * per request, Host rewritten to the printer's). It reads just enough of each message
 * with the project's codec (operation, job-name, job-id; job-id and job-state) to act.
 *
 *   const printer = await startPrinter(colorDuplexPdfPrinter({ name: 'P', spoolDir }));
 *   const proxy = await startFaultProxy({ target: printer }); // or { target: printer.uri }, see TProxiedPrinter
 *   proxy.setFaults({ resetUploadAfterBytes: 1024 });          // next upload cut after 1 KiB
 *   proxy.setFaults({ dropResponseOf: { operation: 'Print-Job', times: 2 } });
 *   proxy.setFaults({ onUploadForwarded: () => printer.pause() }); // printer hangs once it has the data
 *   proxy.setFaults({ forgetCompletedJobs: 'attributes' });    // finished jobs: not-found, still in Get-Jobs
 *   proxy.stats.requests['Get-Jobs'];  proxy.stats.documentsForwarded;
 *   proxy.clearFaults();  await proxy.stop();
 *
 * Limits: job-uri and printer-uri-supported in answers still name the printer itself
 * (Nearprint addresses jobs by printer-uri + job-id, so it never follows them); only
 * Get-Job-Attributes and Get-Jobs are rewritten by forgetCompletedJobs. Dev only.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ippRequest } from '@/lib/ipp/ipp-request';
import { parsePrinterUri } from '@/lib/ipp/parse-printer-uri';
import { jobStateKeyword, TERMINAL_JOB_STATES, type TJobState } from '@/lib/ipp/ipp-job';
import { getEnums } from '@/lib/ipp/ipp-values';
import type { TPrinterHandle } from './start-printer';
import { encodeErrorResponse, jobGroupsOf, joinIppMessage, splitIppMessage, summarizeRequest, type TIppMessageParts, type TIppRequestSummary } from './ipp-message-parts';

export type TDocumentOperation = 'Print-Job' | 'Send-Document';
export type TDroppableOperation = TDocumentOperation | 'Create-Job';

/** What onUploadForwarded is told about the upload the printer has just been given. */
export type TForwardedUpload = {
  operation: TDocumentOperation;
  /** job-name of a Print-Job (Nearprint's own job id); null for Send-Document. */
  jobName: string | null;
  /** job-id of a Send-Document; null for Print-Job (the printer has not said it yet). */
  jobId: number | null;
  /** Document bytes forwarded (after the attributes). */
  documentBytes: number;
};

/**
 * Faults to apply; `setFaults` changes only the keys given, and `null` switches one
 * off. A number or a bare operation means once; `times` counts the next k matching
 * requests (Infinity: until switched off).
 */
export type TFaultProxyFaults = {
  /**
   * Next Print-Job/Send-Document: forward its attributes and `bytes` bytes of its
   * document (always at least one byte fewer than the whole document), then close the
   * printer's connection and reset the client's. The client gets ECONNRESET; the
   * printer sees an upload cut short.
   */
  resetUploadAfterBytes?: number | { bytes: number; times: number } | null;
  /**
   * Forward the whole request, wait for the printer's whole answer, then reset the
   * client's connection instead of answering: the printer has the job, the client
   * cannot know.
   */
  dropResponseOf?: TDroppableOperation | { operation: TDroppableOperation; times: number } | null;
  /**
   * Awaited after the whole document of a Print-Job/Send-Document has been handed to
   * the printer's connection and before its answer is relayed; e.g. `() =>
   * printer.pause()` for a printer that hangs once it has the data (start the proxy
   * with `target: printer` so an answer sent just before the pause is held too).
   * Stays set until switched off.
   */
  onUploadForwarded?: ((upload: TForwardedUpload) => void | Promise<void>) | null;
  /**
   * A printer that forgets finished (completed, canceled, aborted) jobs at once.
   * 'attributes': Get-Job-Attributes of such a job answers client-error-not-found,
   * while Get-Jobs still lists it among the completed jobs (job history).
   * 'everything': Get-Jobs leaves such jobs out too.
   */
  forgetCompletedJobs?: 'attributes' | 'everything' | null;
};

export type TUploadOutcome = 'forwarded' | 'reset' | 'response-dropped' | 'client-gone' | 'printer-gone';

/** One Print-Job or Send-Document as the proxy saw it. */
export type TUploadRecord = {
  operation: TDocumentOperation;
  jobName: string | null;
  /** Send-Document: the job it belongs to; Print-Job: the job the printer answered with, if it did. */
  jobId: number | null;
  /** Document bytes that reached the printer's connection. */
  documentBytesForwarded: number;
  /** The client sent it with chunked transfer encoding and no Content-Length: streamed, its size unknown up front. */
  isChunked: boolean;
  outcome: TUploadOutcome;
};

export type TFaultProxyStats = {
  /** Requests received from clients, by operation name: `{ 'Print-Job': 1, 'Get-Jobs': 4 }`. */
  requests: Record<string, number>;
  /** Print-Job/Send-Document requests whose whole document was forwarded to the printer. */
  documentsForwarded: number;
  /** Uploads cut by resetUploadAfterBytes. */
  uploadsReset: number;
  /** Printer answers withheld by dropResponseOf. */
  responsesDropped: number;
  /** Finished jobs hidden by forgetCompletedJobs (each not-found answer, each job left out of a Get-Jobs answer). */
  jobsHidden: number;
  uploads: TUploadRecord[];
};

export type TFaultProxy = {
  /** ipp://127.0.0.1:port/<the printer's path>: use it wherever the printer's URI would go. */
  uri: string;
  port: number;
  setFaults(faults: TFaultProxyFaults): void;
  clearFaults(): void;
  /** A copy of the counters so far. */
  readonly stats: TFaultProxyStats;
  /** Closes the server and every connection through it. */
  stop(): Promise<void>;
};

/**
 * A dev printer handle (startPrinter). Given one instead of a URI, the proxy relays no
 * answer while the printer is paused, even one the printer sent just before: so a
 * test that pauses the printer (in onUploadForwarded, say) reliably leaves the
 * client without an answer, as a printer that hung after reading the data would.
 */
export type TProxiedPrinter = Pick<TPrinterHandle, 'uri' | 'whenRunning'>;

type TCounted<T> = { value: T; remaining: number };

type TResponse = { statusCode: number; headers: http.IncomingHttpHeaders; body: Buffer };

const DOCUMENT_OPERATIONS: readonly string[] = ['Print-Job', 'Send-Document'];
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'expect', 'host', 'proxy-connection', 'te', 'trailer', 'upgrade']);
/** The proxy's own look-ups at the printer (job states for forgetCompletedJobs). */
const LOOKUP_TIMEOUT_MS = 5_000;
const LOOKUP_USER = 'nearprint-fault-proxy';

function forwardableHeaders(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name) && name !== 'content-length'));
}

/** Resolves once `chunk` has been handed to the socket (or rejects with the socket's error). */
function write(stream: http.ClientRequest, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => stream.write(chunk, (error) => (error ? reject(error) : resolve())));
}

function end(stream: http.ClientRequest): Promise<void> {
  return new Promise((resolve) => stream.end(resolve));
}

/** RST rather than FIN, so the client sees ECONNRESET as from a dropped network, not a polite close. */
function resetClient(socket: Socket): void {
  if (socket.destroyed) return;
  socket.resetAndDestroy();
}

function collectResponse(upstream: http.ClientRequest): Promise<TResponse> {
  return new Promise((resolve, reject) => {
    upstream.once('error', reject);
    upstream.once('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('end', () => resolve({ statusCode: response.statusCode ?? 502, headers: response.headers, body: Buffer.concat(chunks) }));
      response.once('error', reject);
    });
  });
}

function isTerminal(state: TJobState | null): boolean {
  return state !== null && TERMINAL_JOB_STATES.includes(state);
}

/** A one-shot value (`times` absent) or the next `times` uses of it. */
function countdown<T>(value: T, times = 1): TCounted<T> | null {
  return times > 0 ? { value, remaining: times } : null;
}

/**
 * Starts a fault proxy in front of the IPP printer at `target` (any ipp:// URI) on
 * 127.0.0.1, on `port` or a free one.
 */
export async function startFaultProxy(options: { target: string | TProxiedPrinter; port?: number }): Promise<TFaultProxy> {
  const printer = typeof options.target === 'string' ? null : options.target;
  const target = parsePrinterUri(typeof options.target === 'string' ? options.target : options.target.uri);
  if (target.scheme !== 'ipp') throw new Error(`The fault proxy speaks plain IPP only, not ${target.scheme}://.`);

  let resetUpload: TCounted<number> | null = null;
  let dropResponse: TCounted<TDroppableOperation> | null = null;
  let onUploadForwarded: TFaultProxyFaults['onUploadForwarded'] = null;
  let forgetCompleted: TFaultProxyFaults['forgetCompletedJobs'] = null;
  const stats: TFaultProxyStats = { requests: {}, documentsForwarded: 0, uploadsReset: 0, responsesDropped: 0, jobsHidden: 0, uploads: [] };
  const clientSockets = new Set<Socket>();
  const upstreams = new Set<http.ClientRequest>();

  /** Takes one use of a counted fault if `matches`; faults are decided once a request's attributes are read. */
  function take<T>(fault: TCounted<T> | null, matches: boolean): T | null {
    if (!fault || !matches || fault.remaining <= 0) return null;
    fault.remaining -= 1;
    return fault.value;
  }

  function openUpstream(req: http.IncomingMessage): http.ClientRequest {
    const headers = forwardableHeaders(req.headers);
    // Keep a Content-Length the client sent: a printer then knows an upload was cut short even without chunked framing.
    if (req.headers['content-length']) headers['content-length'] = req.headers['content-length'];
    const upstream = http.request({
      host: target.host,
      port: target.port,
      path: req.url ?? target.path,
      method: req.method,
      headers: { ...headers, host: `${target.host}:${target.port}` },
      agent: false,
    });
    upstreams.add(upstream);
    upstream.once('close', () => upstreams.delete(upstream));
    return upstream;
  }

  /** The printer's own answer about one job's state, for answers that do not carry job-state. */
  async function stateOnPrinter(jobId: number): Promise<TJobState | null> {
    const response = await ippRequest(
      { uri: target.uri, operation: 'Get-Job-Attributes', operationAttributes: { 'job-id': jobId, 'requesting-user-name': LOOKUP_USER, 'requested-attributes': ['job-id', 'job-state'] } },
      { timeoutMs: LOOKUP_TIMEOUT_MS, network: 'shop-network' },
    );
    const state = response.jobs[0] ? getEnums(response.jobs[0], 'job-state')[0] : undefined;
    return state === undefined ? null : jobStateKeyword(state);
  }

  /** Ids of the jobs the printer lists as finished, for Get-Jobs answers that do not carry job-state. */
  async function finishedOnPrinter(): Promise<Set<number>> {
    const response = await ippRequest(
      { uri: target.uri, operation: 'Get-Jobs', operationAttributes: { 'which-jobs': 'completed', 'requesting-user-name': LOOKUP_USER, 'requested-attributes': ['job-id'] } },
      { timeoutMs: LOOKUP_TIMEOUT_MS, network: 'shop-network' },
    );
    return new Set(response.jobs.map((job) => job['job-id']).filter((id): id is number => typeof id === 'number'));
  }

  /** forgetCompletedJobs: the answer a printer that forgets finished jobs at once would give. */
  async function forget(request: TIppRequestSummary, body: Buffer): Promise<Buffer> {
    if (!forgetCompleted || (request.operation !== 'Get-Job-Attributes' && request.operation !== 'Get-Jobs')) return body;
    const parts = splitIppMessage(body);
    if (!parts || parts.header.readUInt16BE(2) >= 0x0100) return body;
    const jobs = jobGroupsOf(parts);

    if (request.operation === 'Get-Job-Attributes') {
      const jobId = jobs[0]?.jobId ?? request.jobId;
      if (!jobs[0] || jobId === null) return body;
      const state = jobs[0].state ?? (await stateOnPrinter(jobId));
      if (!isTerminal(state)) return body;
      stats.jobsHidden += 1;
      return encodeErrorResponse(request, 'client-error-not-found', `Job #${jobId} does not exist.`);
    }

    if (forgetCompleted !== 'everything') return body;
    // A group with neither job-state nor job-id cannot be told apart and is kept.
    const finished = jobs.some((job) => job.state === null && job.jobId !== null) ? await finishedOnPrinter() : new Set<number>();
    const hidden = new Set(jobs.filter((job) => isTerminal(job.state) || (job.state === null && job.jobId !== null && finished.has(job.jobId))).map((job) => job.group));
    if (hidden.size === 0) return body;
    stats.jobsHidden += hidden.size;
    return joinIppMessage({ ...parts, groups: parts.groups.filter((group) => !hidden.has(group)) });
  }

  function relay(res: http.ServerResponse, response: TResponse, body: Buffer): void {
    res.writeHead(response.statusCode, { ...forwardableHeaders(response.headers), 'content-length': body.length });
    res.end(body);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const socket = req.socket;
    const incoming = req[Symbol.asyncIterator]() as AsyncIterator<Buffer>;

    // Read until the attributes are complete: that is where the operation, and so the fault, is known.
    let buffered = Buffer.alloc(0);
    let parts: TIppMessageParts | null = null;
    let isRequestEnded = false;
    while (!parts) {
      const next = await incoming.next();
      if (next.done) {
        isRequestEnded = true;
        break;
      }
      buffered = Buffer.concat([buffered, next.value]);
      try {
        parts = splitIppMessage(buffered);
      } catch {
        break;
      }
    }

    let request: TIppRequestSummary | null = null;
    try {
      request = parts ? summarizeRequest(parts) : null;
    } catch {
      request = null;
    }
    const operation = request?.operation ?? 'unparsed';
    stats.requests[operation] = (stats.requests[operation] ?? 0) + 1;

    const isUpload = DOCUMENT_OPERATIONS.includes(operation);
    const cutAfter = take(resetUpload, isUpload);
    const dropOf = take(dropResponse, dropResponse?.value === operation);
    const upload: TUploadRecord | null = isUpload
      ? {
          operation: operation as TDocumentOperation,
          jobName: request?.jobName ?? null,
          jobId: request?.jobId ?? null,
          documentBytesForwarded: 0,
          isChunked: isChunkedRequest(req),
          outcome: 'forwarded',
        }
      : null;
    if (upload) stats.uploads.push(upload);

    const upstream = openUpstream(req);
    const response = collectResponse(upstream);
    response.catch(() => undefined);
    res.once('close', () => {
      // The client went away (its own timeout, or a reset above): so does its connection to the printer.
      if (!res.writableFinished) upstream.destroy();
    });

    // Document bytes received but not yet forwarded: held back only while cutting an upload short.
    let held = parts ? parts.data : Buffer.alloc(0);
    let received = held.length;
    const forwardDocument = async (isLast: boolean): Promise<boolean> => {
      if (!upload) return false;
      const limit = cutAfter === null ? received : Math.min(cutAfter, Math.max(0, received - 1));
      const count = Math.max(0, limit - upload.documentBytesForwarded);
      if (count > 0) {
        await write(upstream, held.subarray(0, count));
        upload.documentBytesForwarded += count;
        held = held.subarray(count);
      }
      return cutAfter !== null && (upload.documentBytesForwarded >= cutAfter || isLast);
    };

    try {
      await write(upstream, parts ? buffered.subarray(0, parts.attributesLength) : buffered);
      let isCut = upload ? await forwardDocument(isRequestEnded) : false;
      while (!isRequestEnded && !isCut) {
        const next = await incoming.next();
        if (next.done) {
          isRequestEnded = true;
          if (upload) isCut = await forwardDocument(true);
          break;
        }
        if (!upload) {
          await write(upstream, next.value);
          continue;
        }
        held = Buffer.concat([held, next.value]);
        received += next.value.length;
        isCut = await forwardDocument(false);
      }
      if (isCut && upload) {
        // FIN to the printer, so it reads the bytes it was given and then finds the upload cut short.
        upstream.destroy();
        resetClient(socket);
        upload.outcome = 'reset';
        stats.uploadsReset += 1;
        return;
      }
      await end(upstream);
    } catch {
      // The client or the printer dropped the connection mid-request; the printer's answer, if any, is still relayed.
      if (!res.writableEnded && socket.destroyed && upload) upload.outcome = 'client-gone';
    }

    if (upload && isRequestEnded && upload.outcome === 'forwarded') {
      stats.documentsForwarded += 1;
      await onUploadForwarded?.({ operation: upload.operation, jobName: upload.jobName, jobId: upload.jobId, documentBytes: upload.documentBytesForwarded });
    }

    let answer: TResponse;
    try {
      answer = await response;
      await printer?.whenRunning();
    } catch {
      if (upload && upload.outcome === 'forwarded') upload.outcome = socket.destroyed ? 'client-gone' : 'printer-gone';
      // Printer gone or connection dropped: the client's connection drops too.
      resetClient(socket);
      return;
    }
    const parsedAnswer = answer.statusCode === 200 ? safeSplit(answer.body) : null;
    if (upload && upload.operation === 'Print-Job' && parsedAnswer) upload.jobId = answeredJobId(parsedAnswer);

    if (dropOf !== null) {
      if (upload) upload.outcome = 'response-dropped';
      stats.responsesDropped += 1;
      resetClient(socket);
      return;
    }
    if (socket.destroyed) {
      if (upload) upload.outcome = 'client-gone';
      return;
    }
    const body = request && parsedAnswer ? await forget(request, answer.body).catch(() => answer.body) : answer.body;
    relay(res, answer, body);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => resetClient(req.socket));
  });
  server.on('connection', (socket) => {
    clientSockets.add(socket);
    socket.once('close', () => clientSockets.delete(socket));
    // A reset client must not crash the test run.
    socket.on('error', () => undefined);
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    uri: `ipp://127.0.0.1:${port}${target.path}`,
    port,
    setFaults(faults) {
      if ('resetUploadAfterBytes' in faults) {
        const fault = faults.resetUploadAfterBytes;
        resetUpload = fault === null || fault === undefined ? null : typeof fault === 'number' ? countdown(fault) : countdown(fault.bytes, fault.times);
      }
      if ('dropResponseOf' in faults) {
        const fault = faults.dropResponseOf;
        dropResponse = fault === null || fault === undefined ? null : typeof fault === 'string' ? countdown(fault) : countdown(fault.operation, fault.times);
      }
      if ('onUploadForwarded' in faults) onUploadForwarded = faults.onUploadForwarded ?? null;
      if ('forgetCompletedJobs' in faults) forgetCompleted = faults.forgetCompletedJobs ?? null;
    },
    clearFaults() {
      resetUpload = null;
      dropResponse = null;
      onUploadForwarded = null;
      forgetCompleted = null;
    },
    get stats() {
      return structuredClone(stats);
    },
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const upstream of upstreams) upstream.destroy();
      for (const socket of clientSockets) socket.destroy();
      await closed;
    },
  };
}

function answeredJobId(parts: TIppMessageParts): number | null {
  try {
    return jobGroupsOf(parts)[0]?.jobId ?? null;
  } catch {
    return null;
  }
}

function safeSplit(body: Buffer): TIppMessageParts | null {
  try {
    return splitIppMessage(body);
  } catch {
    return null;
  }
}

function isChunkedRequest(req: http.IncomingMessage): boolean {
  return /\bchunked\b/i.test(req.headers['transfer-encoding'] ?? '') && req.headers['content-length'] === undefined;
}
