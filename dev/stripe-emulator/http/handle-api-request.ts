import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TEmulatorContext, TRequestOrigin } from '../emulator-context';
import type { TIdempotencyRecord } from '../state/emulator-store';
import { generateId } from '../state/generate-id';
import { ApiError, invalidRequest } from './api-error';
import { checkApiKey } from './check-api-key';
import { decodeForm, FormDecodeError, type TFormObject } from './decode-form';
import type { FaultSwitch } from './fault-switch';
import { readBody } from './read-body';
import type { Router, THttpMethod } from './router';

export type TApiRequest = {
  /** Path parameters (`:id`). */
  params: Record<string, string>;
  /** Decoded form body for POST, decoded query string for GET. */
  body: TFormObject;
  origin: TRequestOrigin;
};

export type TApiHandler = (request: TApiRequest, ctx: TEmulatorContext) => unknown;

export type TApiRoute = { method: THttpMethod; path: string; handler: TApiHandler };

const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

/**
 * Serves one `/v1/…` request with Stripe's semantics around the handler: API key check,
 * form decoding, idempotency (same key + same params → stored response replayed with
 * `Idempotent-Replayed: true`; same key + other params or endpoint → `idempotency_error`),
 * and errors as `{ error: { type, code, message, param } }` with Stripe's statuses.
 * Handlers run synchronously, so two requests with one key can never interleave.
 * An armed fault (`faults`) spoils the answer before or after the work is done.
 */
export async function handleApiRequest(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  router: Router<TApiHandler>,
  ctx: TEmulatorContext,
  expectedApiKey: string | undefined,
  faults?: FaultSwitch,
): Promise<void> {
  const requestId = generateId('req_', 14);
  const headers: Record<string, string> = {
    'Request-Id': requestId,
    'Stripe-Version': headerValue(request, 'stripe-version') ?? ctx.apiVersion,
  };
  const idempotencyKey = request.method === 'POST' ? headerValue(request, 'idempotency-key') : undefined;
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  let idempotencyScope: string | undefined;
  let paramsDigest = '';

  const fault = faults?.take(request.method ?? 'GET', url.pathname) ?? null;
  const spoil = () => {
    if (fault?.action === 'reset') {
      response.destroy();
      return;
    }
    response.writeHead(500, { 'Content-Type': 'application/json', ...headers });
    response.end(`${JSON.stringify({ error: { type: 'api_error', message: 'An unknown error occurred (a fault armed in the Stripe emulator).' } }, null, 2)}\n`);
  };
  if (fault?.when === 'before') return spoil();

  const send = (status: number, body: string, extraHeaders: Record<string, string> = {}) => {
    if (fault) return spoil();
    response.writeHead(status, {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-cache, no-store',
      ...headers,
      ...extraHeaders,
    });
    response.end(body);
  };

  try {
    const apiKey = checkApiKey(headerValue(request, 'authorization'), expectedApiKey);
    if (headerValue(request, 'stripe-account')) {
      throw invalidRequest('The Stripe emulator does not implement requests made on behalf of connected accounts (Stripe-Account header).');
    }
    const match = router.match(request.method ?? 'GET', url.pathname);
    if (match.kind !== 'found') {
      throw new ApiError(
        404,
        'invalid_request_error',
        `Unrecognized request URL (${request.method}: ${url.pathname}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
      );
    }
    const body = decodeRequest(request.method === 'POST' ? await readBody(request) : url.searchParams);

    if (idempotencyKey) {
      if (idempotencyKey.length > 255) {
        throw invalidRequest('Idempotency keys may be at most 255 characters long.', { param: 'Idempotency-Key' });
      }
      idempotencyScope = createHash('sha256').update(`${apiKey}\n${idempotencyKey}`).digest('hex');
      paramsDigest = createHash('sha256').update(canonicalJson(body)).digest('hex');
      const stored = findStoredResponse(ctx, idempotencyScope);
      if (stored) {
        const endpoint = `${request.method} ${url.pathname}`;
        if (`${stored.method} ${stored.path}` !== endpoint) {
          throw idempotencyError(
            `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${stored.method} ${stored.path}' vs '${endpoint}'). Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
          );
        }
        if (stored.paramsDigest !== paramsDigest) {
          throw idempotencyError(
            `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
          );
        }
        send(stored.status, stored.body, { 'Idempotent-Replayed': 'true', 'Original-Request': stored.requestId });
        return;
      }
    }

    const origin: TRequestOrigin = { id: requestId, idempotency_key: idempotencyKey ?? null };
    const result = match.handler({ params: match.params, body, origin }, ctx);
    const text = `${JSON.stringify(result, null, 2)}\n`;
    remember(ctx, idempotencyScope, { method: request.method!, path: url.pathname, paramsDigest, requestId, status: 200, body: text });
    send(200, text);
  } catch (error) {
    const apiError = toApiError(error);
    const text = `${JSON.stringify(apiError.toBody(), null, 2)}\n`;
    const isStored = !apiError.isValidation && apiError.status !== 401 && apiError.status < 500 && apiError.type !== 'idempotency_error';
    if (isStored) {
      remember(ctx, idempotencyScope, { method: request.method!, path: url.pathname, paramsDigest, requestId, status: apiError.status, body: text });
    }
    send(apiError.status, text, apiError.type === 'idempotency_error' ? { 'Stripe-Should-Retry': 'false' } : {});
  } finally {
    if (request.method !== 'GET') ctx.store.changed();
  }
}

function decodeRequest(input: string | URLSearchParams): TFormObject {
  try {
    return decodeForm(input);
  } catch (error) {
    if (error instanceof FormDecodeError) throw invalidRequest(error.message);
    throw error;
  }
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  console.error('[stripe-emulator] unexpected error:', error);
  return new ApiError(500, 'api_error', 'An unknown error occurred in the Stripe emulator; see its log.');
}

function idempotencyError(message: string): ApiError {
  return new ApiError(400, 'idempotency_error', message);
}

function findStoredResponse(ctx: TEmulatorContext, scope: string) {
  const stored = ctx.store.state.idempotency[scope];
  if (!stored) return undefined;
  if (stored.createdAt + IDEMPOTENCY_TTL_SECONDS < Date.now() / 1000) {
    delete ctx.store.state.idempotency[scope];
    return undefined;
  }
  return stored;
}

function remember(ctx: TEmulatorContext, scope: string | undefined, record: Omit<TIdempotencyRecord, 'createdAt'>) {
  if (!scope) return;
  ctx.store.state.idempotency[scope] = { ...record, createdAt: Math.floor(Date.now() / 1000) };
}

/** JSON with sorted keys, so `a=1&b=2` and `b=2&a=1` count as the same parameters. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
