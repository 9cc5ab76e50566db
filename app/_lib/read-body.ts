import { ByteLimitedReader } from '@/lib/documents/byte-limited-stream';
import { AppError } from '@/lib/errors/app-error';

/**
 * A small request body, whole, read with the limit counted as bytes arrive: a declared
 * Content-Length over it is refused before reading, a chunked body the moment it passes it
 * (413), so a flood never grows the process by more than the limit per request.
 */
export async function readBodyUpTo(request: Request, maxBytes: number): Promise<Buffer> {
  const tooLarge = () => new AppError('payload_too_large', `The request body is larger than ${Math.round(maxBytes / 1024)} KB.`);
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw tooLarge();
  if (!request.body) return Buffer.alloc(0);
  const reader = new ByteLimitedReader(request.body, maxBytes, tooLarge);
  const chunks: Uint8Array[] = [];
  for (let chunk = await reader.read(); chunk; chunk = await reader.read()) chunks.push(chunk);
  return Buffer.concat(chunks);
}
