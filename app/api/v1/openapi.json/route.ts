import { NextResponse } from 'next/server';
import { env } from '@/lib/config/env';
import { openApiDocument } from '@/lib/shop-api/openapi-document';

// GET /api/v1/openapi.json – the shop API's OpenAPI 3.1 document, generated from its zod schemas (public)
export async function GET(): Promise<Response> {
  return NextResponse.json(openApiDocument(env().APP_URL), { headers: { 'cache-control': 'public, max-age=300' } });
}
