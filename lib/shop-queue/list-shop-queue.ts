import { and, asc, desc, eq, gt, inArray, or } from 'drizzle-orm';
import { db } from '@/db/client';
import { orders, printers, printJobs, shopFinishingPrices, users, type TOrder, type TPrintJob, type TPrinter } from '@/db/schema/index';
import { canPrinterDoJob } from '@/lib/ipp/can-printer-do-job';
import { getOwnedShop } from '@/lib/shops/shop-access';
import { jobDemand } from '@/lib/dispatch/job-demand';
import { ACTIVE_JOB_STATES } from '@/lib/print-jobs/job-states';
import { orderPickupLocks } from './pickup-lockout';

/** How long finished work stays on the queue page. */
const RECENT_MS = 24 * 3_600_000;

export type TQueueSection = 'attention' | 'in_progress' | 'pickup' | 'done';

export type TQueueEntry = {
  job: TPrintJob;
  order: Pick<TOrder, 'id' | 'number' | 'status' | 'options' | 'quote' | 'pickupAttempts' | 'totalMinor' | 'currency' | 'shopId' | 'readyAt' | 'collectedAt'>;
  customerName: string;
  printerName: string | null;
  section: TQueueSection;
  /** Printers this job could be moved to (enabled and able to print it). */
  movableTo: { id: string; name: string; isOnline: boolean }[];
  canHandOver: boolean;
  canMarkReady: boolean;
  canReprint: boolean;
  /** Until when wrong pickup codes lock this order's hand-over, or null. */
  handOverLockedUntil: Date | null;
};

function sectionOf(job: TPrintJob, order: Pick<TOrder, 'status' | 'shopId'>, shopId: string): TQueueSection {
  if (job.state === 'awaiting_acceptance' || job.outcomeUnknownAt || job.waitingSince || job.cancelRequestedAt || (job.state !== 'printed' && job.stateReasons.length)) return 'attention';
  if ((ACTIVE_JOB_STATES as readonly string[]).includes(job.state)) return 'in_progress';
  if (job.state === 'printed' && order.shopId === shopId && ['paid', 'printing', 'ready'].includes(order.status)) return 'pickup';
  return 'done';
}

/**
 * The shop's queue page: every job still under way, every printed order waiting for pickup,
 * and what finished in the last day, with what the shop may do to each. One order shows once,
 * by its newest job.
 */
export async function listShopQueue(options: { shopId: string; ownerId: string; now?: Date }): Promise<{ entries: TQueueEntry[]; printers: TPrinter[] }> {
  await getOwnedShop(options);
  const since = new Date((options.now ?? new Date()).getTime() - RECENT_MS);
  const rows = await db
    .select({ job: printJobs, order: orders, customerName: users.name, printerName: printers.name })
    .from(printJobs)
    .innerJoin(orders, eq(orders.id, printJobs.orderId))
    .innerJoin(users, eq(users.id, orders.customerId))
    .leftJoin(printers, eq(printers.id, printJobs.printerId))
    .where(
      and(
        eq(printJobs.shopId, options.shopId),
        or(inArray(printJobs.state, [...ACTIVE_JOB_STATES]), and(eq(orders.shopId, options.shopId), inArray(orders.status, ['paid', 'printing', 'ready'])), gt(printJobs.updatedAt, since)),
      ),
    )
    .orderBy(desc(printJobs.createdAt))
    .limit(300);
  const fleet = await db.select().from(printers).where(eq(printers.shopId, options.shopId)).orderBy(asc(printers.createdAt));
  const manual = await db
    .select()
    .from(shopFinishingPrices)
    .where(and(eq(shopFinishingPrices.shopId, options.shopId), eq(shopFinishingPrices.isManual, true)));
  const locks = await orderPickupLocks([...new Set(rows.filter((r) => ['paid', 'printing', 'ready'].includes(r.order.status)).map((r) => r.order.id))], options.now);
  const seen = new Set<string>();
  const entries: TQueueEntry[] = [];
  for (const row of rows) {
    if (seen.has(row.order.id)) continue;
    seen.add(row.order.id);
    const { job, order } = row;
    const isCurrentShop = order.shopId === options.shopId;
    const hasActive = (ACTIVE_JOB_STATES as readonly string[]).includes(job.state);
    const needs = jobDemand(
      order,
      manual.map((m) => m.finishing),
    ).needs;
    entries.push({
      job,
      order,
      customerName: row.customerName,
      printerName: row.printerName,
      section: sectionOf(job, order, options.shopId),
      movableTo:
        job.state === 'queued'
          ? fleet.filter((p) => p.isEnabled && p.id !== job.printerId && canPrinterDoJob(p.capabilities, needs).canPrint).map((p) => ({ id: p.id, name: p.name, isOnline: p.isOnline }))
          : [],
      canHandOver: isCurrentShop && job.state === 'printed' && ['paid', 'printing', 'ready'].includes(order.status),
      canMarkReady: isCurrentShop && job.state === 'printed' && ['paid', 'printing'].includes(order.status),
      canReprint: isCurrentShop && ['paid', 'printing', 'ready'].includes(order.status) && (!hasActive || !!job.outcomeUnknownAt),
      handOverLockedUntil: locks.get(order.id) ?? null,
    });
  }
  const rank: Record<TQueueSection, number> = { attention: 0, in_progress: 1, pickup: 2, done: 3 };
  entries.sort((a, b) => rank[a.section] - rank[b.section] || (a.section === 'done' ? b.job.updatedAt.getTime() - a.job.updatedAt.getTime() : a.job.createdAt.getTime() - b.job.createdAt.getTime()));
  return { entries, printers: fleet };
}
