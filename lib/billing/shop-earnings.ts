import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { ledgerEntries, ledgerTransactions, orders, transfers } from '@/db/schema';
import { shopBalanceMinor } from './ledger';

/**
 * A shop's money as its owner sees it: the balance the ledger owes it, what is still in
 * progress (paid orders not yet handed over), each order's split, and the transfers received.
 */
export async function shopEarnings(shopId: string) {
  const [balanceMinor, inProgress, perOrder, transferRows] = await Promise.all([
    shopBalanceMinor(shopId),
    db
      .select({ sum: sql<number>`coalesce(sum(${orders.totalMinor} - ${orders.platformFeeMinor}), 0)::int`, count: sql<number>`count(*)::int` })
      .from(orders)
      .where(and(eq(orders.shopId, shopId), inArray(orders.status, ['paid', 'printing', 'ready']))),
    db
      .select({
        id: orders.id,
        number: orders.number,
        status: orders.status,
        paidAt: orders.paidAt,
        totalMinor: orders.totalMinor,
        platformFeeMinor: orders.platformFeeMinor,
        refundedMinor: sql<number>`coalesce((select -sum(le.amount_minor) from ledger_entries le join ledger_transactions lt on lt.id = le.transaction_id where lt.order_id = orders.id and lt.kind = 'refund' and le.account = 'stripe_balance'), 0)::int`,
        earnedMinor: sql<number>`coalesce((select -sum(le.amount_minor) from ledger_entries le join ledger_transactions lt on lt.id = le.transaction_id where lt.order_id = orders.id and le.account = 'shop_payable'), 0)::int`,
      })
      .from(orders)
      .where(and(eq(orders.shopId, shopId), sql`${orders.paidAt} is not null`))
      .orderBy(desc(orders.paidAt))
      .limit(200),
    db.select().from(transfers).where(eq(transfers.shopId, shopId)).orderBy(desc(transfers.createdAt)).limit(100),
  ]);
  const [paidOut] = await db
    .select({ sum: sql<number>`coalesce(sum(${ledgerEntries.amountMinor}), 0)::int` })
    .from(ledgerEntries)
    .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerEntries.transactionId))
    .where(and(eq(ledgerTransactions.kind, 'transfer'), eq(ledgerEntries.account, 'shop_payable'), eq(ledgerEntries.shopId, shopId)));
  return { balanceMinor, inProgressMinor: inProgress[0].sum, inProgressCount: inProgress[0].count, paidOutMinor: paidOut.sum, orders: perOrder, transfers: transferRows };
}
