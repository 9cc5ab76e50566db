import { and, desc, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { orders, printers, printJobs, type TPrinter, type TPrintJobState } from '@/db/schema';
import type { TApiKeyIdentity } from '@/lib/api-keys/api-keys';
import { shopEarnings } from '@/lib/billing/shop-earnings';
import { env } from '@/lib/config/env';
import { AppError } from '@/lib/errors/app-error';
import { acceptJob } from '@/lib/shop-queue/accept-job';
import { handOverOrder } from '@/lib/shop-queue/hand-over-order';
import { rejectJob } from '@/lib/shop-queue/reject-job';
import { getShopJob } from '@/lib/shop-queue/shop-job';
import type { TRejectReason } from '@/lib/shop-queue/reject-reasons';
import type { TApiJob, TApiPrinter } from './shop-api-schemas';

/**
 * What each API call does. Reads scope by the key's shop in the WHERE clause; the actions call
 * the very functions the owner's queue page calls (acceptJob, rejectJob, handOverOrder), as the
 * shop's owner, so there is one implementation of each rule (refunds, the state gate, pickup
 * lockout) and the audit trail names the owner as for the page.
 */

const iso = (date: Date | null) => (date ? date.toISOString() : null);

const jobColumns = {
  job: printJobs,
  orderNumber: orders.number,
  orderStatus: orders.status,
  totalMinor: orders.totalMinor,
  currency: orders.currency,
};

function toApiJob(row: { job: typeof printJobs.$inferSelect; orderNumber: string; orderStatus: string; totalMinor: number; currency: string }): TApiJob {
  const { job } = row;
  return {
    id: job.id,
    orderId: job.orderId,
    orderNumber: row.orderNumber,
    state: job.state,
    printerId: job.printerId,
    isReprint: job.isReprint,
    expectedImpressions: job.expectedImpressions,
    impressionsCompleted: job.impressionsCompleted,
    lastError: job.lastError,
    orderStatus: row.orderStatus,
    totalMinor: row.totalMinor,
    currency: row.currency,
    createdAt: job.createdAt.toISOString(),
    printedAt: iso(job.printedAt),
  };
}

export async function listApiJobs(key: TApiKeyIdentity, query: { state?: TPrintJobState; limit: number }): Promise<TApiJob[]> {
  const rows = await db
    .select(jobColumns)
    .from(printJobs)
    .innerJoin(orders, eq(orders.id, printJobs.orderId))
    .where(and(eq(printJobs.shopId, key.shopId), query.state ? eq(printJobs.state, query.state) : undefined))
    .orderBy(desc(printJobs.createdAt))
    .limit(query.limit);
  return rows.map(toApiJob);
}

export async function getApiJob(key: TApiKeyIdentity, jobId: string): Promise<TApiJob> {
  const [row] = await db
    .select(jobColumns)
    .from(printJobs)
    .innerJoin(orders, eq(orders.id, printJobs.orderId))
    .where(and(eq(printJobs.id, jobId), eq(printJobs.shopId, key.shopId)));
  if (!row) throw new AppError('not_found', 'We could not find that job.');
  return toApiJob(row);
}

export async function acceptApiJob(key: TApiKeyIdentity, jobId: string): Promise<TApiJob> {
  await acceptJob({ shopId: key.shopId, ownerId: key.ownerId, jobId });
  return getApiJob(key, jobId);
}

export async function rejectApiJob(key: TApiKeyIdentity, jobId: string, reason: TRejectReason): Promise<TApiJob> {
  await rejectJob({ shopId: key.shopId, ownerId: key.ownerId, jobId, reason });
  return getApiJob(key, jobId);
}

/** Hand-over is per order (the customer collects the order); the API names it by one of its jobs. */
export async function handOverApiJob(key: TApiKeyIdentity, jobId: string, code: string) {
  const job = await getShopJob({ shopId: key.shopId, ownerId: key.ownerId, jobId });
  const result = await handOverOrder({ shopId: key.shopId, ownerId: key.ownerId, orderId: job.orderId, code });
  return result.kind === 'collected' ? { result: 'collected' as const, shortfallRefundMinor: result.shortfallRefundMinor } : { result: 'wrong_code' as const, attemptsLeft: result.attemptsLeft };
}

function toApiPrinter(printer: TPrinter): TApiPrinter {
  return {
    id: printer.id,
    name: printer.name,
    makeAndModel: printer.makeAndModel,
    isEnabled: printer.isEnabled,
    isOnline: printer.isOnline,
    state: printer.state,
    stateReasons: printer.stateReasons,
    queuedJobCount: printer.queuedJobCount,
    isColor: printer.isColor,
    isDuplex: printer.isDuplex,
    media: printer.media,
    lastSeenAt: iso(printer.lastSeenAt),
  };
}

export async function listApiPrinters(key: TApiKeyIdentity): Promise<TApiPrinter[]> {
  const rows = await db.select().from(printers).where(eq(printers.shopId, key.shopId)).orderBy(printers.name);
  return rows.map(toApiPrinter);
}

export async function getApiPrinter(key: TApiKeyIdentity, printerId: string): Promise<TApiPrinter> {
  const [row] = await db
    .select()
    .from(printers)
    .where(and(eq(printers.id, printerId), eq(printers.shopId, key.shopId)));
  if (!row) throw new AppError('not_found', 'We could not find that printer.');
  return toApiPrinter(row);
}

export async function getApiEarnings(key: TApiKeyIdentity) {
  const earnings = await shopEarnings(key.shopId);
  return {
    currency: env().CURRENCY,
    balanceMinor: earnings.balanceMinor,
    inProgressMinor: earnings.inProgressMinor,
    inProgressCount: earnings.inProgressCount,
    paidOutMinor: earnings.paidOutMinor,
    orders: earnings.orders.map((order) => ({
      orderId: order.id,
      number: order.number,
      status: order.status,
      paidAt: iso(order.paidAt),
      totalMinor: order.totalMinor,
      platformFeeMinor: order.platformFeeMinor,
      refundedMinor: order.refundedMinor,
      earnedMinor: order.earnedMinor,
    })),
  };
}
