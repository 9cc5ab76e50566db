// POST /api/stripe/webhook – Stripe events, verified by signature, handled once each
import { NextResponse } from 'next/server';
import Stripe from 'stripe';
import { handleStripeEvent } from '@/lib/billing/handle-stripe-event';
import { stripe, webhookSecret } from '@/lib/billing/stripe-client';

export const dynamic = 'force-dynamic';

export async function POST(request: Request) {
  const payload = await request.text();
  const signature = request.headers.get('stripe-signature');
  if (!signature) return NextResponse.json({ error: 'Missing Stripe-Signature header.' }, { status: 400 });
  let event: Stripe.Event;
  try {
    // Verifies the HMAC and rejects timestamps older than 5 minutes (replays).
    event = stripe().webhooks.constructEvent(payload, signature, webhookSecret());
  } catch (error) {
    const message = error instanceof Stripe.errors.StripeSignatureVerificationError ? error.message : 'Invalid webhook payload.';
    return NextResponse.json({ error: message }, { status: 400 });
  }
  try {
    const result = await handleStripeEvent(event);
    return NextResponse.json({ received: true, result });
  } catch (error) {
    // A 500 makes Stripe deliver the event again later; nothing was recorded as handled.
    console.error(`Stripe event ${event.id} (${event.type}) failed:`, error);
    return NextResponse.json({ error: 'Event handling failed; it will be retried.' }, { status: 500 });
  }
}
