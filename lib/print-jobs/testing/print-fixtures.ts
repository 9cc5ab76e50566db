import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import { PDFDocument, rgb } from 'pdf-lib';
import { db } from '@/db/client';
import { documentPages, documents, orders, printers as printersTable, printJobs, type TOrder, type TPrintJob } from '@/db/schema/index';
import type { TBillingStripe } from '@/dev/test-support/billing-fixtures';
import { createTestShop, createTestUser, eventually } from '@/dev/test-support/fixtures';
import { documentKeys, documentStore } from '@/lib/documents/storage/app-document-store';
import type { TJobOptions } from '@/lib/job-options/job-options';
import { placeOrder } from '@/lib/billing/place-order';
import { quoteForShop } from '@/lib/quote/quote-for-shop';
import { addPrinter } from '@/lib/printers/add-printer';
import { parsePrinterUri } from '@/lib/ipp/parse-printer-uri';
import { replacePriceList } from '@/lib/shops/shop-prices';

/** Documents and job outputs go to a temporary store, never the developer's .data/. Call before anything touches the store. */
export async function switchToTemporaryDocumentStore(): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'nearprint-print-store-'));
  process.env.DOCUMENT_STORE_ROOT = root;
  return root;
}

export async function makePdf(pages: number, options: { colorPages?: number[] } = {}): Promise<Buffer> {
  const document = await PDFDocument.create();
  for (let page = 1; page <= pages; page += 1) {
    const sheet = document.addPage([595.28, 841.89]);
    sheet.drawText(`Nearprint page ${page}`, { x: 72, y: 720, size: 24 });
    if (options.colorPages?.includes(page)) sheet.drawRectangle({ x: 72, y: 400, width: 200, height: 100, color: rgb(0.9, 0.1, 0.1) });
  }
  return Buffer.from(await document.save());
}

/** An inspected document whose normalised PDF really is in the store, as the print pipeline reads it. */
/** A ready document of `pages` made-up pages, or of the given `pdf` (which must have that many pages). */
export async function createPrintableDocument(ownerId: string, pages: number, options: { colorPages?: number[]; filename?: string; pdf?: Uint8Array } = {}) {
  const pdf = options.pdf ? Buffer.from(options.pdf) : await makePdf(pages, options);
  const id = crypto.randomUUID();
  await documentStore().put(documentKeys.pdf(id), pdf);
  const [document] = await db
    .insert(documents)
    .values({
      id,
      ownerId,
      filename: options.filename ?? 'document.pdf',
      detectedType: 'pdf',
      sizeBytes: pdf.length,
      sha256: crypto.randomUUID().replace(/-/g, ''),
      storageKey: documentKeys.pdf(id),
      pdfKey: documentKeys.pdf(id),
      status: 'ready',
      pageCount: pages,
      colorPageCount: options.colorPages?.length ?? 0,
      pagesInspected: pages,
      inspectedAt: new Date(),
    })
    .returning();
  await db
    .insert(documentPages)
    .values(Array.from({ length: pages }, (_, i) => ({ documentId: id, pageNumber: i + 1, widthPt: 595.28, heightPt: 841.89, isColor: !!options.colorPages?.includes(i + 1) })));
  return document;
}

/** An active shop with A4 prices (one- and two-sided, mono and colour) and the given printers added over IPP. */
export async function createPrintShop(options: {
  printers: { name: string; uri: string }[];
  autoAccept?: boolean;
  jobFeeMinor?: number;
  monoMinor?: number;
  at?: { lat: number; lng: number };
  name?: string;
}) {
  const owner = await createTestUser('shop_owner');
  const shop = await createTestShop({ ownerId: owner.id, autoAccept: options.autoAccept ?? true, ...options.at, ...(options.name ? { name: options.name } : {}) });
  await replacePriceList({
    shopId: shop.id,
    ownerId: owner.id,
    priceList: {
      prices: (['one-sided', 'two-sided'] as const).flatMap((sides) => [
        { media: 'iso_a4_210x297mm' as const, colorMode: 'monochrome' as const, sides, pricePerPageMinor: options.monoMinor ?? 10 },
        { media: 'iso_a4_210x297mm' as const, colorMode: 'color' as const, sides, pricePerPageMinor: 50 },
      ]),
      jobFeeMinor: options.jobFeeMinor ?? 100,
      minimumChargeMinor: 0,
      finishing: [],
    },
  });
  const added = [];
  for (const printer of options.printers) {
    // Test shops share a few real printers, where a real printer belongs to one shop: earlier
    // test shops keep theirs but give up the address key, so this shop may add it too.
    await db
      .update(printersTable)
      .set({ addressKey: null })
      .where(eq(printersTable.addressKey, parsePrinterUri(printer.uri).key));
    added.push(await addPrinter({ shopId: shop.id, ownerId: owner.id, request: printer }));
  }
  return { owner, shop, printers: added };
}

export const MONO_A4: TJobOptions = { media: 'iso_a4_210x297mm', colorMode: 'monochrome', sides: 'one-sided', copies: 1, pagesPerSheet: 1, finishing: 'none' };

/** A customer's order at the shop, paid through the Stripe emulator (webhook into the real handler); resolves once its job exists. */
export async function createPaidOrder(
  stripe: TBillingStripe,
  options: { shopId: string; job?: TJobOptions; pages?: number; colorPages?: number[]; customerId?: string },
): Promise<{ order: TOrder; job: TPrintJob; customerId: string }> {
  const customerId = options.customerId ?? (await createTestUser('customer')).id;
  const document = await createPrintableDocument(customerId, options.pages ?? 2, { colorPages: options.colorPages });
  const job = options.job ?? MONO_A4;
  const pageColors = Array.from({ length: options.pages ?? 2 }, (_, i) => !!options.colorPages?.includes(i + 1));
  const { quote } = await quoteForShop({ shopId: options.shopId, job, documents: [pageColors] });
  const created = await placeOrder({ customerId, shopId: options.shopId, job, documentIds: [document.id], expectedTotalMinor: quote.totalMinor });
  if (created.kind !== 'checkout') throw new Error('expected a checkout');
  const [row] = await db.select().from(orders).where(eq(orders.id, created.order.id));
  await stripe.control(`/_emulator/checkout/sessions/${row.stripeCheckoutSessionId}/pay`, {});
  const printJob = await eventually('the paid order’s print job', async () => (await db.select().from(printJobs).where(eq(printJobs.orderId, row.id)))[0], 120_000);
  const [paid] = await db.select().from(orders).where(eq(orders.id, row.id));
  return { order: paid, job: printJob, customerId };
}

export async function jobById(id: string): Promise<TPrintJob> {
  const [job] = await db.select().from(printJobs).where(eq(printJobs.id, id));
  return job;
}

export async function orderById(id: string): Promise<TOrder> {
  const [order] = await db.select().from(orders).where(eq(orders.id, id));
  return order;
}
