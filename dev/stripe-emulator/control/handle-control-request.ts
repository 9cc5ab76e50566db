import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, invalidRequest } from '../http/api-error';
import { decodeForm, FormDecodeError } from '../http/decode-form';
import { readBody } from '../http/read-body';
import type { Router } from '../http/router';
import type { TControlDeps, TControlRoute } from './control-routes';

/**
 * Serves `/_emulator/…`: JSON or form bodies in, JSON out, failures in Stripe's error
 * shape so tests can treat them like API errors.
 */
export async function handleControlRequest(request: IncomingMessage, response: ServerResponse, url: URL, router: Router<TControlRoute['handler']>, deps: TControlDeps): Promise<void> {
  let status = 200;
  let result: unknown;
  try {
    const match = router.match(request.method ?? 'GET', url.pathname);
    if (match.kind !== 'found') throw new ApiError(404, 'invalid_request_error', `Unknown emulator control endpoint: ${request.method} ${url.pathname}`);
    const text = request.method === 'POST' ? await readBody(request) : '';
    result = match.handler({ params: match.params, body: parseBody(text, request.headers['content-type']), query: url.searchParams }, deps);
  } catch (error) {
    const apiError = error instanceof ApiError ? error : new ApiError(500, 'api_error', String(error));
    if (!(error instanceof ApiError)) console.error('[stripe-emulator] control endpoint failed:', error);
    status = apiError.status;
    result = apiError.toBody();
  } finally {
    if (request.method !== 'GET') deps.ctx.store.changed();
  }
  response.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  response.end(`${JSON.stringify(result, null, 2)}\n`);
}

function parseBody(text: string, contentType: string | undefined): Record<string, unknown> {
  if (!text.trim()) return {};
  try {
    if (contentType?.includes('application/json')) {
      const parsed: unknown = JSON.parse(text);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalidRequest('The body must be a JSON object.');
      return parsed as Record<string, unknown>;
    }
    return decodeForm(text);
  } catch (error) {
    if (error instanceof SyntaxError || error instanceof FormDecodeError) throw invalidRequest(`Invalid request body: ${error.message}`);
    throw error;
  }
}
