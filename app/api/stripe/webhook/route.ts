// POST /api/stripe/webhook – Stripe events, verified by signature, handled once each
import { NextResponse } from 'next/server';
import { readBodyUpTo } from '@/app/_lib/read-body';
import { handleStripeEvent } from '@/lib/billing/handle-stripe-event';
import { verifyStripeWebhook } from '@/lib/billing/verify-stripe-webhook';
import { isAppError } from '@/lib/errors/app-error';

export const dynamic = 'force-dynamic';

/** Stripe's events are a few KB (its own limit for a payload is far below this). */
const MAX_WEBHOOK_BYTES = 1024 * 1024;

export async function POST(request: Request) {
  let event;
  try {
    // Nothing is read without a signature to check, and never more than the cap: the raw bytes
    // are what the signature covers.
    if (!request.headers.get('stripe-signature')) return NextResponse.json({ error: 'Missing Stripe-Signature header.' }, { status: 400 });
    const payload = await readBodyUpTo(request, MAX_WEBHOOK_BYTES);
    event = verifyStripeWebhook(payload, request.headers.get('stripe-signature'));
  } catch (error) {
    if (!isAppError(error)) throw error;
    return NextResponse.json({ error: error.message }, { status: error.status });
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
