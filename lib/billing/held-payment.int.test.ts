import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, db } from '@/db/client';
import { auditLog, events, orders, printJobs } from '@/db/schema';
import { placeTenPageOrder, startBillingStripe, type TBillingStripe } from '@/dev/test-support/billing-fixtures';
import { createTestUser, eventually } from '@/dev/test-support/fixtures';
import { refundHeldPaymentAsAdmin, releaseHeldPaymentAsAdmin } from '@/lib/admin/review-held-payment';
import { orderProgress } from '@/lib/orders/order-progress';
import { accountBalances, orderLedgerSummary } from './ledger';
import { requestRefund } from './request-refund';

/**
 * A payment whose amount differs from the order (here: the order's total changed after its
 * payment page was made) is booked, because the money is real, but the order is held for an
 * admin with no print job, until the admin releases it or refunds it.
 */

let live: TBillingStripe;

beforeAll(async () => {
  live = await startBillingStripe();
});

afterAll(async () => {
  await live?.stop();
  await closeDb();
});

async function orderRow(id: string) {
  const [row] = await db.select().from(orders).where(eq(orders.id, id));
  return row;
}

async function jobsOf(orderId: string) {
  return db.select().from(printJobs).where(eq(printJobs.orderId, orderId));
}

/** Stripe charges €3.00 for an order that, by the time it is paid, says €2.50. */
async function heldOrder() {
  const admin = await createTestUser('admin');
  const { customer, order } = await placeTenPageOrder();
  await db.update(orders).set({ totalMinor: 250 }).where(eq(orders.id, order.id));
  await live.control(`/_emulator/checkout/sessions/${order.stripeCheckoutSessionId}/pay`, {});
  const held = await eventually(
    'the payment recorded',
    async () => {
      const row = await orderRow(order.id);
      return row.stripeChargeId ? row : null;
    },
    60_000,
  );
  return { order: held, admin, customer };
}

async function auditOf(orderId: string) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.targetType, 'order'), eq(auditLog.targetId, orderId)));
}

describe('a paid amount that differs from the order', () => {
  it('is booked and held: no print job, the customer is told it is being checked', async () => {
    const { order } = await heldOrder();
    await live.emulator.webhooksIdle(); // every delivery handled, redeliveries included
    expect(await jobsOf(order.id)).toEqual([]);
    expect(order).toMatchObject({ status: 'payment_review', totalMinor: 250 });
    expect(await orderLedgerSummary(order.id)).toMatchObject({ paidMinor: 300 });
    const [mismatch] = await db
      .select()
      .from(events)
      .where(and(eq(events.orderId, order.id), eq(events.type, 'order.paid_amount_mismatch')));
    expect(mismatch.data).toMatchObject({ amountMinor: 300, expectedMinor: 250, isHeld: true });
    expect(orderProgress(order, null)).toMatchObject({ headline: 'We are checking your payment', tone: 'warn' });
  });

  it('an admin releases it: it prints as paid, audited', async () => {
    const { order, admin } = await heldOrder();
    await releaseHeldPaymentAsAdmin({ orderId: order.id, reason: 'Checked with the customer: the extra 50c is for the cover', adminId: admin.id });
    expect(await orderRow(order.id)).toMatchObject({ status: 'paid' });
    expect(await jobsOf(order.id)).toEqual([expect.objectContaining({ state: 'queued' })]);
    expect(await auditOf(order.id)).toEqual([expect.objectContaining({ action: 'order.release_held_payment', actorId: admin.id, after: { status: 'paid' } })]);
    // Released once: a second release, or a refund of the "held" payment, is refused.
    await expect(releaseHeldPaymentAsAdmin({ orderId: order.id, reason: 'again', adminId: admin.id })).rejects.toThrow(/not held/);
    await expect(refundHeldPaymentAsAdmin({ orderId: order.id, reason: 'too late', adminId: admin.id })).rejects.toThrow(/not held/);
    expect(await jobsOf(order.id)).toHaveLength(1);
  });

  it('an admin refunds it instead: refunded in full, never printed, audited', async () => {
    const { order, admin } = await heldOrder();
    expect(await refundHeldPaymentAsAdmin({ orderId: order.id, reason: 'We could not confirm the amount', adminId: admin.id })).toEqual({ amountMinor: 300, currency: 'eur' });
    expect(await orderRow(order.id)).toMatchObject({ status: 'refunded' });
    expect(await orderLedgerSummary(order.id)).toMatchObject({ paidMinor: 300, refundedMinor: 300 });
    expect(await jobsOf(order.id)).toEqual([]);
    await expect(releaseHeldPaymentAsAdmin({ orderId: order.id, reason: 'print it', adminId: admin.id })).rejects.toThrow(/not held/);
    expect(await auditOf(order.id)).toEqual([expect.objectContaining({ action: 'order.refund_held_payment', after: expect.objectContaining({ outcome: 'requested', amountMinor: 300 }) })]);
    const balances = await accountBalances();
    expect(Object.values(balances).reduce((a, b) => a + b, 0)).toBe(0);
  });

  it('a refund reserved first keeps a release from printing it; a release first makes the held refund a conflict', async () => {
    const { order, admin, customer } = await heldOrder();
    // An admin refunds the extra 50c from the usual refund form, then releases: it prints as paid.
    await requestRefund({ orderId: order.id, amountMinor: 50, kind: 'admin', reason: 'Overpaid', requestedBy: customer.id });
    await releaseHeldPaymentAsAdmin({ orderId: order.id, reason: 'Overpayment refunded', adminId: admin.id });
    expect(await orderRow(order.id)).toMatchObject({ status: 'paid' });
    // A refund that insists on the hold finds it ended.
    await expect(requestRefund({ orderId: order.id, kind: 'admin', reason: 'late', requestedBy: admin.id, requireStatus: ['payment_review'] })).rejects.toThrow(/changed meanwhile/);
    expect(await orderLedgerSummary(order.id)).toMatchObject({ paidMinor: 300, refundedMinor: 50 });
  });
});
