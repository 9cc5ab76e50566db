import type { IncomingMessage } from 'node:http';
import { ApiError } from './api-error';

const MAX_BODY_BYTES = 1024 * 1024;

/** Reads a request body as text, refusing anything larger than any Stripe request. */
export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, 'invalid_request_error', 'Request body too large.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
