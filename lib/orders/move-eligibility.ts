import { desc, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { printJobs, type TOrder, type TPrintJob } from '@/db/schema';
import { orderSettings } from '@/lib/config/order-settings';
import type { TTx } from '@/lib/print-jobs/job-transitions';

/** Minutes a paid job may wait for a printer before the customer is offered to move it. */
export function failoverAfterMs(): number {
  return orderSettings().failoverAfterMs;
}

export type TMoveReason = 'shop_rejected' | 'print_failed' | 'no_printer';

export type TMoveEligibility = { canMove: true; reason: TMoveReason; message: string } | { canMove: false; reason: null; message: string };

/**
 * Whether the customer may take the order elsewhere (or have their money back instead): the
 * shop rejected or canceled it, it failed, or no printer of the shop that can print it has been
 * online for a while. Never once the job is at a printer or done: then the shop has it.
 */
export function moveEligibility(
  order: Pick<TOrder, 'status' | 'shopId' | 'paidAt'>,
  latestJob: Pick<TPrintJob, 'shopId' | 'state' | 'refundDue' | 'waitingSince'> | null,
  now = new Date(),
): TMoveEligibility {
  const no = (message: string): TMoveEligibility => ({ canMove: false, reason: null, message });
  if (!order.paidAt || !['paid', 'refunded'].includes(order.status)) return no('Only a paid order that has not started printing can move.');
  if (!latestJob || latestJob.shopId !== order.shopId) return no('This order has no print job at its shop.');
  if (latestJob.state === 'canceled' && latestJob.refundDue === 'shop_rejected') return { canMove: true, reason: 'shop_rejected', message: 'The shop could not take your job.' };
  if (latestJob.state === 'failed') return { canMove: true, reason: 'print_failed', message: 'The shop could not print your job.' };
  if ((latestJob.state === 'queued' || latestJob.state === 'awaiting_acceptance') && latestJob.waitingSince && now.getTime() - latestJob.waitingSince.getTime() >= failoverAfterMs()) {
    return { canMove: true, reason: 'no_printer', message: 'The shop’s printers that can print your job have been offline for a while.' };
  }
  if (['sending', 'printing', 'printed'].includes(latestJob.state)) return no('The shop has started printing this order.');
  return no('The shop is working on this order.');
}

/** The order's newest print job (a move or a reprint adds one), or null before payment. */
export async function latestJobOf(orderId: string, executor: Pick<TTx, 'select'> = db): Promise<TPrintJob | null> {
  const [job] = await executor.select().from(printJobs).where(eq(printJobs.orderId, orderId)).orderBy(desc(printJobs.createdAt)).limit(1);
  return job ?? null;
}
