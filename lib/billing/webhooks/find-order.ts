import { eq, or } from 'drizzle-orm';
import { db } from '@/db/client';
import { orders } from '@/db/schema';
import { isId } from '@/lib/errors/ids';

/**
 * The order a Stripe object belongs to: by the order id Nearprint put in its metadata, or by
 * the Stripe ids stored on the order. Objects that are not Nearprint's give null.
 */
export async function findOrderId(ref: { metadataOrderId?: string | null; checkoutSessionId?: string | null; paymentIntentId?: string | null; chargeId?: string | null }): Promise<string | null> {
  const conditions = [
    ref.metadataOrderId && isId(ref.metadataOrderId) ? eq(orders.id, ref.metadataOrderId) : undefined,
    ref.checkoutSessionId ? eq(orders.stripeCheckoutSessionId, ref.checkoutSessionId) : undefined,
    ref.paymentIntentId ? eq(orders.stripePaymentIntentId, ref.paymentIntentId) : undefined,
    ref.chargeId ? eq(orders.stripeChargeId, ref.chargeId) : undefined,
  ].filter((c) => c !== undefined);
  if (!conditions.length) return null;
  const [order] = await db
    .select({ id: orders.id })
    .from(orders)
    .where(or(...conditions))
    .limit(1);
  return order?.id ?? null;
}
