import { eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { db } from '@/db/client';
import { stripeEvents } from '@/db/schema';
import { handleAccountUpdatedEvent } from './webhooks/account-updated-event';
import { handleChargeRefundedEvent } from './webhooks/charge-refunded-event';
import { handleCheckoutSessionEvent } from './webhooks/checkout-session-event';
import { handleDisputeEvent } from './webhooks/dispute-event';
import { handlePaymentIntentEvent } from './webhooks/payment-intent-event';

type THandler = (event: Stripe.Event) => Promise<void>;

/** The events Nearprint acts on; anything else is acknowledged and ignored. */
const HANDLERS: Record<string, THandler> = {
  'checkout.session.completed': handleCheckoutSessionEvent,
  'checkout.session.async_payment_succeeded': handleCheckoutSessionEvent,
  'checkout.session.expired': handleCheckoutSessionEvent,
  'payment_intent.succeeded': handlePaymentIntentEvent,
  'charge.refunded': handleChargeRefundedEvent,
  'charge.refund.updated': handleChargeRefundedEvent,
  'charge.dispute.created': handleDisputeEvent,
  'charge.dispute.updated': handleDisputeEvent,
  'charge.dispute.closed': handleDisputeEvent,
  'account.updated': handleAccountUpdatedEvent,
};

export type THandleResult = 'processed' | 'duplicate' | 'ignored';

/**
 * Handles one verified event. The event id is recorded only after its handler succeeds, so a
 * failure is retried by Stripe; a redelivered event that was handled is skipped. Handlers
 * re-read state from Stripe and are idempotent, so even a race between two deliveries of the
 * same event books nothing twice.
 */
export async function handleStripeEvent(event: Stripe.Event): Promise<THandleResult> {
  const handler = HANDLERS[event.type];
  if (!handler) return 'ignored';
  const [seen] = await db.select({ id: stripeEvents.id }).from(stripeEvents).where(eq(stripeEvents.id, event.id));
  if (seen) return 'duplicate';
  await handler(event);
  await db.insert(stripeEvents).values({ id: event.id, type: event.type }).onConflictDoNothing();
  return 'processed';
}
