import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import { db } from '@/db/client';
import { ledgerEntries, ledgerTransactions, orders, transfers } from '@/db/schema';
import { accountBalances } from './ledger';
import { stripe } from './stripe-client';

export type TReconciliationIssue = { kind: string; stripeId: string | null; orderNumber?: string | null; message: string; ledgerMinor?: number; stripeMinor?: number };
export type TReconciliationReport = { checkedCharges: number; checkedTransfers: number; ledgerBalanced: boolean; issues: TReconciliationIssue[] };

async function listAll<T extends { id: string }>(page: (startingAfter?: string) => Promise<Stripe.ApiList<T>>): Promise<T[]> {
  const all: T[] = [];
  let startingAfter: string | undefined;
  for (;;) {
    const batch = await page(startingAfter);
    all.push(...batch.data);
    if (!batch.has_more || batch.data.length === 0) return all;
    startingAfter = batch.data.at(-1)!.id;
  }
}

/**
 * Compares the ledger with Stripe: every charge, refund and transfer at Stripe that belongs
 * to Nearprint should be booked with the same amount, and nothing booked should be missing
 * at Stripe. Also checks the ledger's own invariant (all accounts sum to zero).
 */
export async function reconcileWithStripe(): Promise<TReconciliationReport> {
  const issues: TReconciliationIssue[] = [];
  const booked = await db
    .select({
      stripeObjectId: ledgerTransactions.stripeObjectId,
      kind: ledgerTransactions.kind,
      amount: sql<number>`sum(case when ${ledgerEntries.account} = 'stripe_balance' then ${ledgerEntries.amountMinor} else 0 end)::int`,
    })
    .from(ledgerTransactions)
    .innerJoin(ledgerEntries, eq(ledgerEntries.transactionId, ledgerTransactions.id))
    .groupBy(ledgerTransactions.stripeObjectId, ledgerTransactions.kind);
  const bookedById = new Map(booked.map((b) => [b.stripeObjectId, b]));

  const paidOrders = await db.select({ id: orders.id, number: orders.number, chargeId: orders.stripeChargeId }).from(orders).where(isNotNull(orders.stripeChargeId));
  const orderByCharge = new Map(paidOrders.map((o) => [o.chargeId!, o]));

  const charges = await listAll<Stripe.Charge>((startingAfter) => stripe().charges.list({ limit: 100, starting_after: startingAfter }));
  let checkedCharges = 0;
  for (const charge of charges) {
    const isOurs = !!charge.metadata?.order_id || orderByCharge.has(charge.id);
    if (!isOurs || charge.status !== 'succeeded') continue;
    checkedCharges++;
    const order = orderByCharge.get(charge.id);
    const ledger = bookedById.get(charge.id);
    if (!ledger) issues.push({ kind: 'charge_not_booked', stripeId: charge.id, orderNumber: order?.number, message: 'Stripe has this payment; the ledger does not.', stripeMinor: charge.amount });
    else if (ledger.amount !== charge.amount)
      issues.push({ kind: 'charge_amount', stripeId: charge.id, orderNumber: order?.number, message: 'Payment amounts differ.', ledgerMinor: ledger.amount, stripeMinor: charge.amount });
    const stripeRefunds = await listAll<Stripe.Refund>((startingAfter) => stripe().refunds.list({ charge: charge.id, limit: 100, starting_after: startingAfter }));
    for (const refund of stripeRefunds.filter((r) => r.status === 'succeeded')) {
      const bookedRefund = bookedById.get(refund.id);
      if (!bookedRefund)
        issues.push({ kind: 'refund_not_booked', stripeId: refund.id, orderNumber: order?.number, message: 'Stripe refunded this; the ledger does not show it.', stripeMinor: refund.amount });
      else if (-bookedRefund.amount !== refund.amount)
        issues.push({ kind: 'refund_amount', stripeId: refund.id, orderNumber: order?.number, message: 'Refund amounts differ.', ledgerMinor: -bookedRefund.amount, stripeMinor: refund.amount });
    }
  }
  const stripeChargeIds = new Set(charges.map((c) => c.id));
  for (const b of booked.filter((b) => b.kind === 'charge' && !stripeChargeIds.has(b.stripeObjectId))) {
    issues.push({ kind: 'charge_missing_at_stripe', stripeId: b.stripeObjectId, message: 'Booked as paid, but Stripe has no such payment.', ledgerMinor: b.amount });
  }

  const stripeTransfers = await listAll<Stripe.Transfer>((startingAfter) => stripe().transfers.list({ limit: 100, starting_after: startingAfter }));
  const ourTransfers = stripeTransfers.filter((t) => t.metadata?.shop_id);
  for (const transfer of ourTransfers) {
    const ledger = bookedById.get(transfer.id);
    if (!ledger) issues.push({ kind: 'transfer_not_booked', stripeId: transfer.id, message: 'Stripe made this payout; the ledger does not show it.', stripeMinor: transfer.amount });
    else if (-ledger.amount !== transfer.amount - transfer.amount_reversed)
      issues.push({ kind: 'transfer_amount', stripeId: transfer.id, message: 'Payout amounts differ.', ledgerMinor: -ledger.amount, stripeMinor: transfer.amount - transfer.amount_reversed });
  }
  const stuck = await db
    .select({ id: transfers.id, status: transfers.status })
    .from(transfers)
    .where(and(inArray(transfers.status, ['pending', 'unknown']), sql`${transfers.createdAt} < now() - interval '10 minutes'`));
  for (const row of stuck)
    issues.push({
      kind: 'transfer_pending',
      stripeId: null,
      message: row.status === 'unknown' ? `Payout ${row.id}: Stripe never confirmed it; the next payout run looks it up and completes it.` : `Payout ${row.id} has been pending for over 10 minutes.`,
    });

  const balances = await accountBalances();
  const ledgerBalanced = Object.values(balances).reduce((a, b) => a + b, 0) === 0;
  if (!ledgerBalanced) issues.push({ kind: 'ledger_unbalanced', stripeId: null, message: 'The ledger accounts do not sum to zero.' });
  const stripeBalance = await stripe().balance.retrieve();
  const available = stripeBalance.available.reduce((sum, b) => sum + b.amount, 0) + stripeBalance.pending.reduce((sum, b) => sum + b.amount, 0);
  if (available !== balances.stripe_balance) {
    issues.push({
      kind: 'balance',
      stripeId: null,
      message: 'The platform balance at Stripe differs from the ledger (other activity on the account, or fees).',
      ledgerMinor: balances.stripe_balance,
      stripeMinor: available,
    });
  }
  return { checkedCharges, checkedTransfers: ourTransfers.length, ledgerBalanced, issues };
}
