import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { orderMoves, orders } from '@/db/schema';
import { AppError } from '@/lib/errors/app-error';
import { getCustomerOrder } from '@/lib/orders/customer-order';
import { latestJobOf, moveEligibility } from '@/lib/orders/move-eligibility';
import { pausePoint } from '@/lib/pause-points/pause-point';
import { endJob, hasOtherPrintedJob } from '@/lib/print-jobs/job-transitions';
import { refundableMinor, refundOrder } from '../refund-order';
import { settleJobRefunds } from '../settle-job-refunds';
import { cancelPendingMoves } from './cancel-pending-moves';

type TDecision = { kind: 'cancel_job'; jobId: string; isRefundOwed: boolean } | { kind: 'refund'; refundKind: 'shop_rejected' | 'print_failed'; reason: string };

/**
 * "Give me my money back" instead of moving. What the customer saw may be stale by the time
 * they press the button (a printer came back and the dispatcher is sending the job), so the
 * decision is made again in one transaction with the order locked: a job still waiting for a
 * printer is canceled through the job-state gate, a compare-and-set on the state just read,
 * and the refund it owes is recorded on it (`refundDue`) in that same transaction; it is paid
 * only after that commits (settleJobRefunds, retried by housekeeping). If the job has left for
 * the printer, the customer is told so and nothing is refunded. Either the job prints or it is
 * canceled and refunded, never both.
 *
 * When the shop already declined or the job failed, the job has ended and what the order still
 * holds is refunded (usually that refund is already on its way, and nothing is left).
 */
export async function refundInsteadOfMove(options: { orderId: string; customerId: string }): Promise<{ refundedMinor: number }> {
  const order = await getCustomerOrder(options);
  const eligibility = moveEligibility(order, await latestJobOf(order.id));
  if (!eligibility.canMove) throw new AppError('conflict', eligibility.message);
  const completed = await cancelPendingMoves(order.id, options.customerId);
  if (completed) throw new AppError('conflict', `Your payment for moving this order to ${completed.toShopName} went through meanwhile, so the order is there now. Nothing was refunded.`);
  await pausePoint('refund-instead:before-cancel');

  const decision = await db.transaction(async (tx): Promise<TDecision> => {
    const [locked] = await tx.select().from(orders).where(eq(orders.id, order.id)).for('update');
    const job = await latestJobOf(order.id, tx);
    const now = moveEligibility(locked, job);
    if (!now.canMove || !job) throw new AppError('conflict', `${now.message} Nothing was refunded.`);
    const [pendingMove] = await tx
      .select({ id: orderMoves.id })
      .from(orderMoves)
      .where(and(eq(orderMoves.orderId, order.id), eq(orderMoves.status, 'pending_payment')));
    if (pendingMove) throw new AppError('conflict', 'You have just chosen another shop for this order. Look at the order again. Nothing was refunded.');
    if (now.reason !== 'no_printer') return { kind: 'refund', refundKind: now.reason, reason: now.message };
    const isRefundOwed = !(await hasOtherPrintedJob(tx, job.orderId, job.id));
    const isEnded = await endJob(tx, job, { state: 'canceled', reason: 'The customer asked for a refund instead of waiting.', refund: 'print_failed', by: 'customer', actor: options.customerId });
    if (!isEnded) throw new AppError('conflict', 'The shop has just started printing this order, so it can no longer be refunded instead. Nothing was refunded.');
    return { kind: 'cancel_job', jobId: job.id, isRefundOwed };
  });

  if (decision.kind === 'cancel_job') {
    const owed = decision.isRefundOwed ? Math.max(0, await refundableMinor(order.id)) : 0;
    await settleJobRefunds({ jobId: decision.jobId });
    return { refundedMinor: owed };
  }
  const refundable = await refundableMinor(order.id);
  if (refundable <= 0) return { refundedMinor: 0 };
  await refundOrder({ orderId: order.id, kind: decision.refundKind, reason: decision.reason, requestedBy: options.customerId });
  return { refundedMinor: refundable };
}
