/**
 * GET /api/shops/search without Next: the same validation (ZSearchShopsRequest), the same
 * lib/search/search-shops call and the same JSON, on node:http. The benchmark starts it as a
 * child process so the load generator and the server do not share an event loop. It stands
 * in for the Next route because that needs a `next build` of the shared checkout (a minute,
 * and never alongside another build), and Next's routing is not what this benchmark measures.
 *
 *   DATABASE_URL=… DATABASE_PREPARE=true|false tsx dev/bench/search/search-server.ts
 *
 * Prints {"port":N} once listening.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeDb } from '@/db/client';
import { searchShops } from '@/lib/search/search-shops';
import { searchParamsToRecord, ZSearchShopsRequest } from '@/lib/search/search-shops-request';

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (req.method !== 'GET' || url.pathname !== '/api/shops/search') return send(res, 404, { error: { code: 'not_found', message: 'Not found.' } });
  const parsed = ZSearchShopsRequest.safeParse(searchParamsToRecord(url.searchParams));
  if (!parsed.success) return send(res, 400, { error: { code: 'bad_request', message: 'Some fields are invalid.', issues: parsed.error.issues } });
  try {
    send(res, 200, await searchShops(parsed.data));
  } catch (error) {
    console.error(error);
    send(res, 500, { error: { code: 'internal', message: 'Something went wrong on our side.' } });
  }
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }));
});

process.once('SIGTERM', () => {
  server.close();
  void closeDb().then(() => process.exit(0));
});
