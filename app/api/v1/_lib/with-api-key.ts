import 'server-only';
import { NextResponse } from 'next/server';
import type { z } from 'zod';
import { checkedRouteParams, errorResponse, parseOrThrow } from '@/app/_lib/http';
import { readBodyUpTo } from '@/app/_lib/read-body';
import type { TApiKeyScope } from '@/db/schema';
import { authenticateApiKey, consumeApiRate, type TApiKeyIdentity } from '@/lib/api-keys/api-keys';
import { shopApiSettings } from '@/lib/config/shop-api-settings';
import { AppError } from '@/lib/errors/app-error';

type TRouteContext = { params: Promise<Record<string, string | string[]>> };
type TApiHandler = (request: Request, context: { key: TApiKeyIdentity; params: Record<string, string> }) => Promise<unknown>;

/** The largest JSON body the API reads (a reject note, a pickup code). */
const MAX_BODY_BYTES = 8 * 1024;

/**
 * Wraps a shop API route: ids in the path are checked first (a malformed one is a 404), then the
 * key from `Authorization: Bearer` must belong to the shop in the path and have the scope the
 * route needs (lib/api-keys/api-keys.ts says which refusal is which), then the request counts
 * against the key's rate limit. The handler's result is sent as JSON; thrown errors are mapped
 * as everywhere else. No session cookies are looked at: an API request is its key.
 */
export function withApiKey(needs: TApiKeyScope, handler: TApiHandler) {
  return async (request: Request, context: TRouteContext): Promise<Response> => {
    try {
      const params = await checkedRouteParams(context.params);
      const key = await authenticateApiKey(request.headers.get('authorization'), { shopId: params.shopId ?? '', needs });
      await consumeApiRate(key.keyId, shopApiSettings().rateLimitPerMinute);
      return NextResponse.json(await handler(request, { key, params }), { headers: { 'cache-control': 'no-store' } });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** The JSON body, checked with the route's schema (an empty or non-JSON body is a 400). */
export async function jsonBody<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  const text = (await readBodyUpTo(request, MAX_BODY_BYTES)).toString('utf8');
  let value: unknown;
  try {
    value = text ? JSON.parse(text) : {};
  } catch {
    throw new AppError('bad_request', 'The request body is not JSON.');
  }
  return parseOrThrow(schema, value);
}

/** Query parameters, checked with the route's schema. */
export function queryOf<T>(request: Request, schema: z.ZodType<T>): T {
  return parseOrThrow(schema, Object.fromEntries(new URL(request.url).searchParams));
}
