import { and, eq, sql } from 'drizzle-orm';
import { db, type TDatabase } from '@/db/client';
import { ledgerEntries, ledgerTransactions, type TLedgerAccount, type TLedgerKind } from '@/db/schema';

type TExecutor = Pick<TDatabase, 'insert' | 'select'>;
export type TLedgerLine = { account: TLedgerAccount; amountMinor: number; shopId?: string | null };

export class UnbalancedTransactionError extends Error {}

/**
 * Books one balanced transaction. Idempotent by `stripeObjectId`: booking the same Stripe
 * object again does nothing and returns false, so webhook redeliveries cannot double-count.
 * Call inside the transaction that changes the order, so both commit or neither does.
 */
export async function postLedgerTransaction(
  input: { kind: TLedgerKind; stripeObjectId: string; orderId?: string | null; shopId?: string | null; description: string; currency: string; lines: TLedgerLine[] },
  executor: TExecutor = db,
): Promise<boolean> {
  const lines = input.lines.filter((line) => line.amountMinor !== 0);
  const sum = lines.reduce((total, line) => total + line.amountMinor, 0);
  if (sum !== 0 || lines.some((line) => !Number.isInteger(line.amountMinor))) {
    throw new UnbalancedTransactionError(`Ledger transaction ${input.stripeObjectId} does not balance (${sum}).`);
  }
  const [transaction] = await executor
    .insert(ledgerTransactions)
    .values({ kind: input.kind, stripeObjectId: input.stripeObjectId, orderId: input.orderId, shopId: input.shopId, description: input.description, currency: input.currency })
    .onConflictDoNothing({ target: ledgerTransactions.stripeObjectId })
    .returning({ id: ledgerTransactions.id });
  if (!transaction) return false;
  if (lines.length)
    await executor.insert(ledgerEntries).values(lines.map((line) => ({ transactionId: transaction.id, account: line.account, shopId: line.shopId ?? null, amountMinor: line.amountMinor })));
  return true;
}

/** A shop's balance: what the platform owes it (credit on shop_payable), derived from entries. */
export async function shopBalanceMinor(shopId: string, executor: Pick<TDatabase, 'select'> = db): Promise<number> {
  const [row] = await executor
    .select({ sum: sql<number>`coalesce(-sum(${ledgerEntries.amountMinor}), 0)::int` })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.account, 'shop_payable'), eq(ledgerEntries.shopId, shopId)));
  return row.sum;
}

/**
 * Every account's balance (debit positive); a healthy ledger's balances sum to zero. Summed as
 * bigint: platform_revenue holds every fee ever taken, which passes int4's 2,147,483,647 minor
 * units (21.4 million in euros) in the platform's lifetime; read back as a number, exact to 2^53.
 */
export async function accountBalances(executor: Pick<TDatabase, 'select'> = db): Promise<Record<TLedgerAccount, number>> {
  const rows = await executor
    .select({ account: ledgerEntries.account, sum: sql<number>`sum(${ledgerEntries.amountMinor})::bigint`.mapWith(Number) })
    .from(ledgerEntries)
    .groupBy(ledgerEntries.account);
  const balances: Record<TLedgerAccount, number> = { stripe_balance: 0, customer_prepaid: 0, shop_payable: 0, platform_revenue: 0 };
  for (const row of rows) balances[row.account] = row.sum;
  return balances;
}

/** The ledger's view of one order: paid, refunded, whether the shop's earning was booked. */
export async function orderLedgerSummary(orderId: string, executor: Pick<TDatabase, 'select'> = db) {
  const rows = await executor
    .select({ kind: ledgerTransactions.kind, account: ledgerEntries.account, amountMinor: ledgerEntries.amountMinor })
    .from(ledgerEntries)
    .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerEntries.transactionId))
    .where(eq(ledgerTransactions.orderId, orderId));
  const sumOf = (kind: TLedgerKind, account: TLedgerAccount) => rows.filter((r) => r.kind === kind && r.account === account).reduce((s, r) => s + r.amountMinor, 0);
  const negate = (n: number) => (n === 0 ? 0 : -n); // credits are negative; avoid -0
  return {
    paidMinor: sumOf('charge', 'stripe_balance'),
    refundedMinor: negate(sumOf('refund', 'stripe_balance')),
    isEarningBooked: rows.some((r) => r.kind === 'earning'),
    /** Platform share booked as revenue (earning minus refund reversals). */
    feeBookedMinor: negate(sumOf('earning', 'platform_revenue') + sumOf('refund', 'platform_revenue')),
    /** Shop share booked (earning minus refund reversals). */
    shopBookedMinor: negate(sumOf('earning', 'shop_payable') + sumOf('refund', 'shop_payable')),
  };
}
