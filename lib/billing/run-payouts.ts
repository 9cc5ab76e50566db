import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, max, sql } from 'drizzle-orm';
import Stripe from 'stripe';
import { db } from '@/db/client';
import { ledgerEntries, shops, transfers, type TTransfer } from '@/db/schema';
import { env } from '@/lib/config/env';
import { appendEvent } from '@/lib/events/append-event';
import { postLedgerTransaction, shopBalanceMinor } from './ledger';
import { stripe } from './stripe-client';

export type TPayoutOutcome = { shopId: string; shopName: string; amountMinor: number; status: 'paid' | 'failed' | 'skipped' | 'unknown'; message: string };

type TShopBalance = Awaited<ReturnType<typeof shopBalances>>[number];
type TTx = Parameters<Parameters<typeof db.transaction>[0]>[0];

/** A pending transfer whose run asked Stripe longer ago than this was left by a run that died (the SDK gives up within a minute). */
const STALE_ATTEMPT_MS = 5 * 60_000;

/** Each shop with money owed to it, and whether Stripe can pay it. */
export async function shopBalances() {
  const rows = await db
    .select({
      shopId: shops.id,
      shopName: shops.name,
      stripeAccountId: shops.stripeAccountId,
      payoutsEnabled: shops.stripePayoutsEnabled,
      balanceMinor: sql<number>`coalesce(-(select sum(le.amount_minor) from ledger_entries le where le.account = 'shop_payable' and le.shop_id = shops.id), 0)::int`,
    })
    .from(shops);
  return rows;
}

/**
 * Stripe answered and refused: a 4xx other than 409 (a concurrent request with the key) and 429
 * (rate limit), so nothing was made. Anything else (timeout, connection reset, 5xx, an error
 * after Stripe answered) leaves the transfer's fate unknown.
 */
function isDefinitiveFailure(error: unknown): error is Stripe.errors.StripeError {
  if (!(error instanceof Stripe.errors.StripeError) || typeof error.statusCode !== 'number') return false;
  return error.statusCode >= 400 && error.statusCode < 500 && error.statusCode !== 409 && error.statusCode !== 429;
}

/** The transfer group that names one transfers row at Stripe, the same on every attempt. */
function transferGroupOf(row: TTransfer): string {
  return `nearprint-transfer-${row.id}`;
}

/**
 * The transfer Stripe made for this row, if any, found by its transfer group and metadata (rows
 * from before transfer groups were per row used `payout-<run id>`). Asked before any retry, so a
 * transfer made under an idempotency key Stripe has since forgotten (they last 24 hours) is
 * still found rather than made again.
 */
async function findTransferAtStripe(row: TTransfer): Promise<Stripe.Transfer | null> {
  for (const group of [transferGroupOf(row), `payout-${row.runId}`]) {
    const found = await stripe().transfers.list({ transfer_group: group, limit: 100 });
    const match = found.data.find((transfer) => transfer.metadata?.transfer_id === row.id);
    if (match) return match;
  }
  return null;
}

/**
 * What an earlier run left open for the shop: a transfer whose answer was lost (`unknown`), or
 * one still `pending` from a run that died. Claimed under the shop's row lock (status back to
 * pending, attemptedAt now), so only one run retries it. `busy`: another run is asking Stripe.
 */
async function claimOpenTransfer(shopId: string): Promise<{ kind: 'none' } | { kind: 'busy' } | { kind: 'claimed'; row: TTransfer }> {
  return db.transaction(async (tx) => {
    await tx.select({ id: shops.id }).from(shops).where(eq(shops.id, shopId)).for('update');
    const [open] = await tx
      .select()
      .from(transfers)
      .where(and(eq(transfers.shopId, shopId), inArray(transfers.status, ['pending', 'unknown'])))
      .orderBy(asc(transfers.createdAt))
      .limit(1);
    if (!open) return { kind: 'none' };
    const attemptedAt = open.attemptedAt ?? open.createdAt;
    if (open.status === 'pending' && Date.now() - attemptedAt.getTime() < STALE_ATTEMPT_MS) return { kind: 'busy' };
    const [row] = await tx.update(transfers).set({ status: 'pending', attemptedAt: new Date() }).where(eq(transfers.id, open.id)).returning();
    return { kind: 'claimed', row };
  });
}

