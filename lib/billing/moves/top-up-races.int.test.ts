import { expectLedgerBalanced } from '@/lib/billing/testing/expect-ledger-balanced';
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, db } from '@/db/client';
import { ledgerTransactions, orderMoves, orders, printJobs, refunds, type TOrderMove } from '@/db/schema';
import { createPricedShop, createReadyDocument, startBillingStripe, type TBillingStripe } from '@/dev/test-support/billing-fixtures';
import { createTestUser, eventually } from '@/dev/test-support/fixtures';
import { clearPauses, pauseAt } from '@/dev/test-support/pause-at';
import type { TJobOptions } from '@/lib/job-options/job-options';
import { orderLedgerSummary } from '../ledger';
import { placeOrder } from '../place-order';
import { moveOrder } from './move-order';

/**
 * Races between a customer abandoning a dearer move (choosing another shop, which expires the
 * first top-up page) and the payment of that page. Whatever the interleaving, a paid top-up is
 * booked in the ledger, and then either the move happens or the top-up is refunded.
 *
 * No print worker runs here: nothing but the webhook and the code under test touches the moves.
 */

const JOB: TJobOptions = { media: 'iso_a4_210x297mm', colorMode: 'monochrome', sides: 'one-sided', copies: 1, pagesPerSheet: 1, finishing: 'none' };

let live: TBillingStripe;

beforeAll(async () => {
  process.env.FAILOVER_AFTER_MINUTES = '0';
  live = await startBillingStripe();
});

afterEach(async () => {
  clearPauses();
  await fetch(`${live.emulator.url}/_emulator/faults`, { method: 'DELETE' });
  const endpoints = await fetch(`${live.emulator.url}/_emulator/webhook-endpoints`).then((r) => r.json() as Promise<{ endpoints: string[] }>);
  if (!endpoints.endpoints.includes(live.webhookUrl)) await live.control('/_emulator/webhook-endpoints', { url: live.webhookUrl });
});

afterAll(async () => {
  await live?.stop();
  await closeDb();
});

/**
 * A paid order (10 mono pages: €3.00 at its shop) whose job waits for a printer, so the
 * customer may move it; and two dearer shops: €5.00 (first choice) and €4.00 (second).
 */
async function stuckOrder() {
  const customer = await createTestUser('customer');
  const { shop } = await createPricedShop({ a4MonoMinor: 20 });
  const first = await createPricedShop({ a4MonoMinor: 40 });
  const second = await createPricedShop({ a4MonoMinor: 30 });
  const document = await createReadyDocument(
    customer.id,
    Array.from({ length: 10 }, () => false),
  );
  const placed = await placeOrder({ customerId: customer.id, shopId: shop.id, job: JOB, documentIds: [document.id], expectedTotalMinor: 300 });
  if (placed.kind !== 'checkout') throw new Error('expected a checkout');
  await live.control(`/_emulator/checkout/sessions/${placed.order.stripeCheckoutSessionId ?? (await orderRow(placed.order.id)).stripeCheckoutSessionId}/pay`, {});
  const job = await eventually('the paid order’s job', async () => (await db.select().from(printJobs).where(eq(printJobs.orderId, placed.order.id)))[0], 60_000);
  // What the dispatcher records when no printer of the shop can take the job (not a state change).
  await db
    .update(printJobs)
    .set({ waitingSince: new Date(Date.now() - 60_000) })
    .where(eq(printJobs.id, job.id));
  return { customerId: customer.id, order: await orderRow(placed.order.id), first: first.shop, second: second.shop };
}

async function orderRow(id: string) {
  const [row] = await db.select().from(orders).where(eq(orders.id, id));
  return row;
}

async function moveRow(id: string): Promise<TOrderMove> {
  const [row] = await db.select().from(orderMoves).where(eq(orderMoves.id, id));
  return row;
}

async function pendingMoveTo(orderId: string, customerId: string, toShopId: string, expectedTotalMinor: number): Promise<TOrderMove> {
  const result = await moveOrder({ orderId, customerId, toShopId, expectedTotalMinor });
  expect(result.kind).toBe('checkout');
  const [move] = await db
    .select()
    .from(orderMoves)
    .where(and(eq(orderMoves.orderId, orderId), eq(orderMoves.toShopId, toShopId)));
  expect(move).toMatchObject({ status: 'pending_payment', differenceMinor: expectedTotalMinor - 300 });
  return move;
}

