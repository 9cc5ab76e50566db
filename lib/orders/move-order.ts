import { and, desc, eq, inArray, isNull, like, ne, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import { db } from '@/db/client';
import { orderMoves, orders, printJobs, refunds, shops, type TOrder, type TOrderMove, type TPrintJob } from '@/db/schema';
import type { TOrderQuote } from '@/lib/quote/order-quote';
import { orderLedgerSummary, postLedgerTransaction } from '@/lib/billing/ledger';
import { feeRuleAt, platformFeeFor } from '@/lib/quote/platform-fee';
import { CHECKOUT_LIFETIME_S } from '@/lib/billing/create-checkout-session';
import { stripe } from '@/lib/billing/stripe-client';
import { env } from '@/lib/config/env';
import { orderSettings } from '@/lib/config/order-settings';
import { AppError, isAppError } from '@/lib/errors/app-error';
import { appendEvent } from '@/lib/events/append-event';
import { searchShops } from '@/lib/search/search-shops';
import { ZSearchShopsRequest } from '@/lib/search/search-shops-request';
import { createPrintJob } from '@/lib/print-jobs/create-print-job';
import { endJob, type TTx } from '@/lib/print-jobs/job-transitions';
import { refundableMinor, refundOrder } from '@/lib/billing/refund-order';
import { loadOrderSnapshot, pageColorsOf } from '@/lib/quote/job-snapshot';
import { quoteForShop } from '@/lib/quote/quote-for-shop';

/** Minutes a paid job may wait for a printer before the customer is offered to move it. */
export function failoverAfterMs(): number {
  return orderSettings().failoverAfterMs;
}

/** How far around the shop other shops are offered, km. */
const MOVE_RADIUS_KM = 10;
const MOVE_OPTIONS = 5;

export type TMoveReason = 'shop_rejected' | 'print_failed' | 'no_printer';

export type TMoveEligibility = { canMove: true; reason: TMoveReason; message: string } | { canMove: false; reason: null; message: string };

/**
 * Whether the customer may take the order elsewhere: the shop rejected or canceled it, it
 * failed, or no printer of the shop that can print it has been online for a while. Never
 * once the job is at a printer or done: then the shop has it.
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
  return no('The shop is working on this order.');
}

export type TMoveOption = {
  shopId: string;
  shopName: string;
  address: string;
  distanceM: number;
  readyAt: string | null;
  quote: TOrderQuote;
  totalMinor: number;
  /** What moving costs: above zero is paid now, below zero refunded (minor units). */
  differenceMinor: number;
};

export type TMoveOptions = {
  eligibility: TMoveEligibility;
  currency: string;
  /** What the order still holds: paid minus refunded (minor units). */
  creditMinor: number;
  options: TMoveOption[];
  /** A dearer move waiting for the customer to pay the difference. */
  pendingMove: { id: string; toShopName: string; differenceMinor: number; checkoutUrl: string | null } | null;
};

async function ownedOrder(orderId: string, customerId: string): Promise<TOrder> {
  if (!/^[0-9a-f-]{36}$/i.test(orderId)) throw new AppError('not_found', 'We could not find that order.');
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.customerId, customerId)));
  if (!order) throw new AppError('not_found', 'We could not find that order.');
  return order;
}

async function latestJobOf(orderId: string, executor: Pick<TTx, 'select'> = db): Promise<TPrintJob | null> {
  const [job] = await executor.select().from(printJobs).where(eq(printJobs.orderId, orderId)).orderBy(desc(printJobs.createdAt)).limit(1);
  return job ?? null;
}

/**
 * The shops the customer can move the order to, best value first as search ranks them
 * around the current shop, each with a fresh exact quote from its price list for the
 * order's own documents and the difference to what the order still holds.
 */
