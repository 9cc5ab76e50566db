import Stripe from 'stripe';
import { AppError } from '@/lib/errors/app-error';
import { stripe, webhookSecret } from './stripe-client';

/**
 * The event a webhook request carries, once its Stripe-Signature header proves Stripe sent
 * this very body: the HMAC must match the endpoint's secret and the timestamp be under five
 * minutes old (a replay is refused). Anything else is a `bad_request` with Stripe's reason.
 */
export function verifyStripeWebhook(payload: string | Buffer, signature: string | null): Stripe.Event {
  if (!signature) throw new AppError('bad_request', 'Missing Stripe-Signature header.');
  try {
    return stripe().webhooks.constructEvent(payload, signature, webhookSecret());
  } catch (error) {
    const message = error instanceof Stripe.errors.StripeSignatureVerificationError ? error.message : 'Invalid webhook payload.';
    throw new AppError('bad_request', message, { cause: error });
  }
}