/** Stripe's own deliveries stop (they queue nowhere): the test delivers the events itself, when it wants. */
async function holdWebhooks() {
  const response = await fetch(`${live.emulator.url}/_emulator/webhook-endpoints?url=${encodeURIComponent(live.webhookUrl)}`, { method: 'DELETE' });
  expect(response.status).toBe(200);
}

/** Delivers, now, every event about the session and its payment (to the app's real webhook route), and waits until handled. */
async function deliverSessionEvents(sessionId: string) {
  const session = live.emulator.state.checkoutSessions[sessionId];
  const related = Object.values(live.emulator.state.events).filter((event) => {
    const object = event.data.object as { id?: string };
    return object.id === sessionId || (session.payment_intent && object.id === session.payment_intent);
  });
  expect(related.map((event) => event.type)).toEqual(expect.arrayContaining(['checkout.session.completed', 'payment_intent.succeeded']));
  for (const event of related) await live.control(`/_emulator/events/${event.id}/resend`, { url: live.webhookUrl });
  await live.emulator.webhooksIdle();
}

async function topUpCharge(move: TOrderMove) {
  const session = live.emulator.state.checkoutSessions[move.stripeCheckoutSessionId!];
  const intent = live.emulator.state.paymentIntents[session.payment_intent as string];
  return live.emulator.state.charges[intent.latest_charge as string];
}

/** The order holds exactly what its current total costs: every paid top-up booked, and refunded unless its move happened. */
async function expectMoneyAccountedFor(orderId: string) {
  const order = await orderRow(orderId);
  const summary = await orderLedgerSummary(orderId);
  const pending = await db
    .select()
    .from(refunds)
    .where(and(eq(refunds.orderId, orderId), eq(refunds.status, 'pending')));
  expect(pending).toEqual([]);
  expect(summary.paidMinor - summary.refundedMinor).toBe(order.totalMinor);
  await expectLedgerBalanced();
}