export async function listMoveOptions(options: { orderId: string; customerId: string }): Promise<TMoveOptions> {
  const order = await ownedOrder(options.orderId, options.customerId);
  const eligibility = moveEligibility(order, await latestJobOf(order.id));
  const creditMinor = Math.max(0, await refundableMinor(order.id));
  const [pending] = await db
    .select({ move: orderMoves, toShopName: shops.name })
    .from(orderMoves)
    .innerJoin(shops, eq(shops.id, orderMoves.toShopId))
    .where(and(eq(orderMoves.orderId, order.id), eq(orderMoves.status, 'pending_payment')));
  const base = {
    eligibility,
    currency: order.currency,
    creditMinor,
    pendingMove: pending ? { id: pending.move.id, toShopName: pending.toShopName, differenceMinor: pending.move.differenceMinor, checkoutUrl: pending.move.checkoutUrl } : null,
  };
  if (!eligibility.canMove) return { ...base, options: [] };
  const [shop] = await db.select().from(shops).where(eq(shops.id, order.shopId));
  // Priced from the order's own snapshot: the move prints what was paid for, at the new shop's prices.
  const pages = (await loadOrderSnapshot(order.id)).map(pageColorsOf);
  const found = await searchShops(
    ZSearchShopsRequest.parse({
      lat: shop.lat,
      lng: shop.lng,
      radiusKm: MOVE_RADIUS_KM,
      ...order.options,
      pageRanges: undefined,
      pageCount: Math.max(1, order.quote.pageCount),
      colorPageCount: Math.min(order.quote.colorPageCount, Math.max(1, order.quote.pageCount)),
      sort: 'best_value',
      pageSize: MOVE_OPTIONS + 1,
    }),
  );
  const moveOptions: TMoveOption[] = [];
  for (const result of found.results.filter((r) => r.shop.id !== order.shopId).slice(0, MOVE_OPTIONS)) {
    try {
      const { quote } = await quoteForShop({ shopId: result.shop.id, job: order.options, documents: pages });
      moveOptions.push({
        shopId: result.shop.id,
        shopName: result.shop.name,
        address: `${result.shop.addressLine}, ${result.shop.city}`,
        distanceM: result.distanceM,
        readyAt: result.ready.readyAt,
        quote,
        totalMinor: quote.totalMinor,
        differenceMinor: quote.totalMinor - creditMinor,
      });
    } catch (error) {
      if (!isAppError(error)) throw error;
    }
  }
  return { ...base, options: moveOptions };
}

export type TMoveOrderResult = { kind: 'moved'; refundedMinor: number } | { kind: 'checkout'; checkoutUrl: string } | { kind: 'price_changed'; totalMinor: number };

/**
 * Moves a paid order to another shop in one step, at a fresh quote. What the order still
 * holds (its credit) pays for the new total: when the new shop is cheaper or the same, the
 * order moves now and the rest is refunded on the original payment (kind `order_moved`); when
 * it is dearer, a Checkout Session charges only the difference and the order moves once that
 * is paid (completeOrderMove). The order keeps its number, pickup code and documents; the old
 * shop's job is canceled and the new shop gets a new one.
 *
 * Ledger: the original charge stays booked on the order; a cheaper move books the refund of
 * the difference (customer_prepaid → stripe_balance); a dearer one books the top-up as a
 * second charge on the same order (stripe_balance → customer_prepaid). Either way the order's
 * paid minus refunded equals the new total, which is what the shop's earning is recognised
 * from at hand-over; every line is a real Stripe object, so reconciliation holds.
 */
export async function moveOrder(options: {
  orderId: string;
  customerId: string;
  toShopId: string;
  expectedTotalMinor: number;
  /** Who asked: the customer, or an admin re-routing with the customer's agreement. Defaults to the customer. */
  requestedBy?: string;
}): Promise<TMoveOrderResult> {
  const actor = options.requestedBy ?? options.customerId;
  const order = await ownedOrder(options.orderId, options.customerId);
  const eligibility = moveEligibility(order, await latestJobOf(order.id));
  if (!eligibility.canMove) throw new AppError('conflict', eligibility.message);
  if (options.toShopId === order.shopId) throw new AppError('bad_request', 'Choose another shop.');
  // Priced from the order's own snapshot: the move prints what was paid for, at the new shop's prices.
  const pages = (await loadOrderSnapshot(order.id)).map(pageColorsOf);
  const { shop, quote } = await quoteForShop({ shopId: options.toShopId, job: order.options, documents: pages });
  if (shop.status !== 'active') throw new AppError('unprocessable', 'That shop is not taking orders at the moment.');
  if (quote.totalMinor !== options.expectedTotalMinor) return { kind: 'price_changed', totalMinor: quote.totalMinor };
  const creditMinor = Math.max(0, await refundableMinor(order.id));
  const rawDifference = quote.totalMinor - creditMinor;
  // Stripe cannot charge less than its minimum: such a difference is waived, the order costs what it holds.
  const isWaived = rawDifference > 0 && rawDifference < stripeMinimumChargeMinor(order.currency);
  const differenceMinor = isWaived ? 0 : rawDifference;
  const totalMinor = isWaived ? creditMinor : quote.totalMinor;

  await cancelPendingMoves(order.id);
  const [move] = await db
    .insert(orderMoves)
    .values({
      orderId: order.id,
      fromShopId: order.shopId,
      toShopId: shop.id,
      status: differenceMinor > 0 ? 'pending_payment' : 'completed',
      quote,
      totalMinor,
      creditMinor,
      differenceMinor,
      requestedBy: actor,
    })
    .returning();

  if (differenceMinor > 0) return { kind: 'checkout', checkoutUrl: await topUpCheckout(order, move, shop.name) };

  const isApplied = await db.transaction(async (tx) => applyMove(tx, move, actor));
  if (!isApplied) throw new AppError('conflict', 'The order changed meanwhile; look at it again.');
  const refunded = await settleMoveDifference(move.id);
  return { kind: 'moved', refundedMinor: refunded };
}

