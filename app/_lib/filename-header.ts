import { AppError } from '@/lib/errors/app-error';

/**
 * The upload's name from its `X-Filename` header, which the upload form percent-encodes
 * (encodeURIComponent). Missing → "document"; badly encoded (`%E0%A4%A`, `%zz`) → 400, never
 * a URIError and a 500. What the name may contain is sanitised where documents are stored.
 */
export function filenameFromHeader(header: string | null): string {
  if (!header) return 'document';
  try {
    return decodeURIComponent(header);
  } catch {
    throw new AppError('bad_request', 'The file name in X-Filename is not valid percent-encoded UTF-8.', { fieldErrors: { file: ['Invalid file name'] } });
  }
}
