import { csvFilename } from '@/lib/admin/csv-export';

/** A CSV download: streamed as it is read, never cached, saved under a dated name. */
export function csvResponse(what: string, body: ReadableStream<Uint8Array>): Response {
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${csvFilename(what)}"`,
      'cache-control': 'no-store',
    },
  });
}