/**
 * A new transfer row for the shop's whole balance, unless one is open (then `busy`) or nothing
 * is owed. The shop's row is locked, so at most one transfer per shop is ever in flight. The
 * idempotency key names the shop and the last ledger entry the balance includes; a definitive
 * failure keeps its key (Stripe replays errors for a key), so the next try takes the next one.
 */
async function reserveTransfer(shop: TShopBalance, runId: string, adminId: string): Promise<{ kind: 'busy' } | { kind: 'nothing' } | { kind: 'reserved'; row: TTransfer }> {
  return db.transaction(async (tx) => {
    await tx.select({ id: shops.id }).from(shops).where(eq(shops.id, shop.shopId)).for('update');
    const [open] = await tx
      .select({ id: transfers.id })
      .from(transfers)
      .where(and(eq(transfers.shopId, shop.shopId), inArray(transfers.status, ['pending', 'unknown'])))
      .limit(1);
    if (open) return { kind: 'busy' };
    const balance = await shopBalanceMinor(shop.shopId, tx);
    if (balance <= 0) return { kind: 'nothing' };
    const [last] = await tx
      .select({ id: max(ledgerEntries.id) })
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.account, 'shop_payable'), eq(ledgerEntries.shopId, shop.shopId)));
    const base = `payout:${shop.shopId}:${last.id ?? 0}:${balance}`;
    const [failed] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(transfers)
      .where(and(sql`${transfers.idempotencyKey} like ${`${base}:%`}`, eq(transfers.status, 'failed')));
    const [row] = await tx
      .insert(transfers)
      .values({ runId, shopId: shop.shopId, amountMinor: balance, currency: env().CURRENCY, idempotencyKey: `${base}:${failed.n}`, createdBy: adminId, attemptedAt: new Date() })
      .onConflictDoNothing({ target: transfers.idempotencyKey })
      .returning();
    return row ? { kind: 'reserved', row } : { kind: 'busy' };
  });
}

/** Books a transfer Stripe made: the row is paid and the ledger moves it off the shop's balance, once per Stripe transfer id. */
async function bookTransfer(tx: TTx, row: TTransfer, transfer: Stripe.Transfer, shopName: string, actor: string): Promise<void> {
  await tx.update(transfers).set({ status: 'paid', stripeTransferId: transfer.id, failureMessage: null }).where(eq(transfers.id, row.id));
  const isBooked = await postLedgerTransaction(
    {
      kind: 'transfer',
      stripeObjectId: transfer.id,
      shopId: row.shopId,
      description: `Payout to ${shopName}`,
      currency: row.currency,
      lines: [
        { account: 'shop_payable', amountMinor: row.amountMinor, shopId: row.shopId },
        { account: 'stripe_balance', amountMinor: -row.amountMinor },
      ],
    },
    tx,
  );
  if (isBooked) await appendEvent({ type: 'shop.payout_paid', shopId: row.shopId, actor, data: { amountMinor: row.amountMinor, transferId: transfer.id } }, tx);
}

/**
 * Asks Stripe for the row's transfer, always with the row's own idempotency key and the same
 * parameters, and books it. A retry first looks the transfer up (findTransferAtStripe). Stripe's
 * refusal marks the row failed; a lost answer marks it unknown, for the next run to resolve
 * with the same key, never a new one.
 */
