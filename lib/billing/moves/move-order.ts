import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { orderMoves, type TOrder, type TOrderMove } from '@/db/schema';
import { env } from '@/lib/config/env';
import { AppError } from '@/lib/errors/app-error';
import { applyOrderMove } from '@/lib/orders/apply-order-move';
import { getCustomerOrder } from '@/lib/orders/customer-order';
import { latestJobOf, moveEligibility } from '@/lib/orders/move-eligibility';
import { loadOrderSnapshot, pageColorsOf } from '@/lib/quote/job-snapshot';
import { quoteForShop } from '@/lib/quote/quote-for-shop';
import { CHECKOUT_LIFETIME_S } from '../create-checkout-session';
import { refundableMinor } from '../refund-order';
import { stripe } from '../stripe-client';
import { cancelPendingMoves } from './cancel-pending-moves';
import { settleMoveDifference } from './settle-move-difference';

export type TMoveOrderResult = { kind: 'moved'; refundedMinor: number } | { kind: 'checkout'; checkoutUrl: string } | { kind: 'price_changed'; totalMinor: number };

/**
 * Moves a paid order to another shop in one step, at a fresh quote. What the order still
 * holds (its credit) pays for the new total: when the new shop is cheaper or the same, the
 * order moves now and the rest is refunded on the original payment (kind `order_moved`); when
 * it is dearer, a Checkout Session charges only the difference, carrying the move's id in its
 * metadata, and the order moves when the webhook says it is paid (completeOrderMove). The
 * order keeps its number, pickup code and documents; the old shop's job is canceled and the
 * new shop gets a new one.
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
  const order = await getCustomerOrder(options);
  const eligibility = moveEligibility(order, await latestJobOf(order.id));
  if (!eligibility.canMove) throw new AppError('conflict', eligibility.message);
  if (options.toShopId === order.shopId) throw new AppError('bad_request', 'Choose another shop.');
  // Priced from the order's own snapshot: the move prints what was paid for, at the new shop's prices.
  const pages = (await loadOrderSnapshot(order.id)).map(pageColorsOf);
  const { shop, quote } = await quoteForShop({ shopId: options.toShopId, job: order.options, documents: pages });
  if (shop.status !== 'active') throw new AppError('unprocessable', 'That shop is not taking orders at the moment.');
  if (quote.totalMinor !== options.expectedTotalMinor) return { kind: 'price_changed', totalMinor: quote.totalMinor };

  const completed = await cancelPendingMoves(order.id, actor);
  if (completed) throw new AppError('conflict', `Your payment for moving this order to ${completed.toShopName} went through meanwhile, so the order is there now.`);
  const creditMinor = Math.max(0, await refundableMinor(order.id));
  const rawDifference = quote.totalMinor - creditMinor;
  // Stripe cannot charge less than its minimum: such a difference is waived, the order costs what it holds.
  const isWaived = rawDifference > 0 && rawDifference < stripeMinimumChargeMinor(order.currency);
  const differenceMinor = isWaived ? 0 : rawDifference;
  const totalMinor = isWaived ? creditMinor : quote.totalMinor;
  const values = { orderId: order.id, fromShopId: order.shopId, toShopId: shop.id, quote, totalMinor, creditMinor, differenceMinor, requestedBy: actor };

  if (differenceMinor > 0) {
    const [move] = await db
      .insert(orderMoves)
      .values({ ...values, status: 'pending_payment' })
      .returning();
    return { kind: 'checkout', checkoutUrl: await topUpCheckout(order, move, shop.name) };
  }
  // Recorded and applied together: a move that cannot be applied leaves no row to refund from.
  const move = await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(orderMoves)
      .values({ ...values, status: 'completed' })
      .returning();
    if (!(await applyOrderMove(tx, inserted, { actor }))) throw new AppError('conflict', 'The order changed meanwhile; look at it again.');
    return inserted;
  });
  return { kind: 'moved', refundedMinor: await settleMoveDifference(move.id) };
}

/** The smallest amount Stripe charges in a currency (minor units); 50 for most. */
export function stripeMinimumChargeMinor(currency: string): number {
  return ({ gbp: 30, jpy: 50, hkd: 400, dkk: 250, nok: 300, sek: 300, czk: 1500, huf: 17500, pln: 200, ron: 200, mxn: 1000, inr: 50, thb: 1000 } as Record<string, number>)[currency] ?? 50;
}

/** The Checkout Session for a dearer move's difference; its metadata names the move, which is how the webhook finds it. */
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
