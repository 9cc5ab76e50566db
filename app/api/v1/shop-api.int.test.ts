import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/db/client';
import { apiRateWindows, printJobs } from '@/db/schema';
import { colorDuplexPdfPrinter } from '@/dev/printers/printer-presets';
import { createApiKey, revokeApiKey } from '@/lib/api-keys/api-keys';
import { registerLivePrintStack } from '@/lib/print-jobs/testing/live-print-stack';
import { createPaidOrder, createPrintShop, jobById } from '@/lib/print-jobs/testing/print-fixtures';
import { markJobPrinted } from '@/lib/print-jobs/job-transitions';
import { transitionJob } from '@/lib/print-jobs/transition-job';
import { pickupCodeFor } from '@/lib/orders/pickup-code';

// The web glue is marked server-only; vitest is not a React server.
vi.mock('server-only', () => ({}));

const jobs = await import('./shops/[shopId]/jobs/route');
const job = await import('./shops/[shopId]/jobs/[jobId]/route');
const accept = await import('./shops/[shopId]/jobs/[jobId]/accept/route');
const reject = await import('./shops/[shopId]/jobs/[jobId]/reject/route');
const handOver = await import('./shops/[shopId]/jobs/[jobId]/hand-over/route');
const printerList = await import('./shops/[shopId]/printers/route');
const printer = await import('./shops/[shopId]/printers/[printerId]/route');
const earnings = await import('./shops/[shopId]/earnings/route');
const openapi = await import('./openapi.json/route');

// No worker: jobs stay where the test puts them.
const stack = registerLivePrintStack({ name: 'shop-api', printers: [(spoolDir) => colorDuplexPdfPrinter({ name: 'API colour', spoolDir })], startWorker: false });

