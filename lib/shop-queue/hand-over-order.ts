import { and, desc, eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { ledgerTransactions, orders, printJobs } from '@/db/schema/index';
import { recognizeEarning } from '@/lib/billing/recognize-earning';
import { AppError } from '@/lib/errors/app-error';
import { appendEvent } from '@/lib/events/append-event';
import { codeFromPickupInput, isPickupCodeCorrect } from '@/lib/orders/pickup-code';
import { ACTIVE_JOB_STATES } from '@/lib/print-jobs/job-states';
import { settleJobRefunds } from '@/lib/billing/settle-job-refunds';
import { shortfallRefundMinor } from '@/lib/billing/shortfall';
import { assertPickupUnlocked, lockedError, recordPickupFailure } from './pickup-lockout';
import { getShopOrder, type TShopOrderRef } from './shop-job';

export type THandOverResult = { kind: 'collected'; shortfallRefundMinor: number } | { kind: 'wrong_code'; attemptsLeft: number };

/**
 * Hand-over at the counter with the customer's pickup code (typed, or the QR scanned). A wrong
 * code is refused and counted against the order and the shop; too many lock hand-over for a
 * while (pickup-lockout.ts), and the refusal says until when. The right code collects the order in the same transaction (a second click finds
 * it collected), and the shop's earning is then booked from what the printer proved it
 * printed: if it reported fewer impressions than were paid for, the difference is refunded
 * first (kind `shortfall`, owed by the printed job), then the earning is recognised.
 */
export async function handOverOrder(ref: TShopOrderRef & { code: string; now?: Date }): Promise<THandOverResult> {
  const order = await getShopOrder(ref);
  const code = codeFromPickupInput(ref.code);
  const now = ref.now ?? new Date();
  const checked = await db.transaction(async (tx) => {
    const { timezone } = await assertPickupUnlocked(tx, { shopId: ref.shopId, orderId: order.id, now });
    const [locked] = await tx.select().from(orders).where(eq(orders.id, order.id)).for('update');
    if (!locked || locked.shopId !== ref.shopId) throw new AppError('not_found', 'We could not find that order.');
    if (locked.status === 'collected') throw new AppError('conflict', 'This order was already handed over.');
    if (!['paid', 'printing', 'ready'].includes(locked.status)) throw new AppError('conflict', 'This order cannot be handed over (it was refunded or canceled).');
    const jobs = await tx
      .select()
      .from(printJobs)
      .where(and(eq(printJobs.orderId, order.id), eq(printJobs.shopId, ref.shopId)))
      .orderBy(desc(printJobs.printedAt));
    const printed = jobs.filter((j) => j.state === 'printed');
    if (!printed.length) throw new AppError('conflict', 'This order has not printed yet.');
    if (jobs.some((j) => (ACTIVE_JOB_STATES as readonly string[]).includes(j.state))) throw new AppError('conflict', 'A job of this order is still printing.');
    if (!isPickupCodeCorrect(order.id, code)) {
      const failure = await recordPickupFailure(tx, { shopId: ref.shopId, orderId: order.id, actorId: ref.ownerId, timezone, now });
      return { kind: 'wrong_code' as const, attemptsLeft: failure.orderAttemptsLeft ?? 0, lockedUntil: failure.lockedUntil, timezone };
    }
    // The best print is what the customer takes: a full reprint after a short one owes nothing.
    const shortfalls = printed.map((job) => ({
      job,
      minor: shortfallRefundMinor(locked.quote, { impressionsCompleted: job.impressionsCompleted, expectedImpressions: job.expectedImpressions ?? job.impressionsCompleted }),
    }));
    const best = shortfalls.reduce((a, b) => (b.minor < a.minor ? b : a));
    if (best.minor > 0) await tx.update(printJobs).set({ refundDue: 'shortfall', refundSettledAt: null }).where(eq(printJobs.id, best.job.id));
    await tx.update(orders).set({ status: 'collected', collectedAt: new Date(), updatedAt: new Date() }).where(eq(orders.id, order.id));
    await appendEvent({ type: 'order.collected', orderId: order.id, shopId: ref.shopId, actor: ref.ownerId, data: { shortfallRefundMinor: best.minor } }, tx);
    return { kind: 'ok' as const, shortfallJobId: best.minor > 0 ? best.job.id : null, shortfallMinor: best.minor };
  });
  if (checked.kind === 'wrong_code') {
    if (checked.lockedUntil) throw lockedError(checked.lockedUntil, checked.timezone, now);
    return { kind: 'wrong_code', attemptsLeft: checked.attemptsLeft };
  }
  if (checked.shortfallJobId) await settleJobRefunds({ jobId: checked.shortfallJobId });
  await bookCollectedEarnings({ orderId: order.id });
  return { kind: 'collected', shortfallRefundMinor: checked.shortfallMinor };
}

/**
 * Books the shop's earning for collected orders once every refund their jobs owe is paid
 * (so the earning is what the customer finally paid). Right after hand-over, and again by
 * housekeeping for an order whose shortfall refund had to wait (Stripe unreachable).
 */
export async function bookCollectedEarnings(options: { orderId?: string; limit?: number } = {}): Promise<number> {
  const due = await db
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(
        eq(orders.status, 'collected'),
        options.orderId ? eq(orders.id, options.orderId) : undefined,
        sql`not exists (select 1 from ${ledgerTransactions} t where t.order_id = ${orders.id} and t.kind = 'earning')`,
        sql`not exists (select 1 from ${printJobs} j where j.order_id = ${orders.id} and j.refund_due is not null and j.refund_settled_at is null)`,
      ),
    )
    .limit(options.limit ?? 50);
  let booked = 0;
  for (const { id } of due) {
    if (await db.transaction((tx) => recognizeEarning(tx, id))) booked += 1;
  }
  return booked;
}
