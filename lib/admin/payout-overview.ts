import { desc, eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { auditLog, shops, transfers, users } from '@/db/schema';
import { shopBalances, type TPayoutOutcome } from '@/lib/billing/run-payouts';

export type TPayoutReadiness = 'ready' | 'no_account' | 'onboarding_incomplete' | 'nothing_owed' | 'owes_platform';

/**
 * Each shop with money in the ledger, whether the next payout run can pay it, and why not.
 * Mirrors runPayouts' own rule (a connected account with payouts enabled, a balance above 0).
 */
export async function payoutOverview() {
  const balances = await shopBalances();
  const rows = balances
    .filter((shop) => shop.balanceMinor !== 0 || shop.stripeAccountId)
    .map((shop) => {
      const readiness: TPayoutReadiness =
        shop.balanceMinor < 0 ? 'owes_platform' : shop.balanceMinor === 0 ? 'nothing_owed' : !shop.stripeAccountId ? 'no_account' : !shop.payoutsEnabled ? 'onboarding_incomplete' : 'ready';
      return { ...shop, readiness };
    })
    .sort((a, b) => b.balanceMinor - a.balanceMinor || a.shopName.localeCompare(b.shopName));
  const payableMinor = rows.filter((r) => r.readiness === 'ready').reduce((sum, r) => sum + r.balanceMinor, 0);
  const heldMinor = rows.filter((r) => r.readiness === 'no_account' || r.readiness === 'onboarding_incomplete').reduce((sum, r) => sum + r.balanceMinor, 0);
  return { shops: rows, payableMinor, heldMinor };
}

/** Transfers to shops, newest first: each payout run's rows with their Stripe id or failure. */
export async function payoutHistory(options: { limit?: number } = {}) {
  return db
    .select({
      id: transfers.id,
      runId: transfers.runId,
      shopId: transfers.shopId,
      shopName: shops.name,
      amountMinor: transfers.amountMinor,
      currency: transfers.currency,
      status: transfers.status,
      stripeTransferId: transfers.stripeTransferId,
      failureMessage: transfers.failureMessage,
      createdAt: transfers.createdAt,
      createdByEmail: users.email,
    })
    .from(transfers)
    .innerJoin(shops, eq(shops.id, transfers.shopId))
    .leftJoin(users, eq(users.id, transfers.createdBy))
    .orderBy(desc(transfers.createdAt), sql`${transfers.id}`)
    .limit(options.limit ?? 200);
}

/** The last payout run's report (kept in its audit entry, skipped shops included), or null before the first run. */
export async function latestPayoutRun() {
  const [row] = await db
    .select({ entry: auditLog, adminEmail: users.email })
    .from(auditLog)
    .innerJoin(users, eq(users.id, auditLog.actorId))
    .where(eq(auditLog.action, 'payouts.run'))
    .orderBy(desc(auditLog.id))
    .limit(1);
  if (!row) return null;
  const outcomes = (row.entry.after?.outcomes ?? []) as TPayoutOutcome[];
  return { runId: row.entry.targetId, at: row.entry.createdAt, adminEmail: row.adminEmail, outcomes };
}
