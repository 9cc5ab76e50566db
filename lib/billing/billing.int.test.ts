import { expectLedgerBalanced } from '@/lib/billing/testing/expect-ledger-balanced';
import { eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, db } from '@/db/client';
import { ledgerTransactions, orders, refunds, shopPrices, stripeEvents, transfers } from '@/db/schema';
import { createPricedShop, createReadyDocument, setShopAccount, startBillingStripe, TEST_WEBHOOK_SECRET, type TBillingStripe } from '@/dev/test-support/billing-fixtures';
import { createTestUser, eventually } from '@/dev/test-support/fixtures';
import type { TJobOptions } from '@/lib/job-options/job-options';
import { placeOrder } from '@/lib/billing/place-order';
import { orderLedgerSummary, shopBalanceMinor } from './ledger';
import { recognizeEarning } from './recognize-earning';
import { reconcileWithStripe } from './reconcile';
import { requestRefund } from './request-refund';
import { runPayouts } from './run-payouts';

const JOB: TJobOptions = { media: 'iso_a4_210x297mm', colorMode: 'auto', sides: 'one-sided', copies: 2, pagesPerSheet: 1, finishing: 'none' };
// 3 pages, one colour, 2 copies at 10c mono / 50c colour + €1 job fee: 2×2×10 + 1×2×50 + 100 = 240
const EXPECTED_TOTAL = 240;

let live: TBillingStripe;

beforeAll(async () => {
  live = await startBillingStripe();
});

afterAll(async () => {
  await live?.stop();
  await closeDb();
});

async function newOrder() {
  const customer = await createTestUser('customer');
  const { shop, owner } = await createPricedShop();
  const document = await createReadyDocument(customer.id, [false, true, false]);
  const result = await placeOrder({ customerId: customer.id, shopId: shop.id, job: JOB, documentIds: [document.id], expectedTotalMinor: EXPECTED_TOTAL });
  if (result.kind !== 'checkout') throw new Error('expected a checkout');
  return { customer, shop, owner, order: result.order, checkoutUrl: result.checkoutUrl };
}

async function orderRow(id: string) {
  const [row] = await db.select().from(orders).where(eq(orders.id, id));
  return row;
}

function signedRequest(payload: string, options: { secret?: string; timestamp?: number } = {}) {
  const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? TEST_WEBHOOK_SECRET, timestamp: options.timestamp });
  return new Request('http://127.0.0.1/api/stripe/webhook', { method: 'POST', headers: { 'stripe-signature': header, 'content-type': 'application/json' }, body: payload });
}

