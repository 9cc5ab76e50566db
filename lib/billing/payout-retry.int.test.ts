import { and, eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, db } from '@/db/client';
import { ledgerTransactions, orders, shops, transfers } from '@/db/schema';
import { placeTenPageOrder, setShopAccount, startBillingStripe, type TBillingStripe } from '@/dev/test-support/billing-fixtures';
import type { TFaultSpec } from '@/dev/stripe-emulator/http/fault-switch';
import { createTestUser, eventually } from '@/dev/test-support/fixtures';
import { accountBalances, shopBalanceMinor } from './ledger';
import { recognizeEarning } from './recognize-earning';
import { runPayouts } from './run-payouts';

/**
 * Payout runs when Stripe's answer is lost. The emulator is armed to make the transfer and then
 * drop every answer to POST /v1/transfers (the SDK's own retries with the same key included),
 * so the run ends not knowing. The next run must find the transfer Stripe made, or ask again
 * with the same key: one transfer at Stripe, one ledger posting, balance zero.
 */

let live: TBillingStripe;
let sdk: Stripe;

beforeAll(async () => {
  live = await startBillingStripe();
  sdk = new Stripe('sk_test_x', { ...live.emulator.stripeConfig });
  // A platform balance like a real one, holding other customers' money too: enough for a transfer made twice.
  const other = await sdk.checkout.sessions.create({
    mode: 'payment',
    line_items: [{ price_data: { currency: 'eur', unit_amount: 100_000, product_data: { name: 'Other customers' } }, quantity: 1 }],
    success_url: 'http://127.0.0.1/ok',
  });
  await live.control(`/_emulator/checkout/sessions/${other.id}/pay`, {});
});

afterEach(() => {
  live.emulator.clearFaults();
});

afterAll(async () => {
  await live?.stop();
  await closeDb();
});

/** A shop with an earning of €2.70 booked (a €3.00 order, 10% commission) and a connected account that can receive it. */
async function shopOwedMoney(options: { isOnboarded?: boolean } = {}) {
  const admin = await createTestUser('admin');
  const { shop, order: row } = await placeTenPageOrder();
  await live.control(`/_emulator/checkout/sessions/${row.stripeCheckoutSessionId}/pay`, {});
  await eventually('order paid', async () => (await db.select().from(orders).where(eq(orders.id, row.id)))[0].status === 'paid', 60_000);
  await db.transaction((tx) => recognizeEarning(tx, row.id));
  const account = await sdk.accounts.create({ type: 'express', country: 'IE', capabilities: { transfers: { requested: true } } });
  await setShopAccount(shop.id, account.id);
  if (options.isOnboarded ?? true) {
    await live.control(`/_emulator/accounts/${account.id}/onboard`, {});
    await eventually('payouts enabled from account.updated', async () => (await db.select().from(shops).where(eq(shops.id, shop.id)))[0].stripePayoutsEnabled, 60_000);
  }
  expect(await shopBalanceMinor(shop.id)).toBe(270);
  return { shop, admin, accountId: account.id };
}

function transfersAtStripe(shopId: string) {
  return Object.values(live.emulator.state.transfers).filter((transfer) => transfer.metadata.shop_id === shopId);
}

async function transferPostings(shopId: string) {
  return db
    .select()
    .from(ledgerTransactions)
    .where(and(eq(ledgerTransactions.shopId, shopId), eq(ledgerTransactions.kind, 'transfer')));
}

async function expectPaidOnce(shopId: string) {
  const atStripe = transfersAtStripe(shopId);
  expect(atStripe).toEqual([expect.objectContaining({ amount: 270 })]);
  expect((await transferPostings(shopId)).map((t) => t.stripeObjectId)).toEqual([atStripe[0].id]);
  expect(await shopBalanceMinor(shopId)).toBe(0);
  const rows = await db.select().from(transfers).where(eq(transfers.shopId, shopId));
  expect(rows.filter((r) => r.status === 'paid')).toEqual([expect.objectContaining({ stripeTransferId: atStripe[0].id, amountMinor: 270 })]);
  const balances = await accountBalances();
  expect(Object.values(balances).reduce((a, b) => a + b, 0)).toBe(0);
}

const outcomeFor = (result: Awaited<ReturnType<typeof runPayouts>>, shopId: string) => result.outcomes.find((o) => o.shopId === shopId);

