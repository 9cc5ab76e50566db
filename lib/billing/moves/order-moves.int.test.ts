import { registerLivePrintStack } from '@/lib/print-jobs/testing/live-print-stack';
import { expectLedgerBalanced } from '@/lib/billing/testing/expect-ledger-balanced';
import { and, eq, sql } from 'drizzle-orm';
import Stripe from 'stripe';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { ledgerTransactions, mailOutbox, orderMoves, printers, printJobs, shops } from '@/db/schema';
import { colorDuplexPdfPrinter } from '@/dev/printers/printer-presets';
import { type TPrinterHandle } from '@/dev/printers/start-printer';
import { type TBillingStripe } from '@/dev/test-support/billing-fixtures';
import { eventually } from '@/dev/test-support/fixtures';
import { orderLedgerSummary } from '../ledger';
import { acceptJob } from '@/lib/shop-queue/accept-job';
import { rejectJob } from '@/lib/shop-queue/reject-job';
import { createPaidOrder, createPrintShop, jobById, orderById } from '@/lib/print-jobs/testing/print-fixtures';
import { refreshShopCapabilities } from '@/lib/shops/refresh-shop-capabilities';
import { completeOrderMove } from './complete-order-move';
import { listMoveOptions } from './list-move-options';
import { moveOrder } from './move-order';
import { refundInsteadOfMove } from './refund-instead-of-move';

/** Somewhere no other test puts shops, so search around it finds only this file's. */
const HERE = { lat: 47.0 + Math.random(), lng: 8.0 + Math.random() };
const stack = registerLivePrintStack({
  name: 'move',
  printers: [(spoolDir) => colorDuplexPdfPrinter({ name: 'Move printer', spoolDir, pagesPerMinute: 600, pagesPerMinuteColor: 600 })],
});
let live: TBillingStripe;
let printer: TPrinterHandle;

beforeAll(() => {
  process.env.FAILOVER_AFTER_MINUTES = '0';
  ({
    live,
    printers: [printer],
  } = stack);
});

/** A shop whose only printer is switched off after the order was paid: the job waits for a printer. */
async function stuckOrder(monoMinor = 20) {
  const { shop, owner } = await createPrintShop({ printers: [{ name: 'Broken', uri: printer.uri }], monoMinor, at: HERE, name: `Stuck ${monoMinor}`, autoAccept: false });
  const paid = await createPaidOrder(live, { shopId: shop.id, pages: 10 });
  await db.update(printers).set({ isEnabled: false }).where(eq(printers.shopId, shop.id));
  await refreshShopCapabilities(shop.id);
  await acceptJob({ shopId: shop.id, ownerId: owner.id, jobId: paid.job.id });
  await eventually('job waiting for a printer', async () => (await jobById(paid.job.id)).waitingSince !== null, 60_000);
  return { shop, ...paid };
}