describe('checkout', () => {
  it('creates an order with the server’s quote and a Stripe Checkout Session on the emulator', async () => {
    const { order, checkoutUrl } = await newOrder();
    expect(order).toMatchObject({ status: 'awaiting_payment', totalMinor: EXPECTED_TOTAL, currency: 'eur' });
    expect(order.quote.lines.map((l) => [l.kind, l.amountMinor])).toEqual([
      ['pages_mono', 40],
      ['pages_color', 100],
      ['job_fee', 100],
    ]);
    expect(checkoutUrl).toContain(live.emulator.url);
    const row = await orderRow(order.id);
    expect(row.stripeCheckoutSessionId).toMatch(/^cs_/);
  });

  it('becomes paid only from the verified webhook, with the charge booked once', async () => {
    const { order } = await newOrder();
    const row = await orderRow(order.id);
    expect(row.status).toBe('awaiting_payment');
    await live.control(`/_emulator/checkout/sessions/${row.stripeCheckoutSessionId}/pay`, {});
    const paid = await eventually('order paid', async () => {
      const current = await orderRow(order.id);
      return current.status === 'paid' && current;
    });
    expect(paid.stripeChargeId).toMatch(/^ch_/);
    expect(paid.platformFeeMinor).toBe(24); // 10% default commission
    expect(await orderLedgerSummary(order.id)).toMatchObject({ paidMinor: EXPECTED_TOTAL, refundedMinor: 0, isEarningBooked: false });
    await expectLedgerBalanced();
  });

  it('tells the customer when the shop changed its prices since they saw the quote', async () => {
    const customer = await createTestUser('customer');
    const { shop } = await createPricedShop();
    const document = await createReadyDocument(customer.id, [false, true, false]);
    await db.update(shopPrices).set({ pricePerPageMinor: 80 }).where(eq(shopPrices.shopId, shop.id)).execute();
    const before = await db.select().from(orders).where(eq(orders.customerId, customer.id));
    const result = await placeOrder({ customerId: customer.id, shopId: shop.id, job: JOB, documentIds: [document.id], expectedTotalMinor: EXPECTED_TOTAL });
    expect(result.kind).toBe('price_changed');
    if (result.kind === 'price_changed') expect(result.quote.totalMinor).toBe(3 * 2 * 80 + 100);
    expect(await db.select().from(orders).where(eq(orders.customerId, customer.id))).toHaveLength(before.length);
  });

  it('cancels the order when the payment page expires unpaid', async () => {
    const { order } = await newOrder();
    const row = await orderRow(order.id);
    const stripe = new Stripe('sk_test_x', { ...live.emulator.stripeConfig });
    await stripe.checkout.sessions.expire(row.stripeCheckoutSessionId!);
    await eventually('order canceled', async () => (await orderRow(order.id)).status === 'canceled');
  });
});

describe('webhook verification', () => {
  it('refuses a forged signature, a wrong secret and a stale timestamp with 400, recording nothing', async () => {
    const { POST } = await import('@/app/api/stripe/webhook/route');
    const { order } = await newOrder();
    const row = await orderRow(order.id);
    const event = {
      id: `evt_forged_${Date.now()}`,
      object: 'event',
      type: 'checkout.session.completed',
      data: { object: { id: row.stripeCheckoutSessionId, object: 'checkout.session', metadata: { order_id: order.id } } },
    };
    const payload = JSON.stringify(event);

    const forged = await POST(signedRequest(payload, { secret: 'whsec_attacker' }));
    expect(forged.status).toBe(400);
    const tampered = signedRequest(payload);
    const tamperedBody = await POST(new Request(tampered.url, { method: 'POST', headers: tampered.headers, body: payload.replace('checkout', 'xheckout') }));
    expect(tamperedBody.status).toBe(400);
    const stale = await POST(signedRequest(payload, { timestamp: Math.floor(Date.now() / 1000) - 600 }));
    expect(stale.status).toBe(400);
    const unsigned = await POST(new Request('http://127.0.0.1/api/stripe/webhook', { method: 'POST', body: payload }));
    expect(unsigned.status).toBe(400);

    expect(await db.select().from(stripeEvents).where(eq(stripeEvents.id, event.id))).toHaveLength(0);
    expect((await orderRow(order.id)).status).toBe('awaiting_payment');
  });
});

describe('webhook body cap', () => {
  it('refuses a body over 1 MB with 413 while reading it, before any signature check or handling', async () => {
    const { POST } = await import('@/app/api/stripe/webhook/route');
    const event = { id: `evt_huge_${Date.now()}`, object: 'event', type: 'checkout.session.completed', data: { object: { padding: 'x'.repeat(2 * 1024 * 1024) } } };
    const declared = await POST(signedRequest(JSON.stringify(event)));
    expect(declared.status).toBe(413);

    // 2 GB, chunked (no Content-Length), generated as it is pulled: refused after about 1 MB.
    let pulled = 0;
    const flood = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (pulled >= 2 * 1024 ** 3) return controller.close();
          pulled += 64 * 1024;
          controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
        },
      },
      { highWaterMark: 0 },
    );
    const streamed = await POST(new Request('http://127.0.0.1/api/stripe/webhook', { method: 'POST', headers: { 'stripe-signature': 't=1,v1=00' }, body: flood, duplex: 'half' } as RequestInit));
    expect(streamed.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(1024 * 1024 + 64 * 1024);
    expect(await db.select().from(stripeEvents).where(eq(stripeEvents.id, event.id))).toHaveLength(0);
  });
});