describe('a payout retried after Stripe’s answer was lost', () => {
  it('Stripe made the transfer and the answer never came: the next run finds it and books it once', async () => {
    const { shop, admin } = await shopOwedMoney();
    const fault: TFaultSpec = { method: 'POST', path: '/v1/transfers', when: 'after', action: 'reset' };
    live.emulator.addFault(fault);
    const first = await runPayouts({ adminId: admin.id });
    expect(transfersAtStripe(shop.id)).toHaveLength(1); // Stripe made it …
    expect(await transferPostings(shop.id)).toEqual([]); // … and nobody knows yet.
    const [row] = await db.select().from(transfers).where(eq(transfers.shopId, shop.id));

    live.emulator.clearFaults();
    const second = await runPayouts({ adminId: admin.id });
    await expectPaidOnce(shop.id);
    expect(row).toMatchObject({ status: 'unknown', stripeTransferId: null });
    expect(outcomeFor(first, shop.id)).toMatchObject({ status: 'unknown' });
    expect(outcomeFor(second, shop.id)).toMatchObject({ status: 'paid', amountMinor: 270 });
    const third = await runPayouts({ adminId: admin.id });
    expect(outcomeFor(third, shop.id)).toBeUndefined();
    await expectPaidOnce(shop.id);
  });

  it('the request never reached Stripe: the next run asks again with the same idempotency key', async () => {
    const { shop, admin } = await shopOwedMoney();
    live.emulator.addFault({ method: 'POST', path: '/v1/transfers', when: 'before', action: 'reset' });
    expect(outcomeFor(await runPayouts({ adminId: admin.id }), shop.id)).toMatchObject({ status: 'unknown' });
    expect(transfersAtStripe(shop.id)).toEqual([]);
    const [lost] = await db.select().from(transfers).where(eq(transfers.shopId, shop.id));

    live.emulator.clearFaults();
    expect(outcomeFor(await runPayouts({ adminId: admin.id }), shop.id)).toMatchObject({ status: 'paid' });
    await expectPaidOnce(shop.id);
    const rows = await db.select().from(transfers).where(eq(transfers.shopId, shop.id));
    expect(rows).toEqual([expect.objectContaining({ id: lost.id, idempotencyKey: lost.idempotencyKey, status: 'paid' })]);
  });

  it('Stripe answered 500 after making it: the same, one transfer', async () => {
    const { shop, admin } = await shopOwedMoney();
    live.emulator.addFault({ method: 'POST', path: '/v1/transfers', when: 'after', action: 'server_error' });
    const first = await runPayouts({ adminId: admin.id });
    live.emulator.clearFaults();
    const second = await runPayouts({ adminId: admin.id });
    await expectPaidOnce(shop.id);
    expect(outcomeFor(first, shop.id)).toMatchObject({ status: 'unknown' });
    expect(outcomeFor(second, shop.id)).toMatchObject({ status: 'paid' });
  });

  it('Stripe refused (4xx): the transfer is failed, and the next run pays with a new key', async () => {
    const { shop, admin, accountId } = await shopOwedMoney({ isOnboarded: false });
    // The app believes the account can be paid; Stripe knows it cannot yet.
    await db.update(shops).set({ stripePayoutsEnabled: true }).where(eq(shops.id, shop.id));
    const refused = outcomeFor(await runPayouts({ adminId: admin.id }), shop.id);
    expect(refused).toMatchObject({ status: 'failed', message: expect.stringContaining('capabilities') });
    expect(transfersAtStripe(shop.id)).toEqual([]);

    await live.control(`/_emulator/accounts/${accountId}/onboard`, {});
    expect(outcomeFor(await runPayouts({ adminId: admin.id }), shop.id)).toMatchObject({ status: 'paid' });
    await expectPaidOnce(shop.id);
    const rows = await db.select().from(transfers).where(eq(transfers.shopId, shop.id));
    expect(rows.map((r) => r.status).sort()).toEqual(['failed', 'paid']);
    expect(new Set(rows.map((r) => r.idempotencyKey)).size).toBe(2);
  });

  it('a run that died after asking Stripe leaves a pending row that a later run resolves, never paying twice', async () => {
    const { shop, admin } = await shopOwedMoney();
    live.emulator.addFault({ method: 'POST', path: '/v1/transfers', when: 'after', action: 'reset' });
    await runPayouts({ adminId: admin.id });
    // As if the run had died before it could even record "unknown": pending, asked long ago.
    await db
      .update(transfers)
      .set({ status: 'pending', attemptedAt: new Date(Date.now() - 60 * 60_000) })
      .where(eq(transfers.shopId, shop.id));
    live.emulator.clearFaults();
    const [a, b] = await Promise.all([runPayouts({ adminId: admin.id }), runPayouts({ adminId: admin.id })]);
    // One run pays; the other finds it being paid (skipped) or, if it looks after, nothing left to pay.
    const statuses = [outcomeFor(a, shop.id)?.status, outcomeFor(b, shop.id)?.status];
    expect(statuses.filter((s) => s === 'paid')).toHaveLength(1);
    const [other] = statuses.filter((s) => s !== 'paid');
    expect(['skipped', undefined]).toContain(other);
    await expectPaidOnce(shop.id);
  });
});
