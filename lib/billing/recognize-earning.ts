import { eq } from 'drizzle-orm';
import type { TDatabase } from '@/db/client';
import { orders } from '@/db/schema';
import { orderLedgerSummary, postLedgerTransaction } from './ledger';
import { earningSplit } from './refund-split';

type TTx = Parameters<Parameters<TDatabase['transaction']>[0]>[0];

/**
 * Books the shop's earning when the job is delivered (printer completion + pickup hand-over):
 * what is left of the payment after refunds moves from customer_prepaid to the shop and the
 * platform, the commission scaled to what was kept. Once per order (key earning:<order id>).
 */
export async function recognizeEarning(tx: TTx, orderId: string): Promise<boolean> {
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId));
  if (!order) return false;
  const summary = await orderLedgerSummary(orderId, tx);
  const net = summary.paidMinor - summary.refundedMinor;
  if (summary.isEarningBooked || net <= 0) return false;
  const split = earningSplit(net, summary.paidMinor, order.platformFeeMinor);
  return postLedgerTransaction(
    {
      kind: 'earning',
      stripeObjectId: `earning:${orderId}`,
      orderId,
      shopId: order.shopId,
      description: `Earning for ${order.number}`,
      currency: order.currency,
      lines: [
        { account: 'customer_prepaid', amountMinor: net },
        { account: 'platform_revenue', amountMinor: -split.feeMinor },
        { account: 'shop_payable', amountMinor: -split.shopMinor, shopId: order.shopId },
      ],
    },
    tx,
  );
}