describe('duplicate and out-of-order delivery', () => {
  it('books one payment and one refund when every event arrives 10 times in shuffled order', async () => {
    const { POST } = await import('@/app/api/stripe/webhook/route');
    // Stripe's own deliveries are paused; this test delivers every event itself.
    const endpoints = `${live.emulator.url}/_emulator/webhook-endpoints?url=${encodeURIComponent(live.webhookUrl)}`;
    expect((await fetch(endpoints, { method: 'DELETE' })).status).toBe(200);
    const { order } = await newOrder();
    const row = await orderRow(order.id);
    await live.control(`/_emulator/checkout/sessions/${row.stripeCheckoutSessionId}/pay`, {});
    const stripe = new Stripe('sk_test_x', { ...live.emulator.stripeConfig });
    const session = await stripe.checkout.sessions.retrieve(row.stripeCheckoutSessionId!);
    await stripe.refunds.create({ payment_intent: session.payment_intent as string, amount: 60 }); // refunded from Stripe's dashboard
    const events = (await stripe.events.list({ limit: 100 })).data.filter(
      (e) => JSON.stringify(e.data.object).includes(order.id) || JSON.stringify(e.data.object).includes(session.payment_intent as string),
    );
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['checkout.session.completed', 'payment_intent.succeeded', 'charge.refunded']));

    const deliveries = events.flatMap((e) => Array.from({ length: 10 }, () => JSON.stringify(e)));
    for (let i = deliveries.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [deliveries[i], deliveries[j]] = [deliveries[j], deliveries[i]];
    }
    const statuses = await Promise.all(deliveries.map(async (payload) => (await POST(signedRequest(payload))).status));
    expect(statuses.every((s) => s === 200)).toBe(true);

    const charges = await db.select().from(ledgerTransactions).where(eq(ledgerTransactions.orderId, order.id));
    expect(charges.filter((t) => t.kind === 'charge')).toHaveLength(1);
    expect(charges.filter((t) => t.kind === 'refund')).toHaveLength(1);
    expect(await orderLedgerSummary(order.id)).toMatchObject({ paidMinor: EXPECTED_TOTAL, refundedMinor: 60 });
    expect((await orderRow(order.id)).status).toBe('paid');
    const refundRows = await db.select().from(refunds).where(eq(refunds.orderId, order.id));
    expect(refundRows).toEqual([expect.objectContaining({ amountMinor: 60, kind: 'stripe', status: 'succeeded' })]);
    await expectLedgerBalanced();
    await live.control('/_emulator/webhook-endpoints', { url: live.webhookUrl });
  });
});

