import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db/client';
import { orders, printers, printJobs, shopReviews, shops, users, type TShopStatus } from '@/db/schema';
import { shopBalanceMinor } from '@/lib/billing/ledger';
import { AppError, isAppError } from '@/lib/errors/app-error';
import { appendEvent } from '@/lib/events/append-event';
import { ACTIVE_JOB_STATES } from '@/lib/print-jobs/job-states';
import { refundableMinor } from '@/lib/billing/refund-order';
import { minorToDecimalString } from '@/lib/money/money';
import { getOpeningSchedule } from '@/lib/shops/shop-hours';
import { getPriceList } from '@/lib/shops/shop-prices';
import { recordAudit } from './record-audit';
import { refundOrderAsAdmin } from './refund-order-as-admin';
import { stopOrderJobs } from './stop-order-jobs';
import { isId } from '@/lib/errors/ids';

export const ZSetShopStatusRequest = z
  .object({
    shopId: z.uuid('Unknown shop'),
    status: z.enum(['active', 'suspended']),
    reason: z.string().trim().max(500, 'Keep the reason under 500 characters').default(''),
    /** What happens to the jobs the shop has not finished: they print as usual, or stop and are refunded. */
    openJobs: z.enum(['finish', 'refund'], 'Choose what happens to open jobs').default('finish'),
  })
  .refine((v) => v.status !== 'suspended' || v.reason.length >= 3, { path: ['reason'], message: 'Tell the owner why the shop is suspended' });
export type TSetShopStatusRequest = z.infer<typeof ZSetShopStatusRequest>;

/** Shops for the admin's review queue: waiting ones first, with what an admin checks. */
export async function listShopsForReview(options: { status?: TShopStatus } = {}) {
  return db
    .select({
      id: shops.id,
      name: shops.name,
      status: shops.status,
      statusReason: shops.statusReason,
      description: shops.description,
      addressLine: shops.addressLine,
      city: shops.city,
      postcode: shops.postcode,
      country: shops.country,
      lat: shops.lat,
      lng: shops.lng,
      timezone: shops.timezone,
      createdAt: shops.createdAt,
      submittedForReviewAt: shops.submittedForReviewAt,
      lastDecision: sql<'approved' | 'changes_requested' | 'rejected' | null>`(select r.decision::text from shop_reviews r where r.shop_id = shops.id order by r.created_at desc limit 1)`,
      ownerName: users.name,
      ownerEmail: users.email,
      jobFeeMinor: shops.jobFeeMinor,
      minimumChargeMinor: shops.minimumChargeMinor,
      printerCount: sql<number>`(select count(*)::int from printers p where p.shop_id = shops.id)`,
      onlinePrinterCount: sql<number>`(select count(*)::int from printers p where p.shop_id = shops.id and p.is_online and p.is_enabled)`,
      a4MonoMinor: sql<
        number | null
      >`(select price_per_page_minor from shop_prices sp where sp.shop_id = shops.id and sp.media = 'iso_a4_210x297mm' and sp.color_mode = 'monochrome' and sp.sides = 'one-sided')`,
      a4ColorMinor: sql<
        number | null
      >`(select price_per_page_minor from shop_prices sp where sp.shop_id = shops.id and sp.media = 'iso_a4_210x297mm' and sp.color_mode = 'color' and sp.sides = 'one-sided')`,
      hoursCount: sql<number>`(select count(*)::int from shop_hours h where h.shop_id = shops.id)`,
      openOrderCount: sql<number>`(select count(distinct pj.order_id)::int from print_jobs pj where pj.shop_id = shops.id and pj.state in ('awaiting_acceptance', 'queued', 'converting', 'sending', 'printing'))`,
    })
    .from(shops)
    .innerJoin(users, eq(users.id, shops.ownerId))
    .where(options.status ? eq(shops.status, options.status) : undefined)
    .orderBy(
      sql`case when ${shops.status} = 'pending_review' and ${shops.submittedForReviewAt} is not null then 0 when ${shops.status} = 'pending_review' then 1 when ${shops.status} = 'suspended' then 2 else 3 end`,
      asc(shops.name),
    );
}

export type TShopForReview = Awaited<ReturnType<typeof listShopsForReview>>[number];

/** Orders of a shop with a print job still to finish (not yet printed, failed or canceled). */
async function ordersWithOpenJobs(executor: Pick<typeof db, 'selectDistinct'>, shopId: string) {
  return executor
    .selectDistinct({ id: orders.id, number: orders.number })
    .from(printJobs)
    .innerJoin(orders, eq(orders.id, printJobs.orderId))
    .where(and(eq(printJobs.shopId, shopId), inArray(printJobs.state, [...ACTIVE_JOB_STATES])));
}

export type TSetShopStatusResult = { openOrders: number; refunded: { number: string; amountMinor: number }[]; refundFailures: { number: string; message: string }[] };

/**
 * Approve, suspend or reinstate. The reason is shown to the owner; the change, its event and
 * its audit entry commit together. Search lists active shops only, so a suspended shop
 * disappears at once. Its unfinished jobs either print as usual (the customer still gets what
 * they paid for) or, with `openJobs: 'refund'`, stop in the same transaction and are refunded
 * in full right after it commits (Stripe calls stay outside transactions); a refund Stripe
 * refuses is reported back, and the order keeps showing what is still refundable.
 */