/** The smallest amount Stripe charges in a currency (minor units); 50 for most. */
export function stripeMinimumChargeMinor(currency: string): number {
  return ({ gbp: 30, jpy: 50, hkd: 400, dkk: 250, nok: 300, sek: 300, czk: 1500, huf: 17500, pln: 200, ron: 200, mxn: 1000, inr: 50, thb: 1000 } as Record<string, number>)[currency] ?? 50;
}

async function topUpCheckout(order: TOrder, move: TOrderMove, shopName: string): Promise<string> {
  const appUrl = env().APP_URL;
  const session = await stripe().checkout.sessions.create(
    {
      mode: 'payment',
      line_items: [{ price_data: { currency: order.currency, unit_amount: move.differenceMinor, product_data: { name: `${order.number}: difference for moving to ${shopName}` } }, quantity: 1 }],
      client_reference_id: order.id,
      metadata: { nearprint_order_move_id: move.id },
      payment_intent_data: { metadata: { order_id: order.id, nearprint_order_move_id: move.id } },
      success_url: `${appUrl}/orders/${order.id}?move=success`,
      cancel_url: `${appUrl}/orders/${order.id}?move=canceled`,
      expires_at: Math.floor(Date.now() / 1000) + CHECKOUT_LIFETIME_S,
    },
    { idempotencyKey: `order-move:${move.id}` },
  );
  if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a URL.`);
  await db.update(orderMoves).set({ stripeCheckoutSessionId: session.id, checkoutUrl: session.url }).where(eq(orderMoves.id, move.id));
  return session.url;
}

/** A customer who picks another shop abandons the previous top-up; its session is expired at Stripe. */
async function cancelPendingMoves(orderId: string): Promise<void> {
  const pending = await db
    .select()
    .from(orderMoves)
    .where(and(eq(orderMoves.orderId, orderId), eq(orderMoves.status, 'pending_payment')));
  for (const move of pending) {
    if ((await completeOrderMove(move.id)) !== 'pending') continue;
    if (move.stripeCheckoutSessionId)
      await stripe()
        .checkout.sessions.expire(move.stripeCheckoutSessionId)
        .catch(() => undefined);
    await db
      .update(orderMoves)
      .set({ status: 'canceled' })
      .where(and(eq(orderMoves.id, move.id), eq(orderMoves.status, 'pending_payment')));
  }
}

/**
 * The move itself, in one transaction: the old shop's job ends (no refund: the money moves
 * with the order), the order takes the new shop, quote and total, and the new shop gets a job.
 * False when the order is no longer movable (its job started printing after all).
 */
async function applyMove(tx: TTx, move: TOrderMove, actor: string): Promise<boolean> {
  const [order] = await tx.select().from(orders).where(eq(orders.id, move.orderId)).for('update');
  if (!order || order.shopId !== move.fromShopId) return false;
  if (!moveEligibility(order, await latestJobOf(order.id, tx)).canMove) return false;
  const active = await tx
    .select()
    .from(printJobs)
    .where(and(eq(printJobs.orderId, order.id), inArray(printJobs.state, ['awaiting_acceptance', 'queued', 'converting'])))
    .for('update');
  for (const job of active) await endJob(tx, job, { state: 'canceled', reason: 'The customer moved the order to another shop.', refund: null, by: 'customer', actor });
  const summary = await orderLedgerSummary(order.id, tx);
  const platformFeeMinor = move.differenceMinor > 0 ? platformFeeFor(summary.paidMinor, await feeRuleAt(new Date(), tx)) : order.platformFeeMinor;
  await tx
    .update(orders)
    .set({ shopId: move.toShopId, quote: move.quote, totalMinor: move.totalMinor, platformFeeMinor, status: 'paid', readyAt: null, updatedAt: new Date() })
    .where(eq(orders.id, order.id));
  await tx.update(orderMoves).set({ status: 'completed', completedAt: new Date() }).where(eq(orderMoves.id, move.id));
  const data = { fromShopId: move.fromShopId, toShopId: move.toShopId, totalMinor: move.totalMinor, differenceMinor: move.differenceMinor };
  await appendEvent({ type: 'order.moved', orderId: order.id, shopId: move.fromShopId, actor, data }, tx);
  await appendEvent({ type: 'order.moved', orderId: order.id, shopId: move.toShopId, actor, data }, tx);
  await createPrintJob(tx, { id: order.id, shopId: move.toShopId });
  return true;
}

/**
 * Completes a dearer move once Stripe says its top-up is paid: books the top-up charge on the
 * order and applies the move, in one transaction. If the order can no longer move (the first
 * shop printed it meanwhile), the top-up is booked and refunded instead. An expired session
 * cancels the move. Idempotent; called when the customer comes back from Checkout and by the
 * worker's housekeeping, so a customer who closes the tab still gets the move.
 */
export async function completeOrderMove(moveId: string): Promise<'completed' | 'pending' | 'canceled'> {
  const [move] = await db.select().from(orderMoves).where(eq(orderMoves.id, moveId));
  if (!move) throw new AppError('not_found', 'We could not find that move.');
  if (move.status !== 'pending_payment') return move.status === 'completed' ? 'completed' : 'canceled';
  if (!move.stripeCheckoutSessionId) return 'pending';
  const session = await stripe().checkout.sessions.retrieve(move.stripeCheckoutSessionId, { expand: ['payment_intent.latest_charge'] });
  const intent = session.payment_intent as Stripe.PaymentIntent | null;
  const charge = intent?.latest_charge as Stripe.Charge | null | undefined;
  if (session.payment_status === 'paid' && intent && charge) {
    const isMoved = await db.transaction(async (tx) => {
      const [locked] = await tx
        .select()
        .from(orderMoves)
        .where(and(eq(orderMoves.id, moveId), eq(orderMoves.status, 'pending_payment')))
        .for('update');
      if (!locked) return null;
      const [order] = await tx.select().from(orders).where(eq(orders.id, move.orderId));
      await postLedgerTransaction(
        {
          kind: 'charge',
          stripeObjectId: charge.id,
          orderId: move.orderId,
          shopId: move.toShopId,
          description: `Difference paid for moving ${order.number}`,
          currency: charge.currency,
          lines: [
            { account: 'stripe_balance', amountMinor: charge.amount },
            { account: 'customer_prepaid', amountMinor: -charge.amount },
          ],
        },
        tx,
      );
      await tx.update(orderMoves).set({ stripePaymentIntentId: intent.id, stripeChargeId: charge.id }).where(eq(orderMoves.id, moveId));
      const isApplied = await applyMove(tx, { ...locked, stripePaymentIntentId: intent.id }, 'stripe');
      if (isApplied) {
        await tx.update(orderMoves).set({ differenceSettledAt: new Date() }).where(eq(orderMoves.id, moveId));
      } else {
        await tx.update(orderMoves).set({ status: 'canceled' }).where(eq(orderMoves.id, moveId));
        await appendEvent(
          { type: 'order.move_failed', orderId: move.orderId, shopId: move.fromShopId, actor: 'stripe', data: { reason: 'The first shop started printing the order; the difference is refunded.' } },
          tx,
        );
      }
      return isApplied;
    });
    if (isMoved === false) {
      await settleMoveDifference(moveId);
      return 'canceled';
    }
    return isMoved === null ? ((await db.select({ status: orderMoves.status }).from(orderMoves).where(eq(orderMoves.id, moveId)))[0]?.status === 'completed' ? 'completed' : 'canceled') : 'completed';
  }
  if (session.status === 'expired') {
    await db
      .update(orderMoves)
      .set({ status: 'canceled' })
      .where(and(eq(orderMoves.id, moveId), eq(orderMoves.status, 'pending_payment')));
    return 'canceled';
  }
  return 'pending';
}

/** While one caller refunds a move's difference, others leave it; a caller that died frees it after this. */
const SETTLE_CLAIM_MS = 2 * 60_000;

/**
 * Refunds what a move leaves over, after the move committed; retried by housekeeping until
 * done: the difference of a cheaper move, or the whole top-up of a dearer move that could not
 * be applied after it was paid (status canceled, charge booked). Claimed first (settlingUntil)
 * so two callers never refund it twice, and a refund already made for the move (named in its
 * reason) is not made again after a crash.
 */
export async function settleMoveDifference(moveId: string): Promise<number> {
  const [move] = await db
    .update(orderMoves)
    .set({ settlingUntil: new Date(Date.now() + SETTLE_CLAIM_MS) })
    .where(
      and(
        eq(orderMoves.id, moveId),
        isNull(orderMoves.differenceSettledAt),
        sql`(${orderMoves.status} = 'completed' or (${orderMoves.status} = 'canceled' and ${orderMoves.stripeChargeId} is not null))`,
        sql`(${orderMoves.settlingUntil} is null or ${orderMoves.settlingUntil} < now())`,
      ),
    )
    .returning();
  if (!move) return 0;
  const amount = move.status === 'completed' ? -move.differenceMinor : move.differenceMinor;
  const marker = `move ${move.id.slice(0, 8)}`;
  let refunded = 0;
  try {
    const [already] = await db
      .select({ id: refunds.id })
      .from(refunds)
      .where(and(eq(refunds.orderId, move.orderId), eq(refunds.kind, 'order_moved'), like(refunds.reason, `%${marker}%`), ne(refunds.status, 'failed')));
    if (amount > 0 && !already) {
      const [shop] = await db.select({ name: shops.name }).from(shops).where(eq(shops.id, move.toShopId));
      const reason = move.status === 'completed' ? `Moved to ${shop?.name ?? 'another shop'} for less (${marker})` : `Move not needed: the first shop printed the order (${marker})`;
      await refundOrder({ orderId: move.orderId, amountMinor: amount, kind: 'order_moved', reason, requestedBy: move.requestedBy ?? 'system' });
      refunded = amount;
    }
  } catch (error) {
    await db.update(orderMoves).set({ settlingUntil: null }).where(eq(orderMoves.id, moveId));
    throw error;
  }
  await db.update(orderMoves).set({ differenceSettledAt: new Date(), settlingUntil: null }).where(eq(orderMoves.id, moveId));
  return refunded;
}

/** Housekeeping: top-ups paid or expired, and cheaper moves whose refund is still to be made. */
export async function syncOrderMoves(options: { orderId?: string } = {}): Promise<number> {
  const scope = options.orderId ? eq(orderMoves.orderId, options.orderId) : undefined;
  const pending = await db
    .select({ id: orderMoves.id })
    .from(orderMoves)
    .where(and(eq(orderMoves.status, 'pending_payment'), scope))
    .limit(50);
  const unsettled = await db
    .select({ id: orderMoves.id })
    .from(orderMoves)
    .where(and(sql`(${orderMoves.status} = 'completed' or (${orderMoves.status} = 'canceled' and ${orderMoves.stripeChargeId} is not null))`, isNull(orderMoves.differenceSettledAt), scope))
    .limit(50);
  let changed = 0;
  for (const move of pending) if ((await completeOrderMove(move.id)) !== 'pending') changed += 1;
  for (const move of unsettled) changed += (await settleMoveDifference(move.id)) > 0 ? 1 : 0;
  return changed;
}

/**
 * "Give me my money back" instead of moving: the job at the shop ends (if it was still
 * waiting) and what the order holds is refunded in full.
 */
export async function refundInsteadOfMove(options: { orderId: string; customerId: string }): Promise<{ refundedMinor: number }> {
  const order = await ownedOrder(options.orderId, options.customerId);
  const eligibility = moveEligibility(order, await latestJobOf(order.id));
  if (!eligibility.canMove) throw new AppError('conflict', eligibility.message);
  await cancelPendingMoves(order.id);
  await db.transaction(async (tx) => {
    const active = await tx
      .select()
      .from(printJobs)
      .where(and(eq(printJobs.orderId, order.id), inArray(printJobs.state, ['awaiting_acceptance', 'queued', 'converting'])))
      .for('update');
    for (const job of active) await endJob(tx, job, { state: 'canceled', reason: 'The customer asked for a refund instead of waiting.', refund: null, by: 'customer', actor: options.customerId });
  });
  const refundable = await refundableMinor(order.id);
  if (refundable <= 0) return { refundedMinor: 0 };
  await refundOrder({ orderId: order.id, kind: eligibility.reason === 'shop_rejected' ? 'shop_rejected' : 'print_failed', reason: eligibility.message, requestedBy: options.customerId });
  return { refundedMinor: refundable };
}