describe('refunds, earnings and payouts', () => {
  async function paidOrder() {
    const created = await newOrder();
    const row = await orderRow(created.order.id);
    await live.control(`/_emulator/checkout/sessions/${row.stripeCheckoutSessionId}/pay`, {});
    await eventually('order paid', async () => (await orderRow(created.order.id)).status === 'paid');
    return created;
  }

  it('refunds part of an order, then refuses more than what is left', async () => {
    const { order, customer } = await paidOrder();
    const refund = await requestRefund({ orderId: order.id, amountMinor: 100, kind: 'admin', reason: 'Two pages were smudged', requestedBy: customer.id });
    expect(refund.status).toBe('succeeded');
    expect(await orderLedgerSummary(order.id)).toMatchObject({ refundedMinor: 100 });
    await expect(requestRefund({ orderId: order.id, amountMinor: 200, kind: 'admin', reason: 'too much', requestedBy: customer.id })).rejects.toThrow(/At most €1.40/);
    await requestRefund({ orderId: order.id, kind: 'admin', reason: 'the rest', requestedBy: customer.id });
    expect((await orderRow(order.id)).status).toBe('refunded');
    await expect(requestRefund({ orderId: order.id, kind: 'admin', reason: 'again', requestedBy: customer.id })).rejects.toThrow(/already been refunded/);
    // The charge.refunded webhooks that follow must not book anything again.
    await new Promise((r) => setTimeout(r, 500));
    expect(await orderLedgerSummary(order.id)).toMatchObject({ paidMinor: EXPECTED_TOTAL, refundedMinor: EXPECTED_TOTAL });
    await expectLedgerBalanced();
  });

  it('pays a shop its earning by transfer, and a refund after the transfer leaves the shop owing', async () => {
    const { order, shop, customer } = await paidOrder();
    await db.transaction((tx) => recognizeEarning(tx, order.id));
    await db.transaction((tx) => recognizeEarning(tx, order.id)); // idempotent
    expect(await shopBalanceMinor(shop.id)).toBe(EXPECTED_TOTAL - 24);

    const skipped = await runPayouts({ adminId: customer.id });
    expect(skipped.outcomes.find((o) => o.shopId === shop.id)).toMatchObject({ status: 'skipped' });

    const stripe = new Stripe('sk_test_x', { ...live.emulator.stripeConfig });
    const account = await stripe.accounts.create({ type: 'express', country: 'IE', capabilities: { transfers: { requested: true } } });
    await setShopAccount(shop.id, account.id);
    await live.control(`/_emulator/accounts/${account.id}/onboard`, {});
    await eventually('payouts enabled from account.updated', async () => (await db.query.shops.findFirst({ where: (s, { eq: e }) => e(s.id, shop.id) }))?.stripePayoutsEnabled);

    const [first, second] = await Promise.all([runPayouts({ adminId: customer.id }), runPayouts({ adminId: customer.id })]);
    const outcomes = [...first.outcomes, ...second.outcomes].filter((o) => o.shopId === shop.id);
    expect(outcomes.filter((o) => o.status === 'paid')).toHaveLength(1);
    expect(await shopBalanceMinor(shop.id)).toBe(0);
    const shopTransfers = await db.select().from(transfers).where(eq(transfers.shopId, shop.id));
    expect(shopTransfers.filter((t) => t.status === 'paid')).toEqual([expect.objectContaining({ amountMinor: 216 })]);
    expect((await stripe.transfers.retrieve(shopTransfers.find((t) => t.status === 'paid')!.stripeTransferId!)).amount).toBe(216);

    await requestRefund({ orderId: order.id, amountMinor: 120, kind: 'admin', reason: 'Late', requestedBy: customer.id });
    // 10% of the refund comes out of the platform's commission, 90% out of the shop's earning.
    expect(await shopBalanceMinor(shop.id)).toBe(-108);
    await expectLedgerBalanced();

    // Other test files share this database with their own emulators, so judge this test's objects.
    const report = await reconcileWithStripe();
    expect(report.ledgerBalanced).toBe(true);
    const ours = new Set((await db.select().from(ledgerTransactions).where(eq(ledgerTransactions.shopId, shop.id))).map((t) => t.stripeObjectId));
    expect(report.issues.filter((i) => i.orderNumber === order.number || (i.stripeId && ours.has(i.stripeId)))).toEqual([]);
  });

  it('reports a payment Stripe has that the ledger does not', async () => {
    const stripe = new Stripe('sk_test_x', { ...live.emulator.stripeConfig });
    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ price_data: { currency: 'eur', unit_amount: 500, product_data: { name: 'Stray' } }, quantity: 1 }],
      success_url: 'http://127.0.0.1/ok',
      metadata: { order_id: '00000000-0000-4000-8000-000000000000' },
      payment_intent_data: { metadata: { order_id: '00000000-0000-4000-8000-000000000000' } },
    });
    await live.control(`/_emulator/checkout/sessions/${session.id}/pay`, {});
    const report = await reconcileWithStripe();
    expect(report.issues).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'charge_not_booked', stripeMinor: 500 })]));
  });
});
