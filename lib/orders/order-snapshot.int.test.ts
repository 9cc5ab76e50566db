import { registerLivePrintStack } from '@/lib/print-jobs/testing/live-print-stack';
import fs from 'node:fs/promises';
import { eq, inArray } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { orderDocuments, orders, printJobs, type TOrder } from '@/db/schema/index';
import { colorDuplexPdfPrinter } from '@/dev/printers/printer-presets';
import { readSpool } from '@/dev/printers/read-spool';
import { type TPrinterHandle } from '@/dev/printers/start-printer';
import { type TBillingStripe } from '@/dev/test-support/billing-fixtures';
import { createTestUser, eventually } from '@/dev/test-support/fixtures';
import { clearPauses, pauseAt } from '@/dev/test-support/pause-at';
import { classifyPageColor } from '@/lib/documents/classify-page-color';
import { renderPages } from '@/lib/documents/render-pages';
import { setPageForcedMono } from '@/lib/documents/set-page-mono';
import type { TJobOptions } from '@/lib/job-options/job-options';
import { placeOrder } from '@/lib/billing/place-order';
import { createPrintableDocument, createPrintShop } from '@/lib/print-jobs/testing/print-fixtures';
import { quoteForShop } from '@/lib/quote/quote-for-shop';

/** 20 copies of a two-page document whose first page is colour, colour pages as they are. */
const JOB: TJobOptions = { media: 'iso_a4_210x297mm', colorMode: 'auto', sides: 'one-sided', copies: 20, pagesPerSheet: 1, finishing: 'none' };

const stack = registerLivePrintStack({
  name: 'snapshot',
  printers: [(spoolDir) => colorDuplexPdfPrinter({ name: 'Snapshot colour', spoolDir, pagesPerMinute: 600, pagesPerMinuteColor: 600 })],
});
let live: TBillingStripe;
let printer: TPrinterHandle;
let shopId: string;

beforeAll(async () => {
  ({
    live,
    printers: [printer],
  } = stack);
  ({
    shop: { id: shopId },
  } = await createPrintShop({ printers: [{ name: 'Colour', uri: printer.uri }] }));
});

afterEach(() => clearPauses());

/** A customer with the document, its colour page switched to black & white, and the mono price they see. */
async function customerWithMonoDocument() {
  const customer = await createTestUser('customer');
  const document = await createPrintableDocument(customer.id, 2, { colorPages: [1] });
  await setPageForcedMono({ ownerId: customer.id, documentId: document.id, pageNumber: 1, isForcedMono: true });
  const { quote } = await quoteForShop({ shopId, job: JOB, documents: [[false, false]] });
  return { customer, document, monoTotal: quote.totalMinor };
}

async function pay(order: TOrder): Promise<void> {
  const [row] = await db.select().from(orders).where(eq(orders.id, order.id));
  await live.control(`/_emulator/checkout/sessions/${row.stripeCheckoutSessionId}/pay`, {});
}

/** Colour impressions that came out of the printer for a job: colour pages in its spool file × the copies it was told to make. */
async function printedColorImpressions(jobId: string): Promise<number> {
  const job = await eventually(
    'the job printed',
    async () => {
      const [row] = await db.select().from(printJobs).where(eq(printJobs.id, jobId));
      return row.state === 'printed' && row;
    },
    60_000,
  );
  const [file] = (await readSpool(printer.spoolDir)).filter((f) => f.name.includes(job.ippJobName));
  expect(file, `spool file for ${job.ippJobName}`).toBeDefined();
  let colourPages = 0;
  await renderPages(await fs.readFile(file.path), {
    dpi: 30,
    maxOutputBytes: 64 * 1024 * 1024,
    onPage: (page) => {
      if (classifyPageColor(page.rgb, page.width, page.height).isColor) colourPages += 1;
    },
  });
  return colourPages * (job.ippTemplate?.copies ?? 1);
}

async function chargedColorImpressions(orderId: string): Promise<number> {
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  return order.quote.impressions.colorImpressions * order.quote.copies;
}

describe('what is paid is what prints', () => {
  it('a page switched back to colour after the order was priced still prints in black & white (the order prints its snapshot)', async () => {
    const { customer, document, monoTotal } = await customerWithMonoDocument();
    // A switch back to colour that passed the "not in an order yet" check just before the order was placed.
    const pause = pauseAt('page-mono:checked');
    const flip = setPageForcedMono({ ownerId: customer.id, documentId: document.id, pageNumber: 1, isForcedMono: false });
    await pause.reached;
    const created = await placeOrder({ customerId: customer.id, shopId, job: JOB, documentIds: [document.id], expectedTotalMinor: monoTotal });
    expect(created.kind).toBe('checkout');
    if (created.kind !== 'checkout') return;
    pause.release();
    await flip;
    const [snapshot] = await db.select().from(orderDocuments).where(eq(orderDocuments.orderId, created.order.id));
    expect(snapshot).toMatchObject({ pageCount: 2, selectedPages: [1, 2], colorPages: [], forcedMonoPages: [1] });

    await pay(created.order);
    const job = await eventually('its print job', async () => (await db.select().from(printJobs).where(eq(printJobs.orderId, created.order.id)))[0], 120_000);
    expect(await chargedColorImpressions(created.order.id)).toBe(0);
    expect(await printedColorImpressions(job.id)).toBe(0);
  });

  it('orders placed while 30 requests flip the page back to colour every 3 ms: every paid order prints exactly the colour it was charged', async () => {
    const placed: string[] = [];
    for (let round = 0; round < 4; round++) {
      const { customer, document, monoTotal } = await customerWithMonoDocument();
      const flips = Array.from({ length: 30 }, (_, i) =>
        new Promise((resolve) => setTimeout(resolve, i * 3)).then(() =>
          setPageForcedMono({ ownerId: customer.id, documentId: document.id, pageNumber: 1, isForcedMono: i % 2 === 1 }).catch((error: Error) => error),
        ),
      );
      // A customer who is shown a new price (the page was colour when the order was priced) accepts it and tries again.
      let expectedTotalMinor = monoTotal;
      for (let attempt = 0; attempt < 5; attempt++) {
        const created = await placeOrder({ customerId: customer.id, shopId, job: JOB, documentIds: [document.id], expectedTotalMinor });
        if (created.kind === 'checkout') {
          await pay(created.order);
          placed.push(created.order.id);
          break;
        }
        expectedTotalMinor = created.quote.totalMinor;
      }
      await Promise.all(flips);
    }
    const jobs = await eventually(
      'the paid orders’ jobs',
      async () => {
        const rows = placed.length ? await db.select().from(printJobs).where(inArray(printJobs.orderId, placed)) : [];
        return rows.length === placed.length && rows;
      },
      15_000,
    );
    for (const job of jobs) expect(await printedColorImpressions(job.id), `order ${job.orderId}`).toBe(await chargedColorImpressions(job.orderId));
  });
});
