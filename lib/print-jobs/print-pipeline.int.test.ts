import { registerLivePrintStack } from '@/lib/print-jobs/testing/live-print-stack';
import { expectLedgerBalanced } from '@/lib/billing/testing/expect-ledger-balanced';
import path from 'node:path';
import fs from 'node:fs/promises';
import { and, asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { documents, events, ledgerTransactions, orderDocuments, orders, printers, printJobs, refunds } from '@/db/schema/index';
import { countDocumentPages } from '@/dev/printers/count-document-pages';
import { colorDuplexPdfPrinter, monoRasterPrinter } from '@/dev/printers/printer-presets';
import { readSpool } from '@/dev/printers/read-spool';
import { startPrinter, type TPrinterHandle } from '@/dev/printers/start-printer';
import { type TBillingStripe } from '@/dev/test-support/billing-fixtures';
import { eventually } from '@/dev/test-support/fixtures';
import { orderLedgerSummary, shopBalanceMinor } from '@/lib/billing/ledger';
import { env } from '@/lib/config/env';
import { documentStore } from '@/lib/documents/storage/app-document-store';
import { pickupCodeFor } from '@/lib/orders/pickup-code';
import { PICKUP_LOCKOUT } from '@/lib/shop-queue/pickup-lockout';
import { cancelPrintJob } from '@/lib/shop-queue/cancel-print-job';
import { handOverOrder } from '@/lib/shop-queue/hand-over-order';
import { markJobPrinted } from './job-transitions';
import { purgeExpiredFiles } from '@/lib/retention/purge-expired-files';
import { rejectJob } from '@/lib/shop-queue/reject-job';
import { reprintJob } from '@/lib/shop-queue/reprint-job';
import { createPaidOrder, createPrintShop, jobById, MONO_A4, orderById } from './testing/print-fixtures';

const stack = registerLivePrintStack({
  name: 'pipeline',
  printers: [
    (spoolDir) => colorDuplexPdfPrinter({ name: 'Pipeline colour', spoolDir, pagesPerMinute: 600, pagesPerMinuteColor: 600 }),
    (spoolDir) => monoRasterPrinter({ name: 'Pipeline mono', spoolDir, pagesPerMinute: 600 }),
  ],
});
let live: TBillingStripe;
let colour: TPrinterHandle;
let mono: TPrinterHandle;

beforeAll(() => {
  ({
    live,
    printers: [colour, mono],
  } = stack);
});

async function spoolFileFor(printer: TPrinterHandle, ippJobName: string) {
  return (await readSpool(printer.spoolDir)).filter((file) => file.name.includes(ippJobName));
}

async function eventTypes(orderId: string): Promise<string[]> {
  const rows = await db.select({ type: events.type }).from(events).where(eq(events.orderId, orderId)).orderBy(asc(events.id));
  return rows.map((r) => r.type);
}

describe('paid → converted → printing → printed → ready → collected', () => {
  it('prints a paid order on a real printer, proves it, and books the earning at hand-over', async () => {
    const { shop, owner } = await createPrintShop({ printers: [{ name: 'Counter colour', uri: colour.uri }] });
    const { order, job } = await createPaidOrder(live, { shopId: shop.id, pages: 3, colorPages: [2], job: { ...MONO_A4, colorMode: 'auto', copies: 2 } });
    expect(['queued', 'converting', 'sending', 'printing', 'printed']).toContain(job.state);

    const ready = await eventually(
      'order ready',
      async () => {
        const current = await orderById(order.id);
        return current.status === 'ready' && current;
      },
      30_000,
    );
    expect(ready.readyAt).not.toBeNull();
    const printed = await jobById(job.id);
    expect(printed).toMatchObject({ state: 'printed', outputFormat: 'application/pdf', expectedImpressions: 6, impressionsCompleted: 6 });
    expect(printed.ippTemplate).toMatchObject({ media: 'iso_a4_210x297mm', sides: 'one-sided', printColorMode: 'color', copies: 2 });

    const [spooled] = await spoolFileFor(colour, printed.ippJobName);
    expect(spooled).toMatchObject({ format: 'pdf' });
    expect(await countDocumentPages(await fs.readFile(spooled.path))).toBe(3);

    expect(await eventTypes(order.id)).toEqual(expect.arrayContaining(['order.paid', 'job.queued', 'job.converted', 'job.sending', 'job.printing', 'order.printing', 'job.printed', 'order.ready']));

    const handed = await handOverOrder({ shopId: shop.id, ownerId: owner.id, orderId: order.id, code: `nearprint:pickup:${order.number}:${pickupCodeFor(order.id)}` });
    expect(handed).toEqual({ kind: 'collected', shortfallRefundMinor: 0 });
    expect((await orderById(order.id)).status).toBe('collected');
    expect(await orderLedgerSummary(order.id)).toMatchObject({ isEarningBooked: true, refundedMinor: 0 });
    expect(await shopBalanceMinor(shop.id)).toBe(order.totalMinor - order.platformFeeMinor);
    await expectLedgerBalanced();

    // Retention: RETENTION_HOURS after pickup the files go; the order and its ledger stay.
    const store = documentStore();
    const [document] = await db.select({ document: documents }).from(orderDocuments).innerJoin(documents, eq(documents.id, orderDocuments.documentId)).where(eq(orderDocuments.orderId, order.id));
    expect(await store.exists(printed.outputKey!)).toBe(true);
    await purgeExpiredFiles({ now: new Date(Date.now() + 3_600_000) });
    expect((await orderById(order.id)).filesDeletedAt).toBeNull();
    await purgeExpiredFiles({ now: new Date(Date.now() + (env().RETENTION_HOURS + 1) * 3_600_000) });
    expect((await orderById(order.id)).filesDeletedAt).not.toBeNull();
    expect(await store.exists(printed.outputKey!), 'job output deleted').toBe(false);
    expect(await store.exists(document.document.pdfKey!), 'document deleted').toBe(false);
    const [after] = await db.select().from(documents).where(eq(documents.id, document.document.id));
    expect(after).toMatchObject({ status: 'deleted', pdfKey: null, filesDeletedAt: expect.any(Date) });
    expect((await jobById(job.id)).outputKey).toBeNull();
    expect(await orderLedgerSummary(order.id)).toMatchObject({ isEarningBooked: true });
    expect(await eventTypes(order.id)).toContain('order.files_deleted');
  });

  it('refuses a wrong pickup code, counts it, and locks hand-over after the limit', async () => {
    const { shop, owner } = await createPrintShop({ printers: [{ name: 'Counter colour', uri: colour.uri }] });
    const { order } = await createPaidOrder(live, { shopId: shop.id, pages: 1 });
    await eventually('order ready', async () => (await orderById(order.id)).status === 'ready', 120_000);
    const wrong = pickupCodeFor(order.id) === '000000' ? '111111' : '000000';
    for (let attempt = 1; attempt < PICKUP_LOCKOUT.ORDER_LIMIT; attempt += 1) {
      expect(await handOverOrder({ shopId: shop.id, ownerId: owner.id, orderId: order.id, code: wrong })).toEqual({ kind: 'wrong_code', attemptsLeft: PICKUP_LOCKOUT.ORDER_LIMIT - attempt });
    }
    await expect(handOverOrder({ shopId: shop.id, ownerId: owner.id, orderId: order.id, code: wrong })).rejects.toMatchObject({
      code: 'too_many_requests',
      message: expect.stringMatching(/^Too many wrong codes\. Try again at /),
    });
    await expect(handOverOrder({ shopId: shop.id, ownerId: owner.id, orderId: order.id, code: pickupCodeFor(order.id) })).rejects.toMatchObject({ code: 'too_many_requests' });
    expect(await orderById(order.id)).toMatchObject({ status: 'ready', pickupAttempts: PICKUP_LOCKOUT.ORDER_LIMIT });
    expect(await orderLedgerSummary(order.id)).toMatchObject({ isEarningBooked: false });
  });
});

describe('printer choice and formats', () => {
  it('sends PWG raster to a printer that does not take PDF', async () => {
    const { shop } = await createPrintShop({ printers: [{ name: 'Mono raster', uri: mono.uri }] });
    const { order, job } = await createPaidOrder(live, { shopId: shop.id, pages: 2 });
    await eventually('order ready', async () => (await orderById(order.id)).status === 'ready', 60_000);
    const printed = await jobById(job.id);
    expect(printed).toMatchObject({ state: 'printed', outputFormat: 'image/pwg-raster', impressionsCompleted: 2 });
    const [spooled] = await spoolFileFor(mono, printed.ippJobName);
    expect(spooled).toMatchObject({ format: 'pwg-raster' });
    expect(await countDocumentPages(await fs.readFile(spooled.path))).toBe(2);
  });

  it('gives a two-sided job only to the duplex printer, and spreads one-sided jobs', async () => {
    const { shop, printers: added } = await createPrintShop({
      printers: [
        { name: 'Mono raster', uri: mono.uri },
        { name: 'Colour duplex', uri: colour.uri },
      ],
    });
    const duplexPrinter = added.find((p) => p.isDuplex)!;
    const duplexJobs = await Promise.all(Array.from({ length: 3 }, () => createPaidOrder(live, { shopId: shop.id, pages: 3, job: { ...MONO_A4, sides: 'two-sided-long-edge' } })));
    const simplexJobs = await Promise.all(Array.from({ length: 4 }, () => createPaidOrder(live, { shopId: shop.id, pages: 20 })));
    for (const { order } of [...duplexJobs, ...simplexJobs]) await eventually('printed', async () => (await orderById(order.id)).status === 'ready', 60_000);
    for (const { job } of duplexJobs) expect((await jobById(job.id)).printerId).toBe(duplexPrinter.id);
    const simplexPrinters = new Set(await Promise.all(simplexJobs.map(async ({ job }) => (await jobById(job.id)).printerId)));
    expect(simplexPrinters.size).toBe(2);
    for (const { job } of duplexJobs) {
      const printed = await jobById(job.id);
      expect(printed.ippTemplate?.sides).toBe('two-sided-long-edge');
      expect(await spoolFileFor(colour, printed.ippJobName)).toHaveLength(1);
      expect(await spoolFileFor(mono, printed.ippJobName)).toHaveLength(0);
    }
  });
});

describe('a printer killed mid-queue', () => {
  it('moves the jobs lined up for it to the shop’s other printer, asks the shop about the one it was printing, and the shop’s reprint prints there', async () => {
    const [doomed, survivor] = await Promise.all([
      startPrinter(colorDuplexPdfPrinter({ name: 'Doomed', spoolDir: path.join(stack.spoolRoot, 'doomed'), pagesPerMinute: 60, pagesPerMinuteColor: 60 })),
      startPrinter(colorDuplexPdfPrinter({ name: 'Survivor', spoolDir: path.join(stack.spoolRoot, 'survivor'), pagesPerMinute: 120, pagesPerMinuteColor: 120 })),
    ]);
    try {
      const {
        shop,
        owner,
        printers: added,
      } = await createPrintShop({
        printers: [
          { name: 'Doomed', uri: doomed.uri },
          { name: 'Survivor', uri: survivor.uri },
        ],
      });
      const doomedId = added.find((p) => p.uri === doomed.uri)!.id;
      const survivorId = added.find((p) => p.uri === survivor.uri)!.id;
      const paid = await Promise.all(Array.from({ length: 6 }, () => createPaidOrder(live, { shopId: shop.id, pages: 3 })));
      const victim = await eventually(
        'a job printing on the doomed printer',
        async () => {
          const [row] = await db
            .select()
            .from(printJobs)
            .where(and(eq(printJobs.printerId, doomedId), eq(printJobs.state, 'printing')));
          return row && row.impressionsCompleted >= 1 && row;
        },
        30_000,
        50,
      );
      await doomed.kill();

      // The printer may have finished it before it died: nobody can tell, so the shop is asked, and nothing is resent on its own.
      const unknown = await eventually(
        'the shop asked to check the victim',
        async () => {
          const job = await jobById(victim.id);
          return job.outcomeUnknownAt && job;
        },
        60_000,
      );
      expect(unknown).toMatchObject({ state: 'printing', printerId: doomedId });
      expect(await eventTypes(victim.orderId)).toContain('job.outcome_unknown');
      const others = paid.filter((p) => p.order.id !== victim.orderId);
      for (const { order } of others) await eventually('every other order printed', async () => (await orderById(order.id)).status === 'ready', 90_000);
      const stillOnDoomed = await db
        .select()
        .from(printJobs)
        .where(and(eq(printJobs.printerId, doomedId), eq(printJobs.state, 'queued')));
      expect(stillOnDoomed).toHaveLength(0);

      // The shop finds a partial print in the dead printer's tray and prints it again.
      const reprintId = await reprintJob({ shopId: shop.id, ownerId: owner.id, orderId: victim.orderId });
      await eventually('the reprint printed on the survivor', async () => (await orderById(victim.orderId)).status === 'ready', 60_000);
      expect(await jobById(reprintId)).toMatchObject({ state: 'printed', printerId: survivorId, impressionsCompleted: 3 });
      expect(await jobById(victim.id)).toMatchObject({ state: 'canceled' });
      expect(await spoolFileFor(survivor, victim.ippJobName)).toHaveLength(0);
    } finally {
      await Promise.allSettled([doomed.stop(), survivor.stop()]);
    }
  });
});

describe('money: rejection, cancellation, shortfall', () => {
  it('refunds in full when the shop declines a job', async () => {
    const { shop, owner } = await createPrintShop({ printers: [{ name: 'Counter colour', uri: colour.uri }], autoAccept: false });
    const { order, job } = await createPaidOrder(live, { shopId: shop.id, pages: 2 });
    expect(job.state).toBe('awaiting_acceptance');
    await rejectJob({ shopId: shop.id, ownerId: owner.id, jobId: job.id, reason: { reasonCode: 'printer_cannot', note: 'Out of A4 paper today' } });
    expect(await jobById(job.id)).toMatchObject({ state: 'canceled', refundDue: 'shop_rejected' });
    await eventually('refunded', async () => (await orderById(order.id)).status === 'refunded');
    expect(await orderLedgerSummary(order.id)).toMatchObject({ paidMinor: order.totalMinor, refundedMinor: order.totalMinor });
    await expectLedgerBalanced();
  });

  it('refunds the pages not printed before booking the earning (proven output)', async () => {
    const { shop, owner } = await createPrintShop({ printers: [{ name: 'Counter colour', uri: colour.uri }], autoAccept: false });
    const { order, job } = await createPaidOrder(live, { shopId: shop.id, pages: 10 });
    // The printer claims completion after 6 of 10 impressions.
    await db.transaction(async (tx) => {
      const [printing] = await tx.update(printJobs).set({ state: 'printing', expectedImpressions: 10 }).where(eq(printJobs.id, job.id)).returning();
      await markJobPrinted(tx, printing, 6, 'dispatcher', 'test');
    });
    expect((await orderById(order.id)).status).toBe('paid');
    const result = await handOverOrder({ shopId: shop.id, ownerId: owner.id, orderId: order.id, code: pickupCodeFor(order.id) });
    // 10 mono pages at 10c = 100; 4 missing → 40 back; the €1 job fee stays.
    expect(result).toEqual({ kind: 'collected', shortfallRefundMinor: 40 });
    const [refund] = await db
      .select()
      .from(refunds)
      .where(and(eq(refunds.orderId, order.id), eq(refunds.kind, 'shortfall')));
    expect(refund).toMatchObject({ amountMinor: 40, status: 'succeeded' });
    const earning = await db
      .select()
      .from(ledgerTransactions)
      .where(and(eq(ledgerTransactions.orderId, order.id), eq(ledgerTransactions.kind, 'earning')));
    expect(earning).toHaveLength(1);
    expect(await orderLedgerSummary(order.id)).toMatchObject({ refundedMinor: 40, isEarningBooked: true });
    await expectLedgerBalanced();
  });

  it('a reprint of a printed order is free, and canceling it refunds nothing', async () => {
    const { shop, owner } = await createPrintShop({ printers: [{ name: 'Counter colour', uri: colour.uri }] });
    const { order } = await createPaidOrder(live, { shopId: shop.id, pages: 1 });
    await eventually('ready', async () => (await orderById(order.id)).status === 'ready', 120_000);
    await db.update(printers).set({ isEnabled: false }).where(eq(printers.shopId, shop.id));
    const reprintId = await reprintJob({ shopId: shop.id, ownerId: owner.id, orderId: order.id });
    expect(await jobById(reprintId)).toMatchObject({ isReprint: true, acceptedAt: expect.any(Date) });
    await cancelPrintJob({ shopId: shop.id, ownerId: owner.id, jobId: reprintId });
    expect(await jobById(reprintId)).toMatchObject({ state: 'canceled', refundDue: null });
    expect(await orderLedgerSummary(order.id)).toMatchObject({ refundedMinor: 0 });
    const [row] = await db.select().from(orders).where(eq(orders.id, order.id));
    expect(row.status).toBe('ready');
  });
});
