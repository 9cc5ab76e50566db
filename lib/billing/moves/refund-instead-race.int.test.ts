import { registerLivePrintStack } from '@/lib/print-jobs/testing/live-print-stack';
import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { printers, refunds } from '@/db/schema';
import { colorDuplexPdfPrinter } from '@/dev/printers/printer-presets';
import { type TPrinterHandle } from '@/dev/printers/start-printer';
import { type TBillingStripe } from '@/dev/test-support/billing-fixtures';
import { eventually } from '@/dev/test-support/fixtures';
import { clearPauses, pauseAt } from '@/dev/test-support/pause-at';
import { createPaidOrder, createPrintShop, jobById, orderById } from '@/lib/print-jobs/testing/print-fixtures';
import { acceptJob } from '@/lib/shop-queue/accept-job';
import { refreshShopCapabilities } from '@/lib/shops/refresh-shop-capabilities';
import { accountBalances, orderLedgerSummary } from '../ledger';
import { refundInsteadOfMove } from './refund-instead-of-move';

/**
 * "Refund instead" pressed while the shop's printer comes back and the dispatcher sends the
 * job: either the refund is refused and the job prints, or the job is canceled and refunded,
 * never both. The real print worker dispatches to a real IPP printer (ippeveprinter).
 */

const stack = registerLivePrintStack({
  name: 'refund-race',
  printers: [(spoolDir) => colorDuplexPdfPrinter({ name: 'Refund race printer', spoolDir, pagesPerMinute: 600, pagesPerMinuteColor: 600 })],
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

afterEach(() => {
  clearPauses();
});

/** A paid, accepted order whose shop's only printer is switched off: the job waits, and the customer is offered a refund instead. */
async function waitingOrder() {
  const { shop, owner } = await createPrintShop({ printers: [{ name: 'Switched off', uri: printer.uri }], autoAccept: false, name: 'Refund race copies' });
  const paid = await createPaidOrder(live, { shopId: shop.id, pages: 3 });
  await db.update(printers).set({ isEnabled: false }).where(eq(printers.shopId, shop.id));
  await refreshShopCapabilities(shop.id);
  await acceptJob({ shopId: shop.id, ownerId: owner.id, jobId: paid.job.id });
  await eventually('the job waiting for a printer', async () => (await jobById(paid.job.id)).waitingSince !== null, 60_000);
  return { shop, ...paid };
}

describe('refund instead, while the dispatcher sends the job', () => {
  it('the job left for the printer in the gap: the refund is refused, nothing is refunded, and the job prints', async () => {
    const { shop, order, job, customerId } = await waitingOrder();
    const gap = pauseAt('refund-instead:before-cancel');
    const asking = refundInsteadOfMove({ orderId: order.id, customerId }).then(
      (value) => ({ ok: true as const, value }),
      (error: Error) => ({ ok: false as const, error }),
    );
    await gap.reached;
    // The customer saw "waiting for a printer" and pressed the button; meanwhile the printer comes back.
    await db.update(printers).set({ isEnabled: true }).where(eq(printers.shopId, shop.id));
    await refreshShopCapabilities(shop.id);
    await eventually('the dispatcher sending the job', async () => ['sending', 'printing', 'printed'].includes((await jobById(job.id)).state), 120_000);
    gap.release();
    const outcome = await asking;

    // Never both: the job prints, so nothing may be refunded.
    await eventually('the job printed', async () => (await jobById(job.id)).state === 'printed', 120_000);
    expect(await db.select().from(refunds).where(eq(refunds.orderId, order.id))).toEqual([]);
    expect(await orderLedgerSummary(order.id)).toMatchObject({ paidMinor: order.totalMinor, refundedMinor: 0 });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.message).toMatch(/started printing.*Nothing was refunded/);
    expect((await orderById(order.id)).status).not.toBe('refunded');
    const balances = await accountBalances();
    expect(Object.values(balances).reduce((a, b) => a + b, 0)).toBe(0);
  });

  it('the job was still waiting: it is canceled through the state gate and refunded, and never reaches the printer', async () => {
    const { shop, order, job, customerId } = await waitingOrder();
    expect(await refundInsteadOfMove({ orderId: order.id, customerId })).toEqual({ refundedMinor: order.totalMinor });
    expect(await jobById(job.id)).toMatchObject({ state: 'canceled', refundDue: 'print_failed' });
    // The refund is paid by this call or, when the worker's housekeeping claimed the owed refund
    // first, by the worker: either way once, and soon.
    await eventually('the order refunded', async () => (await orderById(order.id)).status === 'refunded', 60_000);
    expect(await db.select().from(refunds).where(eq(refunds.orderId, order.id))).toMatchObject([{ amountMinor: order.totalMinor, status: 'succeeded' }]);
    // The printer coming back now finds nothing of this order to send.
    await db.update(printers).set({ isEnabled: true }).where(eq(printers.shopId, shop.id));
    await refreshShopCapabilities(shop.id);
    expect(await jobById(job.id)).toMatchObject({ state: 'canceled', dispatchedAt: null });
    expect(await orderLedgerSummary(order.id)).toMatchObject({ paidMinor: order.totalMinor, refundedMinor: order.totalMinor });
  }, 120_000);
});
