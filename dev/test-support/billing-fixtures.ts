import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { documentPages, documents, orders, shops } from '@/db/schema';
import { startStripeEmulator, type TStripeEmulator } from '@/dev/stripe-emulator/start-stripe-emulator';
import { placeOrder } from '@/lib/billing/place-order';
import type { TJobOptions } from '@/lib/job-options/job-options';
import { replacePriceList } from '@/lib/shops/shop-prices';
import { createTestShop, createTestUser } from './fixtures';

export const TEST_WEBHOOK_SECRET = 'whsec_nearprint_integration_tests';

export type TBillingStripe = {
  emulator: TStripeEmulator;
  webhookUrl: string;
  control<T = Record<string, unknown>>(path: string, body?: Record<string, unknown>): Promise<T>;
  stop(): Promise<void>;
};

/**
 * The Stripe emulator with its webhooks delivered to the app's real route handler
 * (app/api/stripe/webhook/route.ts) through a small HTTP server. Sets the env the billing code
 * reads, so call it before anything touches lib/config/env.
 */
export async function startBillingStripe(): Promise<TBillingStripe> {
  const { POST } = await import('@/app/api/stripe/webhook/route');
  const receiver = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const response = await POST(new Request('http://127.0.0.1/api/stripe/webhook', { method: 'POST', headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) }));
    res.writeHead(response.status, { 'content-type': 'application/json' });
    res.end(await response.text());
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`;
  const emulator = await startStripeEmulator({
    port: 0,
    webhookSecret: TEST_WEBHOOK_SECRET,
    webhookUrl,
    webhookRetryDelaysMs: [50, 100],
  });
  process.env.STRIPE_EMULATOR_URL = emulator.url;
  process.env.STRIPE_WEBHOOK_SECRET = TEST_WEBHOOK_SECRET;
  return {
    emulator,
    webhookUrl,
    control: async (path, body = {}) => {
      const response = await fetch(`${emulator.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!response.ok) throw new Error(`${path} → ${response.status} ${await response.text()}`);
      return response.json();
    },
    stop: async () => {
      await emulator.stop();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    },
  };
}

/** An active shop that can print A4 colour and duplex now, with a simple price list. */
export async function createPricedShop(options: { a4MonoMinor?: number; a4ColorMinor?: number; jobFeeMinor?: number; minimumChargeMinor?: number } = {}) {
  const owner = await createTestUser('shop_owner');
  const shop = await createTestShop({ ownerId: owner.id, capColor: true, capDuplex: true, capMedia: ['iso_a4_210x297mm'], capPagesPerMinute: 30 });
  await replacePriceList({
    shopId: shop.id,
    ownerId: owner.id,
    priceList: {
      prices: [
        { media: 'iso_a4_210x297mm', colorMode: 'monochrome', sides: 'one-sided', pricePerPageMinor: options.a4MonoMinor ?? 10 },
        { media: 'iso_a4_210x297mm', colorMode: 'color', sides: 'one-sided', pricePerPageMinor: options.a4ColorMinor ?? 50 },
      ],
      jobFeeMinor: options.jobFeeMinor ?? 100,
      minimumChargeMinor: options.minimumChargeMinor ?? 0,
      finishing: [],
    },
  });
  return { owner, shop };
}

/** A document that has been inspected: `pages` gives each page's colour. */
export async function createReadyDocument(ownerId: string, pages: boolean[]) {
  const [document] = await db
    .insert(documents)
    .values({
      ownerId,
      filename: 'report.pdf',
      detectedType: 'pdf',
      sizeBytes: 1000,
      sha256: randomUUID().replace(/-/g, ''),
      storageKey: `test/${randomUUID()}.pdf`,
      status: 'ready',
      pageCount: pages.length,
      colorPageCount: pages.filter(Boolean).length,
      pagesInspected: pages.length,
    })
    .returning();
  await db.insert(documentPages).values(pages.map((isColor, i) => ({ documentId: document.id, pageNumber: i + 1, widthPt: 595.28, heightPt: 841.89, isColor })));
  return document;
}

/**
 * A customer's order of ten black & white A4 pages at a shop charging €0.20 a page and a €1.00
 * job fee (€3.00), placed and waiting at Checkout.
 */
export async function placeTenPageOrder() {
  const customer = await createTestUser('customer');
  const { shop } = await createPricedShop({ a4MonoMinor: 20 });
  const document = await createReadyDocument(
    customer.id,
    Array.from({ length: 10 }, () => false),
  );
  const job: TJobOptions = { media: 'iso_a4_210x297mm', colorMode: 'monochrome', sides: 'one-sided', copies: 1, pagesPerSheet: 1, finishing: 'none' };
  const placed = await placeOrder({ customerId: customer.id, shopId: shop.id, job, documentIds: [document.id], expectedTotalMinor: 300 });
  if (placed.kind !== 'checkout') throw new Error(`expected a checkout, got ${placed.kind}`);
  const [order] = await db.select().from(orders).where(eq(orders.id, placed.order.id));
  return { customer, shop, order };
}

export async function setShopAccount(shopId: string, accountId: string) {
  await db.update(shops).set({ stripeAccountId: accountId }).where(eq(shops.id, shopId));
}