async function attemptTransfer(row: TTransfer, shop: TShopBalance, options: { isRetry: boolean; actor: string }): Promise<TPayoutOutcome> {
  const outcome = (status: TPayoutOutcome['status'], message: string): TPayoutOutcome => ({ shopId: shop.shopId, shopName: shop.shopName, amountMinor: row.amountMinor, status, message });
  const unknown = async (error: unknown) => {
    const message = 'Stripe did not answer, so this transfer may or may not have been made. The next payout run looks it up at Stripe and asks again with the same key; it is never paid twice.';
    await db.update(transfers).set({ status: 'unknown', failureMessage: message }).where(eq(transfers.id, row.id));
    console.error(`[payouts] transfer ${row.id} for shop ${shop.shopId}: outcome unknown (${error instanceof Error ? error.message : String(error)})`);
    return outcome('unknown', message);
  };
  let found: Stripe.Transfer | null = null;
  if (options.isRetry) {
    try {
      found = await findTransferAtStripe(row);
    } catch (error) {
      return unknown(error);
    }
  }
  let transfer: Stripe.Transfer;
  try {
    transfer =
      found ??
      (await stripe().transfers.create(
        {
          amount: row.amountMinor,
          currency: row.currency,
          destination: shop.stripeAccountId ?? '',
          transfer_group: transferGroupOf(row),
          description: `Nearprint payout to ${shop.shopName}`,
          metadata: { shop_id: shop.shopId, transfer_id: row.id },
        },
        { idempotencyKey: row.idempotencyKey },
      ));
  } catch (error) {
    if (!isDefinitiveFailure(error)) return unknown(error);
    await db.update(transfers).set({ status: 'failed', failureMessage: error.message }).where(eq(transfers.id, row.id));
    return outcome('failed', error.message);
  }
  try {
    await db.transaction((tx) => bookTransfer(tx, row, transfer, shop.shopName, options.actor));
  } catch (error) {
    // Stripe made it; the row stays pending and the next run finds it by its group and books it.
    console.error(`[payouts] transfer ${transfer.id} (row ${row.id}) was made but not booked:`, error);
    return outcome('unknown', `Transfer ${transfer.id} was made but could not be recorded yet; the next payout run records it.`);
  }
  return outcome('paid', `Transfer ${transfer.id}`);
}

/**
 * Pays every shop its ledger balance by Stripe Transfer to its connected account, one transfer
 * in flight per shop. First it resolves what an earlier run left open (an answer lost to a
 * timeout, reset or 5xx; a run that died): looked up at Stripe, else asked again with the same
 * idempotency key, so a transfer Stripe made is never made twice. A transfer is booked in the
 * ledger only once Stripe has made it, once per Stripe transfer id. Two admins pressing the
 * button together, or a retry after a crash, make one transfer for one balance.
 */
export async function runPayouts(options: { adminId: string }): Promise<{ runId: string; outcomes: TPayoutOutcome[] }> {
  const runId = randomUUID();
  const outcomes: TPayoutOutcome[] = [];
  const skipped = (shop: TShopBalance, message: string) => outcomes.push({ shopId: shop.shopId, shopName: shop.shopName, amountMinor: shop.balanceMinor, status: 'skipped', message });
  for (const shop of await shopBalances()) {
    const open = await claimOpenTransfer(shop.shopId);
    if (open.kind === 'busy') {
      skipped(shop, 'This balance is already being paid (another payout run is on it).');
      continue;
    }
    if (open.kind === 'claimed') {
      const retried = await attemptTransfer(open.row, shop, { isRetry: true, actor: options.adminId });
      outcomes.push(retried);
      if (retried.status !== 'paid') continue;
    }
    if (shop.balanceMinor <= 0 && open.kind === 'none') continue;
    if (!shop.stripeAccountId || !shop.payoutsEnabled) {
      if (open.kind === 'none') skipped(shop, 'The shop has not finished Stripe payout onboarding.');
      continue;
    }
    const reserved = await reserveTransfer(shop, runId, options.adminId);
    if (reserved.kind === 'busy') skipped(shop, 'This balance is already being paid (another payout run is on it).');
    if (reserved.kind === 'reserved') outcomes.push(await attemptTransfer(reserved.row, shop, { isRetry: false, actor: options.adminId }));
  }
  return { runId, outcomes };
}