export async function setShopStatus(options: TSetShopStatusRequest & { adminId: string }): Promise<TSetShopStatusResult> {
  const isRefunding = options.status === 'suspended' && options.openJobs === 'refund';
  const stoppedOrders = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ status: shops.status, statusReason: shops.statusReason, submittedForReviewAt: shops.submittedForReviewAt })
      .from(shops)
      .where(eq(shops.id, options.shopId))
      .for('update');
    if (!row) throw new AppError('not_found', 'We could not find that shop.');
    const before = { status: row.status, statusReason: row.statusReason };
    if (row.status === 'pending_review' && !row.submittedForReviewAt && options.status === 'active') {
      throw new AppError('conflict', 'The owner has not submitted this shop for review yet: its prices may not cover its printers.');
    }
    if (before.status === options.status) throw new AppError('conflict', `The shop is already ${options.status === 'active' ? 'live' : 'suspended'}.`);
    const after = { status: options.status, statusReason: options.status === 'suspended' ? options.reason : null };
    await tx
      .update(shops)
      .set({ ...after, updatedAt: new Date() })
      .where(eq(shops.id, options.shopId));
    // Approving from here is the same decision as the review form's: it joins the owner's history.
    if (before.status === 'pending_review') await tx.insert(shopReviews).values({ shopId: options.shopId, adminId: options.adminId, decision: 'approved', reason: options.reason });
    const open = await ordersWithOpenJobs(tx, options.shopId);
    if (isRefunding) {
      for (const order of open) {
        const stopped = await stopOrderJobs(tx, { orderId: order.id, reason: `The shop was suspended: ${options.reason}`, actor: options.adminId });
        await appendEvent(
          { type: 'order.canceled_by_admin', orderId: order.id, shopId: options.shopId, actor: options.adminId, data: { reason: 'The shop can no longer print this order', ...stopped } },
          tx,
        );
      }
    }
    const action = options.status === 'suspended' ? 'shop.suspend' : before.status === 'pending_review' ? 'shop.approve' : 'shop.reinstate';
    await recordAudit(
      {
        actorId: options.adminId,
        action,
        targetType: 'shop',
        targetId: options.shopId,
        reason: options.reason || null,
        before,
        after: { ...after, ...(options.status === 'suspended' ? { openJobs: options.openJobs, openOrders: open.map((o) => o.number) } : {}) },
      },
      tx,
    );
    await appendEvent({ type: action.replace('.', '.status.'), shopId: options.shopId, actor: options.adminId, data: { ...after } }, tx);
    return open;
  });
  const result: TSetShopStatusResult = { openOrders: stoppedOrders.length, refunded: [], refundFailures: [] };
  if (!isRefunding) return result;
  for (const order of stoppedOrders) {
    try {
      const refundable = await refundableMinor(order.id);
      if (refundable <= 0) continue;
      const { currency } = (await db.select({ currency: orders.currency }).from(orders).where(eq(orders.id, order.id)))[0];
      await refundOrderAsAdmin({ orderId: order.id, amount: minorToDecimalString(refundable, currency), reason: 'The shop was suspended and cannot print this order', adminId: options.adminId });
      result.refunded.push({ number: order.number, amountMinor: refundable });
    } catch (error) {
      if (!isAppError(error)) console.error(error);
      result.refundFailures.push({ number: order.number, message: isAppError(error) ? error.message : 'Unexpected error; see the server log.' });
    }
  }
  return result;
}

/** One shop as the admin reviews it: details, owner, printers, prices, hours and the work it has open. */
export async function getShopForAdmin(shopId: string) {
  if (!isId(shopId)) throw new AppError('not_found', 'We could not find that shop.');
  const [row] = await db.select({ shop: shops, ownerName: users.name, ownerEmail: users.email }).from(shops).innerJoin(users, eq(users.id, shops.ownerId)).where(eq(shops.id, shopId));
  if (!row) throw new AppError('not_found', 'We could not find that shop.');
  const [printerRows, priceList, schedule, openOrders, recentOrders, balanceMinor] = await Promise.all([
    db
      .select({
        id: printers.id,
        name: printers.name,
        uri: printers.uri,
        makeAndModel: printers.makeAndModel,
        isEnabled: printers.isEnabled,
        isOnline: printers.isOnline,
        state: printers.state,
        stateReasons: printers.stateReasons,
        isColor: printers.isColor,
        isDuplex: printers.isDuplex,
        media: printers.media,
        pagesPerMinute: printers.pagesPerMinute,
        lastSeenAt: printers.lastSeenAt,
        lastError: printers.lastError,
        viaAgent: printers.viaAgent,
      })
      .from(printers)
      .where(eq(printers.shopId, shopId))
      .orderBy(asc(printers.name)),
    getPriceList(shopId),
    getOpeningSchedule(shopId, row.shop.timezone),
    ordersWithOpenJobs(db, shopId),
    db
      .select({ id: orders.id, number: orders.number, status: orders.status, totalMinor: orders.totalMinor, currency: orders.currency, createdAt: orders.createdAt })
      .from(orders)
      .where(eq(orders.shopId, shopId))
      .orderBy(desc(orders.createdAt))
      .limit(20),
    shopBalanceMinor(shopId),
  ]);
  return { ...row, printers: printerRows, priceList, schedule, openOrders, recentOrders, balanceMinor };
}

export type TShopForAdmin = Awaited<ReturnType<typeof getShopForAdmin>>;
