import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { orders, printers, shopFinishingPrices } from '@/db/schema/index';
import { AppError } from '@/lib/errors/app-error';
import { canPrinterDoJob } from '@/lib/ipp/can-printer-do-job';
import { jobDemand } from '@/lib/dispatch/job-demand';
import { transitionJob } from '@/lib/print-jobs/transition-job';
import { getShopJob, type TShopJobRef } from './shop-job';

/**
 * The shop sends a job that has not reached a printer yet to a printer of its choice. The job
 * is pinned there (the scheduler keeps it there while that printer can take it) and converted
 * again for it, since formats and copies differ between printers.
 */
export async function moveJobToPrinter(ref: TShopJobRef & { printerId: string }): Promise<void> {
  const job = await getShopJob(ref);
  const [printer] = await db
    .select()
    .from(printers)
    .where(and(eq(printers.id, ref.printerId), eq(printers.shopId, ref.shopId)));
  if (!printer) throw new AppError('not_found', 'We could not find that printer.');
  if (!printer.isEnabled) throw new AppError('conflict', `“${printer.name}” is disabled in Nearprint.`);
  const [order] = await db.select().from(orders).where(eq(orders.id, job.orderId));
  const manual = await db
    .select()
    .from(shopFinishingPrices)
    .where(and(eq(shopFinishingPrices.shopId, ref.shopId), eq(shopFinishingPrices.isManual, true)));
  const fit = canPrinterDoJob(
    printer.capabilities,
    jobDemand(
      order,
      manual.map((m) => m.finishing),
    ).needs,
  );
  if (!fit.canPrint) throw new AppError('unprocessable', `“${printer.name}” cannot print this job: ${fit.reasons.map((r) => r.message).join(' ')}`);
  const moved = await transitionJob(db, {
    jobId: job.id,
    from: 'queued',
    to: 'queued',
    by: 'shop',
    set: { printerId: printer.id, isPrinterPinned: true, convertedAt: null, waitingSince: null, runAfter: new Date() },
    event: { type: 'job.moved', actor: ref.ownerId, data: { reason: `Moved to ${printer.name} by the shop.`, toPrinterId: printer.id, toPrinterName: printer.name } },
  });
  if (!moved) throw new AppError('conflict', 'Only a job still waiting in the queue can be moved; this one is being prepared or printed.');
}