type TRoute = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(route: TRoute, params: Record<string, string>, options: { key?: string; method?: string; body?: unknown; query?: string } = {}) {
  const url = `http://127.0.0.1/api/v1/test${options.query ?? ''}`;
  const headers: Record<string, string> = options.key ? { authorization: `Bearer ${options.key}` } : {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await route(new Request(url, { method: options.method ?? 'GET', headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) }), {
    params: Promise.resolve(params),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & { error?: { code: string } } };
}

let shop: Awaited<ReturnType<typeof createPrintShop>>;
let other: Awaited<ReturnType<typeof createPrintShop>>;
const keys = { write: '', read: '', revoked: '', other: '' };

beforeAll(async () => {
  shop = await createPrintShop({ printers: [{ name: 'Counter', uri: stack.printers[0].uri }], autoAccept: false });
  other = await createPrintShop({ printers: [], autoAccept: false });
  keys.write = (await createApiKey({ shopId: shop.shop.id, ownerId: shop.owner.id, name: 'POS', scope: 'write' })).key;
  keys.read = (await createApiKey({ shopId: shop.shop.id, ownerId: shop.owner.id, name: 'Dashboard', scope: 'read' })).key;
  const revoked = await createApiKey({ shopId: shop.shop.id, ownerId: shop.owner.id, name: 'Old', scope: 'write' });
  await revokeApiKey({ shopId: shop.shop.id, ownerId: shop.owner.id, keyId: revoked.id });
  keys.revoked = revoked.key;
  keys.other = (await createApiKey({ shopId: other.shop.id, ownerId: other.owner.id, name: 'Other shop', scope: 'write' })).key;
});

describe('the shop API: who may call what', () => {
  it('answers every endpoint for the right key, and refuses another shop’s key, a read key on a write and a revoked key', async () => {
    const paid = await createPaidOrder(stack.live, { shopId: shop.shop.id, pages: 2 });
    const rejectable = await createPaidOrder(stack.live, { shopId: shop.shop.id, pages: 1 });
    const shopId = shop.shop.id;
    const printerId = shop.printers[0].id;
    const endpoints: { name: string; route: TRoute; params: Record<string, string>; write?: { body?: unknown } }[] = [
      { name: 'list jobs', route: jobs.GET, params: { shopId } },
      { name: 'get job', route: job.GET, params: { shopId, jobId: paid.job.id } },
      { name: 'list printers', route: printerList.GET, params: { shopId } },
      { name: 'get printer', route: printer.GET, params: { shopId, printerId } },
      { name: 'earnings', route: earnings.GET, params: { shopId } },
      { name: 'accept', route: accept.POST, params: { shopId, jobId: paid.job.id }, write: {} },
      { name: 'reject', route: reject.POST, params: { shopId, jobId: rejectable.job.id }, write: { body: { reasonCode: 'unreadable', note: 'blank pages' } } },
      { name: 'hand over', route: handOver.POST, params: { shopId, jobId: paid.job.id }, write: { body: { code: '000000' } } },
    ];
    for (const endpoint of endpoints) {
      const method = endpoint.write ? 'POST' : 'GET';
      const body = endpoint.write?.body;
      // Nobody, a revoked key, a key that is not one: 401. Another shop's key on this shop: 404, as if the shop did not exist.
      expect((await call(endpoint.route, endpoint.params, { method, body })).status, `${endpoint.name} without a key`).toBe(401);
      expect((await call(endpoint.route, endpoint.params, { method, body, key: keys.revoked })).status, `${endpoint.name} with a revoked key`).toBe(401);
      expect((await call(endpoint.route, endpoint.params, { method, body, key: 'npk_not-a-real-key' })).status, `${endpoint.name} with an unknown key`).toBe(401);
      expect((await call(endpoint.route, endpoint.params, { method, body, key: keys.other })).status, `${endpoint.name} with another shop’s key`).toBe(404);
      // Another shop's key on its own shop with our job/printer id: 404 too, nothing leaks.
      if (endpoint.params.jobId || endpoint.params.printerId) {
        expect((await call(endpoint.route, { ...endpoint.params, shopId: other.shop.id }, { method, body, key: keys.other })).status, `${endpoint.name}: our id under another shop`).toBe(404);
      }
      if (endpoint.write) expect((await call(endpoint.route, endpoint.params, { method, body, key: keys.read })).status, `${endpoint.name} with a read key`).toBe(403);
      else expect((await call(endpoint.route, endpoint.params, { key: keys.read })).status, `${endpoint.name} with a read key`).toBe(200);
    }
    // The refusals changed nothing.
    expect((await jobById(paid.job.id)).state).toBe('awaiting_acceptance');
    expect((await jobById(rejectable.job.id)).state).toBe('awaiting_acceptance');

    // With the write key, each action runs through the owner's own domain functions.
    const listed = await call(jobs.GET, { shopId }, { key: keys.write, query: '?state=awaiting_acceptance' });
    expect(listed.status).toBe(200);
    expect((listed.body.jobs as { id: string }[]).map((j) => j.id).sort()).toEqual([paid.job.id, rejectable.job.id].sort());
    expect((await call(job.GET, { shopId, jobId: paid.job.id }, { key: keys.write })).body).toMatchObject({ id: paid.job.id, orderNumber: paid.order.number, state: 'awaiting_acceptance' });
    expect((await call(printerList.GET, { shopId }, { key: keys.write })).body.printers).toHaveLength(1);
    expect((await call(printer.GET, { shopId, printerId }, { key: keys.write })).body).toMatchObject({ id: printerId, name: 'Counter' });
    expect((await call(earnings.GET, { shopId }, { key: keys.write })).body).toMatchObject({ inProgressCount: 2 });

    expect((await call(accept.POST, { shopId, jobId: paid.job.id }, { key: keys.write, method: 'POST' })).body).toMatchObject({ state: 'queued' });
    // Twice: the state gate says it is no longer waiting.
    expect((await call(accept.POST, { shopId, jobId: paid.job.id }, { key: keys.write, method: 'POST' })).status).toBe(409);

    const rejected = await call(reject.POST, { shopId, jobId: rejectable.job.id }, { key: keys.write, method: 'POST', body: { reasonCode: 'unreadable', note: 'blank pages' } });
    expect(rejected).toMatchObject({ status: 200, body: { state: 'canceled', lastError: 'Pages are unreadable or blank: blank pages' } });
    expect((await jobById(rejectable.job.id)).refundDue).toBe('shop_rejected');
    // Bad input is a 400 with the field, never a 500.
    expect((await call(reject.POST, { shopId, jobId: paid.job.id }, { key: keys.write, method: 'POST', body: { reasonCode: 'other' } })).status).toBe(400);
    expect((await call(reject.POST, { shopId, jobId: paid.job.id }, { key: keys.write, method: 'POST', body: 'nonsense' })).status).toBe(400);
    expect((await call(job.GET, { shopId, jobId: 'not-a-uuid' }, { key: keys.write })).status).toBe(404);
    expect((await call(jobs.GET, { shopId }, { key: keys.write, query: '?limit=100000' })).status).toBe(400);

    // Hand-over: print it (as the dispatcher would), then the wrong and the right code.
    // Read before the transaction: the embedded PGlite serves one session at a time, so a read on
    // another connection inside it would wait for the transaction forever.
    const queued = await jobById(paid.job.id);
    await db.transaction(async (tx) => {
      await transitionJob(tx, { jobId: queued.id, from: 'queued', to: 'sending', by: 'dispatcher', set: { printerId }, event: null });
      await transitionJob(tx, { jobId: queued.id, from: 'sending', to: 'printing', by: 'dispatcher', set: { expectedImpressions: 2 }, event: null });
      await markJobPrinted(
        tx,
        await tx
          .select()
          .from(printJobs)
          .where(eq(printJobs.id, queued.id))
          .then((rows) => rows[0]),
        2,
        'dispatcher',
        'test',
      );
    });
    const wrong = await call(handOver.POST, { shopId, jobId: paid.job.id }, { key: keys.write, method: 'POST', body: { code: '000000' === pickupCodeFor(paid.order.id) ? '111111' : '000000' } });
    expect(wrong.body).toMatchObject({ result: 'wrong_code' });
    const right = await call(handOver.POST, { shopId, jobId: paid.job.id }, { key: keys.write, method: 'POST', body: { code: pickupCodeFor(paid.order.id) } });
    expect(right).toMatchObject({ status: 200, body: { result: 'collected' } });
  });

  it('limits each key’s requests per minute, with Retry-After', async () => {
    const previous = process.env.SHOP_API_RATE_LIMIT_PER_MINUTE;
    process.env.SHOP_API_RATE_LIMIT_PER_MINUTE = '3';
    try {
      const { key, id } = await createApiKey({ shopId: shop.shop.id, ownerId: shop.owner.id, name: 'Busy', scope: 'read' });
      const statuses = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await call(printerList.GET, { shopId: shop.shop.id }, { key })).status);
      // A window boundary may fall between the calls: then the count starts again.
      const [window] = await db.select().from(apiRateWindows).where(eq(apiRateWindows.keyId, id));
      if (window.count === 4) expect(statuses).toEqual([200, 200, 200, 429]);
      const response = await printerList.GET(new Request('http://127.0.0.1/x', { headers: { authorization: `Bearer ${key}` } }), { params: Promise.resolve({ shopId: shop.shop.id }) });
      if (response.status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another key has its own budget.
      const fresh = await createApiKey({ shopId: shop.shop.id, ownerId: shop.owner.id, name: 'Quiet', scope: 'read' });
      expect((await call(printerList.GET, { shopId: shop.shop.id }, { key: fresh.key })).status).toBe(200);
    } finally {
      if (previous === undefined) delete process.env.SHOP_API_RATE_LIMIT_PER_MINUTE;
      else process.env.SHOP_API_RATE_LIMIT_PER_MINUTE = previous;
    }
  });

  it('serves its OpenAPI document to anyone', async () => {
    const response = await openapi.GET();
    expect(response.status).toBe(200);
    expect(((await response.json()) as { openapi: string }).openapi).toBe('3.1.0');
  });

  it('refuses a shop id that is not its key’s, also for a shop that does not exist', async () => {
    expect((await call(jobs.GET, { shopId: randomUUID() }, { key: keys.write })).status).toBe(404);
  });
});