describe('moving a stuck order to another shop', () => {
  let cheap: Awaited<ReturnType<typeof createPrintShop>>;
  let dear: Awaited<ReturnType<typeof createPrintShop>>;

  beforeAll(async () => {
    cheap = await createPrintShop({ printers: [{ name: 'P', uri: printer.uri }], monoMinor: 10, at: { lat: HERE.lat + 0.001, lng: HERE.lng }, name: 'Cheap copies' });
    dear = await createPrintShop({ printers: [{ name: 'P', uri: printer.uri }], monoMinor: 40, at: { lat: HERE.lat + 0.002, lng: HERE.lng }, name: 'Dear copies' });
  });

  it('offers the next-ranked shops with fresh quotes, moves to a cheaper one in one step and refunds the difference', async () => {
    const { order, job, customerId } = await stuckOrder();
    // 10 pages at 20c + €1 fee = €3.00 paid.
    expect(order.totalMinor).toBe(300);
    const offer = await listMoveOptions({ orderId: order.id, customerId });
    expect(offer.eligibility).toMatchObject({ canMove: true, reason: 'no_printer' });
    expect(offer.creditMinor).toBe(300);
    const cheapOption = offer.options.find((o) => o.shopId === cheap.shop.id)!;
    expect(cheapOption).toMatchObject({ totalMinor: 200, differenceMinor: -100 });
    expect(offer.options.find((o) => o.shopId === dear.shop.id)).toMatchObject({ totalMinor: 500, differenceMinor: 200 });

    await expect(moveOrder({ orderId: order.id, customerId, toShopId: cheap.shop.id, expectedTotalMinor: 150 })).resolves.toEqual({ kind: 'price_changed', totalMinor: 200 });
    expect(await moveOrder({ orderId: order.id, customerId, toShopId: cheap.shop.id, expectedTotalMinor: 200 })).toEqual({ kind: 'moved', refundedMinor: 100 });

    const moved = await orderById(order.id);
    expect(moved).toMatchObject({ shopId: cheap.shop.id, totalMinor: 200, number: order.number });
    expect(await jobById(job.id)).toMatchObject({ state: 'canceled', refundDue: null });
    expect(await orderLedgerSummary(order.id)).toMatchObject({ paidMinor: 300, refundedMinor: 100 });
    await eventually('printed at the new shop', async () => (await orderById(order.id)).status === 'ready', 120_000);
    const [newJob] = await db
      .select()
      .from(printJobs)
      .where(and(eq(printJobs.orderId, order.id), eq(printJobs.shopId, cheap.shop.id)));
    expect(newJob.state).toBe('printed');
    await expectLedgerBalanced();
    // Each step mailed once, from the gate that made it: the first shop (which accepts by hand) was
    // asked to accept; the customer heard of the payment, the move, the refunded difference and pickup.
    const mails = await db
      .select({ kind: mailOutbox.kind })
      .from(mailOutbox)
      .where(sql`${mailOutbox.payload} ->> 'orderId' = ${order.id}`);
    expect(mails.map((mail) => mail.kind).sort()).toEqual(['order.moved', 'order.ready', 'order.receipt', 'order.refunded', 'shop.job_awaiting_acceptance']);
  });

  it('charges only the difference for a dearer shop, then refunds both payments if that shop declines', async () => {
    await db.update(shops).set({ autoAccept: false }).where(eq(shops.id, dear.shop.id));
    const { order, customerId } = await stuckOrder();
    const result = await moveOrder({ orderId: order.id, customerId, toShopId: dear.shop.id, expectedTotalMinor: 500 });
    expect(result.kind).toBe('checkout');
    const [move] = await db.select().from(orderMoves).where(eq(orderMoves.orderId, order.id));
    expect(move).toMatchObject({ status: 'pending_payment', creditMinor: 300, differenceMinor: 200 });
    expect((await orderById(order.id)).shopId).not.toBe(dear.shop.id);

    // The webhook applies the move; nothing the customer opens does (no GET changes state).
    await live.control(`/_emulator/checkout/sessions/${move.stripeCheckoutSessionId}/pay`, {});
    await eventually('the move applied by the webhook', async () => (await orderById(order.id)).shopId === dear.shop.id);
    expect(await completeOrderMove(move.id)).toBe('completed'); // idempotent
    const moved = await orderById(order.id);
    expect(moved).toMatchObject({ shopId: dear.shop.id, totalMinor: 500, status: 'paid' });
    const charges = await db
      .select()
      .from(ledgerTransactions)
      .where(and(eq(ledgerTransactions.orderId, order.id), eq(ledgerTransactions.kind, 'charge')));
    expect(charges).toHaveLength(2);
    expect(await orderLedgerSummary(order.id)).toMatchObject({ paidMinor: 500, refundedMinor: 0 });

    const [newJob] = await db
      .select()
      .from(printJobs)
      .where(and(eq(printJobs.orderId, order.id), eq(printJobs.shopId, dear.shop.id)));
    await rejectJob({ shopId: dear.shop.id, ownerId: dear.owner.id, jobId: newJob.id, reason: { reasonCode: 'content', note: '' } });
    await eventually('refunded in full', async () => (await orderById(order.id)).status === 'refunded');
    expect(await orderLedgerSummary(order.id)).toMatchObject({ paidMinor: 500, refundedMinor: 500 });
    const stripe = new Stripe('sk_test_x', { ...live.emulator.stripeConfig });
    const [updated] = await db.select().from(orderMoves).where(eq(orderMoves.id, move.id));
    expect(updated.topUpRefundedMinor).toBe(200);
    const topUpRefunds = await stripe.refunds.list({ payment_intent: updated.stripePaymentIntentId! });
    expect(topUpRefunds.data.map((r) => r.amount)).toEqual([200]);
    await expectLedgerBalanced();
  });

  it('gives a full refund instead, when the customer prefers', async () => {
    const { order, job, customerId } = await stuckOrder();
    expect(await refundInsteadOfMove({ orderId: order.id, customerId })).toEqual({ refundedMinor: 300 });
    expect(await jobById(job.id)).toMatchObject({ state: 'canceled' });
    // Paid by this call, or by the worker's housekeeping when it claimed the owed refund first.
    await eventually('refunded in full', async () => (await orderById(order.id)).status === 'refunded', 60_000);
    await expect(listMoveOptions({ orderId: order.id, customerId })).resolves.toMatchObject({ eligibility: { canMove: false } });
    await expectLedgerBalanced();
  });
});
