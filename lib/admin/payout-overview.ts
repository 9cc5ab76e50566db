import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db/client';
import { auditLog, shops, transferStatus, transfers, users } from '@/db/schema';
import { shopBalances, type TPayoutOutcome } from '@/lib/billing/run-payouts';
import { CSV_BATCH_ROWS, csvMoney, csvTime, type TCsvColumn } from './csv-export';
import { dayRangeBounds, refineDayRange, ZOptionalDay, ZOptionalUuid } from './filter-schemas';

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

export const ZPayoutFilters = z
  .object({
    shopId: ZOptionalUuid('Unknown shop'),
    status: z.preprocess((v) => (v === '' ? undefined : v), z.enum(transferStatus.enumValues, 'Unknown payout state').optional()),
    from: ZOptionalDay,
    to: ZOptionalDay,
  })
  .superRefine(refineDayRange);
export type TPayoutFilters = z.infer<typeof ZPayoutFilters>;

function payoutConditions(filters: TPayoutFilters): SQL | undefined {
  const { start, endExclusive } = dayRangeBounds(filters);
  return and(
    filters.shopId ? eq(transfers.shopId, filters.shopId) : undefined,
    filters.status ? eq(transfers.status, filters.status) : undefined,
    start ? gte(transfers.createdAt, start) : undefined,
    endExclusive ? lt(transfers.createdAt, endExclusive) : undefined,
  );
}

function selectTransfers() {
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
      /** created_at to the microsecond, for the export's keyset. */
      cursor: sql<string>`${transfers.createdAt}::text`,
    })
    .from(transfers)
    .innerJoin(shops, eq(shops.id, transfers.shopId))
    .leftJoin(users, eq(users.id, transfers.createdBy));
}

/** Transfers to shops, newest first: each payout run's rows with their Stripe id or failure. */
export async function payoutHistory(options: { limit?: number } = {}) {
  return selectTransfers()
    .orderBy(desc(transfers.createdAt), desc(transfers.id))
    .limit(options.limit ?? 200);
}

type TTransferRow = Awaited<ReturnType<typeof payoutHistory>>[number];

/** Every transfer the filters match, newest first, a batch at a time (keyset on created_at and id). */
export async function* payoutExportBatches(filters: TPayoutFilters) {
  const where = payoutConditions(filters);
  let after: { cursor: string; id: string } | null = null;
  for (;;) {
    const page: SQL | undefined = after ? sql`(${transfers.createdAt}, ${transfers.id}) < (${after.cursor}::timestamptz, ${after.id}::uuid)` : undefined;
    const rows: TTransferRow[] = await selectTransfers().where(and(where, page)).orderBy(desc(transfers.createdAt), desc(transfers.id)).limit(CSV_BATCH_ROWS);
    if (!rows.length) return;
    yield rows;
    const last = rows[rows.length - 1];
    after = { cursor: last.cursor, id: last.id };
  }
}

/** The payouts export: one line per transfer to a shop, with its Stripe id or why it failed. */
export const PAYOUT_CSV_COLUMNS: readonly TCsvColumn<TTransferRow>[] = [
  { header: 'When (UTC)', kind: 'text', value: (t) => csvTime(t.createdAt) },
  { header: 'Shop', kind: 'text', value: (t) => t.shopName },
  { header: 'Status', kind: 'text', value: (t) => t.status },
  { header: 'Currency', kind: 'text', value: (t) => t.currency.toUpperCase() },
  { header: 'Amount', kind: 'number', value: (t) => csvMoney(t.amountMinor, t.currency) },
  { header: 'Stripe transfer', kind: 'text', value: (t) => t.stripeTransferId },
  { header: 'Failure', kind: 'text', value: (t) => t.failureMessage },
  { header: 'Run by', kind: 'text', value: (t) => t.createdByEmail },
  { header: 'Run id', kind: 'text', value: (t) => t.runId },
  { header: 'Shop id', kind: 'text', value: (t) => t.shopId },
  { header: 'Transfer id', kind: 'text', value: (t) => t.id },
];

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
