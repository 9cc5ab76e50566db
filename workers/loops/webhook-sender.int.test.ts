import http from 'node:http';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeDb, db } from '@/db/client';
import { printers, printJobs, webhookDeliveries, webhookDeliveryAttempts } from '@/db/schema';
import { freePort } from '@/dev/lib/free-port';
import { eventually } from '@/dev/test-support/fixtures';
import { raiseAlert } from '@/lib/alerts/raise-alert';
import type { TWebhookSettings } from '@/lib/config/shop-api-settings';
import { createOrderToMail } from '@/lib/notify/testing/mail-fixtures';
import { createPrintJob } from '@/lib/print-jobs/create-print-job';
import { endJob } from '@/lib/print-jobs/job-transitions';
import { SIGNATURE_HEADER, verifyWebhookSignature } from '@/lib/webhooks/sign-webhook';
import { createWebhookEndpoint, deleteWebhookEndpoint, listWebhookDeliveries, replayWebhookDelivery } from '@/lib/webhooks/webhook-endpoints';
import type { TWebhookEvent } from '@/lib/webhooks/webhook-events';
import { runWebhookSender } from './webhook-sender';

const SETTINGS: TWebhookSettings = { backoff: { baseMs: 150, maxMs: 600 }, maxAttempts: 50, timeoutMs: 2000, leaseMs: 30_000 };

/**
 * A shop's receiver, as its developers would write it: verifies each signature over the raw
 * body, and processes each event id once (a retry or replay of one it already has is answered
 * 200 and dropped). `failNext` makes it process an event but answer 500, as a receiver that
 * crashes after its work and before its answer.
 */
