import { NO_API_REQUEST, type TEmulatorContext, type TRequestOrigin } from '../emulator-context';
import { cardError, invalidRequest } from '../http/api-error';
import { generateId } from '../state/generate-id';
import type { TCardDetails, TCharge, TCheckoutSession, TPaymentIntent } from '../state/stripe-objects';
import { recordBalanceTransaction } from './balance-transactions';
import { expireDueCheckoutSessions } from './checkout-sessions';
import { createDispute } from './disputes';
import { findOrThrow } from './find-or-throw';
import { checkCard, type TCardDecline, type TCardInput } from './test-cards';

export type TPaymentInput = { card: TCardInput; email?: string; name?: string };

export type TPaymentResult = { session: TCheckoutSession; paymentIntent: TPaymentIntent; charge: TCharge };

/**
 * What happens when the customer presses Pay on the hosted page (also reachable from
 * tests through `POST /_emulator/checkout/sessions/:id/pay`).
 *
 * A form error (bad number, past expiry) fails before anything is created, as Stripe's
 * page validates in the browser. A declined card creates the PaymentIntent (left in
 * `requires_payment_method`) and a failed Charge and sends `charge.failed` and
 * `payment_intent.payment_failed`; the session stays open for another try. An approved
 * card completes it and sends, in this order: `payment_intent.created` (first attempt
 * only), `charge.succeeded`, `payment_intent.succeeded`, `checkout.session.completed`.
 */
export function payCheckoutSession(ctx: TEmulatorContext, sessionId: string, input: TPaymentInput, origin: TRequestOrigin = NO_API_REQUEST): TPaymentResult {
  expireDueCheckoutSessions(ctx);
  const session = findOrThrow(ctx, 'checkoutSessions', sessionId, 'session');
  if (session.status !== 'open') {
    throw invalidRequest(session.status === 'complete' ? 'This Checkout Session has already been paid.' : 'This Checkout Session has expired.', { code: 'checkout_session_not_open' });
  }
  const email = session.customer_email ?? input.email?.trim();
  if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw invalidRequest(email ? 'Your email address is invalid.' : 'Your email address is incomplete.', { code: 'email_invalid', param: 'email' });
  }
  const check = checkCard(input.card, new Date(ctx.now() * 1000));
  if (check.kind === 'invalid') throw cardError(check.message, check.code);

  const name = input.name?.trim() || null;
  const paymentIntent = ensurePaymentIntent(ctx, session, origin);
  if (check.kind === 'declined') {
    const charge = createCharge(ctx, paymentIntent, check.card, { email, name }, check.decline);
    paymentIntent.latest_charge = charge.id;
    paymentIntent.payment_method = charge.payment_method;
    paymentIntent.last_payment_error = {
      type: 'card_error',
      code: check.decline.code,
      decline_code: check.decline.declineCode,
      message: check.decline.message,
      charge: charge.id,
      doc_url: `https://stripe.com/docs/error-codes/${check.decline.code.replaceAll('_', '-')}`,
    };
    ctx.emit('charge.failed', charge, origin);
    ctx.emit('payment_intent.payment_failed', paymentIntent, origin);
    throw cardError(check.decline.message, check.decline.code, check.decline.declineCode);
  }

  const charge = createCharge(ctx, paymentIntent, check.card, { email, name });
  charge.balance_transaction = recordBalanceTransaction(ctx, {
    amount: charge.amount,
    currency: charge.currency,
    type: 'charge',
    source: charge.id,
    description: charge.description,
  }).id;
  Object.assign(paymentIntent, {
    status: 'succeeded',
    amount_received: paymentIntent.amount,
    latest_charge: charge.id,
    payment_method: charge.payment_method,
    last_payment_error: null,
  } satisfies Partial<TPaymentIntent>);
  Object.assign(session, {
    status: 'complete',
    payment_status: 'paid',
    url: null,
    customer_details: { address: null, business_name: null, email, individual_name: null, name, phone: null, tax_exempt: 'none', tax_ids: [] },
  } satisfies Partial<TCheckoutSession>);
  ctx.store.changed();
  ctx.emit('charge.succeeded', charge, origin);
  ctx.emit('payment_intent.succeeded', paymentIntent, origin);
  ctx.emit('checkout.session.completed', session, origin);
  if (check.isDisputed) createDispute(ctx, charge, { reason: 'fraudulent' }, origin);
  return { session, paymentIntent, charge };
}

/**
 * The session's PaymentIntent, created at the first payment attempt. Its metadata,
 * description and transfer group come from `payment_intent_data`, never from the
 * session's own metadata (Stripe does not copy those).
 */
function ensurePaymentIntent(ctx: TEmulatorContext, session: TCheckoutSession, origin: TRequestOrigin): TPaymentIntent {
  if (session.payment_intent) return findOrThrow(ctx, 'paymentIntents', session.payment_intent);
  const details = ctx.store.state.checkoutSessionDetails[session.id].paymentIntentData;
  const id = generateId('pi_');
  const paymentIntent = ctx.store.put('paymentIntents', {
    id,
    object: 'payment_intent',
    amount: session.amount_total ?? 0,
    amount_capturable: 0,
    amount_received: 0,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic_async',
    client_secret: `${id}_secret_${generateId('', 25)}`,
    confirmation_method: 'automatic',
    created: ctx.now(),
    currency: session.currency ?? 'eur',
    customer: null,
    description: details.description,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    metadata: details.metadata,
    payment_method: null,
    payment_method_types: ['card'],
    receipt_email: details.receiptEmail,
    status: 'requires_payment_method',
    transfer_group: details.transferGroup,
  });
  session.payment_intent = id;
  ctx.emit('payment_intent.created', paymentIntent, origin);
  return paymentIntent;
}

function createCharge(ctx: TEmulatorContext, paymentIntent: TPaymentIntent, card: TCardDetails, billing: { email: string; name: string | null }, decline?: TCardDecline): TCharge {
  return ctx.store.put('charges', {
    id: generateId('ch_'),
    object: 'charge',
    amount: paymentIntent.amount,
    amount_captured: decline ? 0 : paymentIntent.amount,
    amount_refunded: 0,
    balance_transaction: null,
    billing_details: { address: null, email: billing.email, name: billing.name, phone: null },
    calculated_statement_descriptor:
      ctx.merchantName
        .toUpperCase()
        .replace(/[^A-Z0-9 .]/g, '')
        .slice(0, 22) || null,
    captured: !decline,
    created: ctx.now(),
    currency: paymentIntent.currency,
    customer: null,
    description: paymentIntent.description,
    disputed: false,
    failure_code: decline?.code ?? null,
    failure_message: decline?.message ?? null,
    livemode: false,
    metadata: { ...paymentIntent.metadata },
    outcome: decline
      ? {
          network_status: 'declined_by_network',
          reason: decline.declineCode ?? decline.code,
          risk_level: 'normal',
          seller_message: 'The bank did not return any further details with this decline.',
          type: 'issuer_declined',
        }
      : { network_status: 'approved_by_network', reason: null, risk_level: 'normal', seller_message: 'Payment complete.', type: 'authorized' },
    paid: !decline,
    payment_intent: paymentIntent.id,
    payment_method: generateId('pm_'),
    payment_method_details: { type: 'card', card },
    receipt_email: paymentIntent.receipt_email,
    receipt_url: null,
    refunded: false,
    status: decline ? 'failed' : 'succeeded',
    transfer_group: paymentIntent.transfer_group,
  });
}
