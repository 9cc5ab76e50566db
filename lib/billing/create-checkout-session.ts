import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { orders, users, type TOrder } from '@/db/schema';
import { env } from '@/lib/config/env';
import { stripe } from './stripe-client';

/**
 * Stripe's shortest allowed lifetime for a Checkout Session is 30 minutes from when Stripe
 * creates it; a minute more, so a request that crosses a second boundary on its way is not
 * refused for asking for 29:59.
 */
export const CHECKOUT_LIFETIME_S = 31 * 60;

/**
 * A Stripe Checkout Session for an order, with the stored quote's lines. Keyed by the order
 * id, so asking again (a double click, a retry after a network error) returns the same
 * session instead of a second one.
 */
export async function createCheckoutSession(order: TOrder): Promise<{ id: string; url: string }> {
  const [customer] = await db.select({ email: users.email }).from(users).where(eq(users.id, order.customerId));
  const appUrl = env().APP_URL;
  const session = await stripe().checkout.sessions.create(
    {
      mode: 'payment',
      line_items: order.quote.lines.map((line) => ({
        price_data: { currency: order.currency, unit_amount: line.amountMinor, product_data: { name: `${order.number}: ${line.label}` } },
        quantity: 1,
      })),
      customer_email: customer?.email,
      client_reference_id: order.id,
      metadata: { order_id: order.id, order_number: order.number },
      payment_intent_data: { metadata: { order_id: order.id, order_number: order.number }, transfer_group: order.id },
      success_url: `${appUrl}/orders/${order.id}?checkout=success`,
      cancel_url: `${appUrl}/orders/${order.id}?checkout=canceled`,
      expires_at: Math.floor(Date.now() / 1000) + CHECKOUT_LIFETIME_S,
    },
    { idempotencyKey: `checkout:${order.id}` },
  );
  if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a URL.`);
  await db.update(orders).set({ stripeCheckoutSessionId: session.id, checkoutUrl: session.url, updatedAt: new Date() }).where(eq(orders.id, order.id));
  return { id: session.id, url: session.url };
}
