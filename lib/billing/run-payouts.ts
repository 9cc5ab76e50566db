import { randomUUID } from 'node:crypto';
import { and, eq, max, sql } from 'drizzle-orm';
import Stripe from 'stripe';
import { db } from '@/db/client';
import { ledgerEntries, shops, transfers } from '@/db/schema';
import { env } from '@/lib/config/env';
import { appendEvent } from '@/lib/events/append-event';
import { postLedgerTransaction, shopBalanceMinor } from './ledger';
import { stripe } from './stripe-client';

export type TPayoutOutcome = { shopId: string; shopName: string; amountMinor: number; status: 'paid' | 'failed' | 'skipped'; message: string };

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
 * Pays every shop its ledger balance by Stripe Transfer to its connected account. The
 * idempotency key names the shop and the last ledger entry its balance includes, so two
 * admins pressing the button together, or a retry after a crash, make one transfer for one
 * balance. A transfer is booked in the ledger only once Stripe has created it; failures are
 * recorded and reported, never retried silently.
 */
export async function runPayouts(options: { adminId: string }): Promise<{ runId: string; outcomes: TPayoutOutcome[] }> {
  const runId = randomUUID();
  const currency = env().CURRENCY;
  const outcomes: TPayoutOutcome[] = [];
  for (const shop of await shopBalances()) {
    if (shop.balanceMinor <= 0) continue;
    if (!shop.stripeAccountId || !shop.payoutsEnabled) {
      outcomes.push({ shopId: shop.shopId, shopName: shop.shopName, amountMinor: shop.balanceMinor, status: 'skipped', message: 'The shop has not finished Stripe payout onboarding.' });
      continue;
    }
    const reserved = await db.transaction(async (tx) => {
      const balance = await shopBalanceMinor(shop.shopId, tx);
      const [last] = await tx
        .select({ id: max(ledgerEntries.id) })
        .from(ledgerEntries)
        .where(and(eq(ledgerEntries.account, 'shop_payable'), eq(ledgerEntries.shopId, shop.shopId)));
      // A failed attempt keeps its key (Stripe replays errors for a key), so a retry takes the next one.
      const base = `payout:${shop.shopId}:${last.id ?? 0}:${balance}`;
      const [failed] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(transfers)
        .where(and(sql`${transfers.idempotencyKey} like ${`${base}:%`}`, eq(transfers.status, 'failed')));
      const idempotencyKey = `${base}:${failed.n}`;
      const [row] = await tx
        .insert(transfers)
        .values({ runId, shopId: shop.shopId, amountMinor: balance, currency, idempotencyKey, createdBy: options.adminId })
        .onConflictDoNothing({ target: transfers.idempotencyKey })
        .returning();
      return row;
    });
    if (!reserved) {
      outcomes.push({ shopId: shop.shopId, shopName: shop.shopName, amountMinor: shop.balanceMinor, status: 'skipped', message: 'This balance is already being paid (another payout run is on it).' });
      continue;
    }
    try {
      const transfer = await stripe().transfers.create(
        {
          amount: reserved.amountMinor,
          currency,
          destination: shop.stripeAccountId,
          transfer_group: `payout-${runId}`,
          description: `Nearprint payout to ${shop.shopName}`,
          metadata: { shop_id: shop.shopId, transfer_id: reserved.id },
        },
        { idempotencyKey: reserved.idempotencyKey },
      );
      await db.transaction(async (tx) => {
        await tx.update(transfers).set({ status: 'paid', stripeTransferId: transfer.id }).where(eq(transfers.id, reserved.id));
        await postLedgerTransaction(
          {
            kind: 'transfer',
            stripeObjectId: transfer.id,
            shopId: shop.shopId,
            description: `Payout to ${shop.shopName}`,
            currency,
            lines: [
              { account: 'shop_payable', amountMinor: reserved.amountMinor, shopId: shop.shopId },
              { account: 'stripe_balance', amountMinor: -reserved.amountMinor },
            ],
          },
          tx,
        );
        await appendEvent({ type: 'shop.payout_paid', shopId: shop.shopId, actor: options.adminId, data: { amountMinor: reserved.amountMinor, transferId: transfer.id } }, tx);
      });
      outcomes.push({ shopId: shop.shopId, shopName: shop.shopName, amountMinor: reserved.amountMinor, status: 'paid', message: `Transfer ${transfer.id}` });
    } catch (error) {
      const message = error instanceof Stripe.errors.StripeError ? error.message : 'Stripe could not be reached.';
      await db.update(transfers).set({ status: 'failed', failureMessage: message }).where(eq(transfers.id, reserved.id));
      outcomes.push({ shopId: shop.shopId, shopName: shop.shopName, amountMinor: reserved.amountMinor, status: 'failed', message });
      if (!(error instanceof Stripe.errors.StripeError)) console.error(error);
    }
  }
  return { runId, outcomes };
}
