// POST /api/stripe/webhook – Stripe events, verified by signature, handled once each
import { NextResponse } from 'next/server';
import { handleStripeEvent } from '@/lib/billing/handle-stripe-event';
import { verifyStripeWebhook } from '@/lib/billing/verify-stripe-webhook';
import { isAppError } from '@/lib/errors/app-error';

export const dynamic = 'force-dynamic';

export async function POST(request: Request) {
  const payload = await request.text();
  let event;
  try {
    event = verifyStripeWebhook(payload, request.headers.get('stripe-signature'));
  } catch (error) {
    if (!isAppError(error)) throw error;
    return NextResponse.json({ error: error.message }, { status: 400 });
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