function startReceiver(port: number, secret: () => string) {
  const received: { event: TWebhookEvent; isSigned: boolean }[] = [];
  const processed = new Map<string, TWebhookEvent>();
  const state = { failNext: 0 };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const isSigned = verifyWebhookSignature(body, request.headers[SIGNATURE_HEADER.toLowerCase()] as string, secret());
      const event = JSON.parse(body) as TWebhookEvent;
      received.push({ event, isSigned });
      if (!isSigned) return response.writeHead(400).end('bad signature');
      if (!processed.has(event.id)) processed.set(event.id, event);
      if (state.failNext > 0) {
        state.failNext -= 1;
        return response.writeHead(500).end('oops');
      }
      response.writeHead(200).end('ok');
    });
  });
  const listening = new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { received, processed, state, listening, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const controllers: AbortController[] = [];
const loops: Promise<void>[] = [];
const servers: { close: () => Promise<void> }[] = [];

function startLoop() {
  const controller = new AbortController();
  controllers.push(controller);
  loops.push(runWebhookSender(controller.signal, `webhook-test-${controllers.length}`, SETTINGS));
}

afterEach(async () => {
  for (const controller of controllers) controller.abort();
  await Promise.all(loops);
  await Promise.all(servers.map((server) => server.close()));
  controllers.length = 0;
  loops.length = 0;
  servers.length = 0;
  await db.delete(webhookDeliveries);
});

afterAll(async () => {
  await closeDb();
});

describe('webhook deliveries from the outbox', () => {
  it('reach a receiver that was down for a while: signed, retried with backoff, each event processed once, and replayable', async () => {
    const { order, shop, owner } = await createOrderToMail();
    const port = await freePort();
    const endpoint = await createWebhookEndpoint({ shopId: shop.id, ownerId: owner.id, url: `http://127.0.0.1:${port}/nearprint`, events: ['job.paid', 'job.failed', 'printer.offline'] });
    expect(endpoint.secret).toMatch(/^whsec_/);

    // The events, each in the transaction of its cause.
    const jobId = await db.transaction((tx) => createPrintJob(tx, order));
    await db.transaction(async (tx) => {
      const [job] = await tx.select().from(printJobs).where(eq(printJobs.id, jobId));
      await endJob(tx, job, { state: 'canceled', reason: 'not an event anyone subscribed to', refund: null, by: 'shop', actor: owner.id });
    });
    const [printer] = await db
      .insert(printers)
      .values({ shopId: shop.id, name: 'Back office', uri: 'ipp://192.0.2.10/ipp/print', capabilities: {} as never, isOnline: false })
      .returning();
    await raiseAlert(db, { shopId: shop.id, printerId: printer.id }, { kind: 'printer_offline', title: 'Back office is offline', action: 'Check it', data: {} });
    // A second raise of the same open alert is no new event.
    await raiseAlert(db, { shopId: shop.id, printerId: printer.id }, { kind: 'printer_offline', title: 'Back office is offline', action: 'Check it', data: {} });
    const queued = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpoint.id));
    expect(queued.map((d) => d.eventType).sort()).toEqual(['job.paid', 'printer.offline']);

    // The receiver is down: attempts fail (connection refused) and are retried, logged each time.
    startLoop();
    startLoop();
    await eventually(
      'several failed attempts while the receiver is down',
      async () => {
        const attempts = await db.select().from(webhookDeliveryAttempts);
        return queued.every((row) => attempts.filter((attempt) => attempt.deliveryId === row.id).length >= 3);
      },
      30_000,
    );
    const failedAttempts = await db.select().from(webhookDeliveryAttempts);
    expect(failedAttempts.length).toBeGreaterThanOrEqual(6);
    expect(failedAttempts.every((attempt) => attempt.statusCode === null && /ECONNREFUSED/.test(attempt.error ?? ''))).toBe(true);

    // Up again, but the first answer is lost (it processes the event, then fails): a retry arrives, and is not processed twice.
    const receiver = startReceiver(port, () => endpoint.secret);
    servers.push(receiver);
    receiver.state.failNext = 1;
    await receiver.listening;
    await eventually(
      'both events delivered',
      async () => {
        const rows = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpoint.id));
        return rows.every((row) => row.status === 'delivered');
      },
      30_000,
    );
    expect(receiver.received.length).toBe(3);
    expect(receiver.received.every((r) => r.isSigned)).toBe(true);
    expect([...receiver.processed.values()].map((e) => e.type).sort()).toEqual(['job.paid', 'printer.offline']);
    const paid = [...receiver.processed.values()].find((e) => e.type === 'job.paid')!;
    expect(paid).toMatchObject({ shopId: shop.id, data: { jobId, orderId: order.id, state: 'queued' } });

    // The log shows each delivery with its attempts; a replay sends the same event again (same id), which the receiver drops.
    const log = await listWebhookDeliveries({ shopId: shop.id, ownerId: owner.id });
    const paidDelivery = log.find((d) => d.eventType === 'job.paid')!;
    expect(paidDelivery.attemptLog.length).toBeGreaterThanOrEqual(4);
    expect(paidDelivery.attemptLog[0].statusCode).toBe(200);
    await replayWebhookDelivery({ shopId: shop.id, ownerId: owner.id, deliveryId: paidDelivery.id });
    await eventually(
      'the replay delivered',
      async () => receiver.received.length === 4 && (await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, paidDelivery.id)))[0].status === 'delivered',
      30_000,
    );
    expect(receiver.received[3].event.id).toBe(paid.id);
    expect(receiver.processed.size).toBe(2);

    // Another owner can neither see nor replay them.
    const stranger = await createOrderToMail();
    await expect(replayWebhookDelivery({ shopId: shop.id, ownerId: stranger.owner.id, deliveryId: paidDelivery.id })).rejects.toMatchObject({ code: 'not_found' });
    await expect(replayWebhookDelivery({ shopId: stranger.shop.id, ownerId: stranger.owner.id, deliveryId: paidDelivery.id })).rejects.toMatchObject({ code: 'not_found' });

    // A deleted endpoint gets nothing new.
    await deleteWebhookEndpoint({ shopId: shop.id, ownerId: owner.id, endpointId: endpoint.id });
    await db.transaction((tx) => createPrintJob(tx, order, { actor: 'test' }));
    expect(await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpoint.id))).toHaveLength(2);
  });

  it('refuses endpoint addresses the cloud must not call', async () => {
    const { shop, owner } = await createOrderToMail();
    const create = (url: string) => createWebhookEndpoint({ shopId: shop.id, ownerId: owner.id, url, events: ['job.paid'] });
    await expect(create('ftp://example.com/hook')).rejects.toMatchObject({ code: 'bad_request' });
    await expect(create('https://user:pass@example.com/hook')).rejects.toMatchObject({ code: 'bad_request' });
    await expect(create('http://169.254.169.254/latest/meta-data')).rejects.toMatchObject({ code: 'bad_request' });
    await expect(create('http://10.1.2.3/hook')).rejects.toMatchObject({ code: 'bad_request' });
    await expect(create('not a url')).rejects.toMatchObject({ code: 'bad_request' });
    await expect(createWebhookEndpoint({ shopId: shop.id, ownerId: owner.id, url: 'https://example.com/hook', events: [] })).rejects.toMatchObject({ code: 'bad_request' });
    // Loopback is open in tests (PRINTER_ALLOWED_NETWORKS), and public addresses always are.
    await expect(create('https://example.com/hook')).resolves.toMatchObject({ url: 'https://example.com/hook' });
  });
});