describe('a top-up paid while the customer’s move is being canceled', () => {
  it('webhook delivered between the expire and marking the move canceled: the top-up is booked and the move happens', async () => {
    const { order, customerId, first, second } = await stuckOrder();
    const move = await pendingMoveTo(order.id, customerId, first.id, 500);
    await holdWebhooks();
    const beforeExpire = pauseAt('move-cancel:before-expire');
    const afterExpire = pauseAt('move-cancel:after-expire');

    // The customer changes their mind and picks the second shop…
    const changing = moveOrder({ orderId: order.id, customerId, toShopId: second.id, expectedTotalMinor: 400 }).then(
      (value) => ({ ok: true as const, value }),
      (error: Error) => ({ ok: false as const, error }),
    );
    await beforeExpire.reached;
    // …while, in another tab, they pay the first shop's difference.
    await live.control(`/_emulator/checkout/sessions/${move.stripeCheckoutSessionId}/pay`, {});
    beforeExpire.release();
    await afterExpire.reached;
    // Stripe's webhook for that payment arrives in the gap.
    await live.control('/_emulator/webhook-endpoints', { url: live.webhookUrl });
    await deliverSessionEvents(move.stripeCheckoutSessionId!);
    afterExpire.release();
    const outcome = await changing;

    const charge = await topUpCharge(move);
    const booked = await db.select().from(ledgerTransactions).where(eq(ledgerTransactions.stripeObjectId, charge.id));
    expect(booked).toEqual([expect.objectContaining({ kind: 'charge', orderId: order.id })]);
    // The paid move happened, and the customer is told instead of being charged for the second shop.
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.message).toMatch(/went through meanwhile/);
    expect(await moveRow(move.id)).toMatchObject({ status: 'completed', stripeChargeId: charge.id });
    expect(await orderRow(order.id)).toMatchObject({ shopId: first.id, totalMinor: 500 });
    const secondMoves = await db
      .select()
      .from(orderMoves)
      .where(and(eq(orderMoves.orderId, order.id), eq(orderMoves.toShopId, second.id)));
    expect(secondMoves).toEqual([]);
    await expectMoneyAccountedFor(order.id);
  });

  it('paid just before the expire, webhook late: the cancel itself finds the payment and books it', async () => {
    const { order, customerId, first, second } = await stuckOrder();
    const move = await pendingMoveTo(order.id, customerId, first.id, 500);
    await holdWebhooks();
    const beforeExpire = pauseAt('move-cancel:before-expire');
    const changing = moveOrder({ orderId: order.id, customerId, toShopId: second.id, expectedTotalMinor: 400 }).catch((error: Error) => error);
    await beforeExpire.reached;
    await live.control(`/_emulator/checkout/sessions/${move.stripeCheckoutSessionId}/pay`, {});
    beforeExpire.release();
    const outcome = await changing;

    const charge = await topUpCharge(move);
    expect(await db.select().from(ledgerTransactions).where(eq(ledgerTransactions.stripeObjectId, charge.id))).toHaveLength(1);
    expect(outcome).toBeInstanceOf(Error);
    expect(await moveRow(move.id)).toMatchObject({ status: 'completed' });
    // The webhook, when it comes, changes nothing.
    await live.control('/_emulator/webhook-endpoints', { url: live.webhookUrl });
    await deliverSessionEvents(move.stripeCheckoutSessionId!);
    expect(await db.select().from(ledgerTransactions).where(eq(ledgerTransactions.stripeObjectId, charge.id))).toHaveLength(1);
    expect(await orderRow(order.id)).toMatchObject({ shopId: first.id, totalMinor: 500 });
    await expectMoneyAccountedFor(order.id);
  });

  it('a webhook for the paid page of a move already canceled books the top-up and refunds it', async () => {
    const { order, customerId, first, second } = await stuckOrder();
    const move = await pendingMoveTo(order.id, customerId, first.id, 500);
    const sessionId = move.stripeCheckoutSessionId!;
    // As if the app died right after Stripe made the page: the move never learned its page.
    await db.update(orderMoves).set({ stripeCheckoutSessionId: null, checkoutUrl: null }).where(eq(orderMoves.id, move.id));
    await pendingMoveTo(order.id, customerId, second.id, 400);
    expect(await moveRow(move.id)).toMatchObject({ status: 'canceled', stripeChargeId: null });

    // The page was still open: the customer pays it, and the webhook tells the app.
    await live.control(`/_emulator/checkout/sessions/${sessionId}/pay`, {});
    await eventually('the late top-up refunded', async () => (await moveRow(move.id)).differenceSettledAt !== null, 60_000);
    const charge = live.emulator.state.charges[live.emulator.state.paymentIntents[live.emulator.state.checkoutSessions[sessionId].payment_intent as string].latest_charge as string];
    expect(await db.select().from(ledgerTransactions).where(eq(ledgerTransactions.stripeObjectId, charge.id))).toEqual([expect.objectContaining({ kind: 'charge' })]);
    expect(await moveRow(move.id)).toMatchObject({ status: 'canceled', stripeChargeId: charge.id, topUpRefundedMinor: 200 });
    expect(Object.values(live.emulator.state.refunds).filter((r) => r.charge === charge.id && r.status === 'succeeded')).toEqual([expect.objectContaining({ amount: 200 })]);
    expect(await orderRow(order.id)).toMatchObject({ shopId: order.shopId, totalMinor: 300 });
    await expectMoneyAccountedFor(order.id);
  });

  it('an expire Stripe cannot confirm leaves the move pending; once paid, the webhook moves the order', async () => {
    const { order, customerId, first, second } = await stuckOrder();
    const move = await pendingMoveTo(order.id, customerId, first.id, 500);
    // The expire never reaches Stripe, and the look-up after it fails too.
    await live.control('/_emulator/faults', { method: 'POST', path: '/v1/checkout/sessions/:id/expire', when: 'before', action: 'reset' });
    await live.control('/_emulator/faults', { method: 'GET', path: '/v1/checkout/sessions/:id', when: 'before', action: 'server_error' });
    await expect(moveOrder({ orderId: order.id, customerId, toShopId: second.id, expectedTotalMinor: 400 })).rejects.toThrow(/did not confirm/);
    expect(await moveRow(move.id)).toMatchObject({ status: 'pending_payment' });
    await fetch(`${live.emulator.url}/_emulator/faults`, { method: 'DELETE' });

    await live.control(`/_emulator/checkout/sessions/${move.stripeCheckoutSessionId}/pay`, {});
    await eventually('the move applied by the webhook', async () => (await orderRow(order.id)).shopId === first.id, 60_000);
    expect(await moveRow(move.id)).toMatchObject({ status: 'completed' });
    await expectMoneyAccountedFor(order.id);
  });
});
