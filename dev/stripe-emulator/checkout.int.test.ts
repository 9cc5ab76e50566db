import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TTestEmulator } from './testing/start-test-emulator';

let t: TTestEmulator;

beforeAll(async () => {
  t = await startTestEmulator();
});

afterAll(async () => {
  await t.stop();
});

/** Fills and submits the hosted checkout form the way a browser does. */
async function submitCheckoutForm(session: Stripe.Checkout.Session, fields: Record<string, string>) {
  return fetch(session.url!, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      email: 'ada@example.com',
      cardNumber: '4242 4242 4242 4242',
      cardExpiry: '12 / 34',
      cardCvc: '123',
      billingName: 'Ada Lovelace',
      ...fields,
    }),
  });
}

describe('POST /v1/checkout/sessions', () => {
  it('creates an open session with line items, metadata and a hosted page URL', async () => {
    const session = await t.createSession();
    expect(session.id).toMatch(/^cs_test_[A-Za-z0-9]{58}$/);
    expect(session).toMatchObject({
      object: 'checkout.session',
      mode: 'payment',
      status: 'open',
      payment_status: 'unpaid',
      amount_subtotal: 390,
      amount_total: 390,
      currency: 'eur',
      metadata: { order_id: 'ord_1' },
      client_reference_id: 'ord_1',
      payment_intent: null,
      livemode: false,
      url: `${t.emulator.url}/checkout/${session.id}`,
    });
    expect(session.expires_at - session.created).toBe(24 * 60 * 60);
    const lineItems = await t.stripe.checkout.sessions.listLineItems(session.id);
    expect(lineItems.data.map((item) => [item.description, item.quantity, item.price?.unit_amount, item.amount_total])).toEqual([
      ['A4 colour page', 2, 120, 240],
      ['Job fee', 1, 150, 150],
    ]);
  });

  it('rejects unknown, missing and invalid parameters the way Stripe does', async () => {
    await expect(t.createSession({ shipping_options: 'x' } as never)).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      statusCode: 400,
      code: 'parameter_unknown',
      param: 'shipping_options',
      message: 'Received unknown parameter: shipping_options',
    });
    await expect(t.createSession({ line_items: [{ price_data: { currency: 'eur', unit_amount: 100, product_data: { name: 'x' }, colour: 'red' }, quantity: 1 }] } as never)).rejects.toMatchObject({
      code: 'parameter_unknown',
      param: 'line_items[0][price_data][colour]',
    });
    await expect(t.createSession({ success_url: undefined })).rejects.toMatchObject({
      code: 'parameter_missing',
      message: 'Missing required param: success_url.',
    });
    await expect(t.createSession({ line_items: [{ price_data: { currency: 'eur', unit_amount: 100, product_data: { name: 'x' } }, quantity: 0 }] })).rejects.toMatchObject({
      param: 'line_items[0][quantity]',
    });
    await expect(t.createSession({ mode: 'subscription' })).rejects.toMatchObject({ param: 'mode' });
    await expect(t.createSession({ success_url: 'not a url' })).rejects.toMatchObject({ code: 'url_invalid', param: 'success_url' });
    await expect(
      t.createSession({
        line_items: [
          { price_data: { currency: 'eur', unit_amount: 100, product_data: { name: 'a' } }, quantity: 1 },
          { price_data: { currency: 'usd', unit_amount: 100, product_data: { name: 'b' } }, quantity: 1 },
        ],
      }),
    ).rejects.toMatchObject({ param: 'line_items[1][price_data][currency]' });
    await expect(t.createSession({ line_items: [{ price_data: { currency: 'eur', unit_amount: 10, product_data: { name: 'a' } }, quantity: 1 }] })).rejects.toMatchObject({
      code: 'amount_too_small',
      message: expect.stringContaining('€0.50'),
    });
    await expect(t.createSession({ expires_at: Math.floor(Date.now() / 1000) + 60 })).rejects.toMatchObject({ param: 'expires_at' });
  });

  it('accepts Stripe’s array encoding of payment method types and a custom expiry', async () => {
    const expiresAt = Math.floor(Date.now() / 1000) + 3600;
    const session = await t.createSession({ expires_at: expiresAt, customer_email: 'ada@example.com', allowed_payment_method_types: ['card'] });
    expect(session).toMatchObject({ expires_at: expiresAt, customer_email: 'ada@example.com', payment_method_types: ['card'] });
  });
});

describe('paying a Checkout Session', () => {
  it('through POST /_emulator/checkout/sessions/:id/pay completes the session with a PaymentIntent and a Charge', async () => {
    const session = await t.createSession();
    const paid = await t.control(`/_emulator/checkout/sessions/${session.id}/pay`, { card_number: '4242424242424242' });
    expect(paid.status).toBe(200);

    const retrieved = await t.stripe.checkout.sessions.retrieve(session.id, { expand: ['payment_intent.latest_charge'] });
    expect(retrieved).toMatchObject({ status: 'complete', payment_status: 'paid', url: null, customer_details: { email: 'customer@example.com' } });
    const paymentIntent = retrieved.payment_intent as Stripe.PaymentIntent;
    expect(paymentIntent).toMatchObject({
      object: 'payment_intent',
      status: 'succeeded',
      amount: 390,
      amount_received: 390,
      currency: 'eur',
      metadata: { order_id: 'ord_1' },
      transfer_group: 'order_ord_1',
    });
    expect(paymentIntent.id).toMatch(/^pi_/);
    const charge = paymentIntent.latest_charge as Stripe.Charge;
    expect(charge).toMatchObject({
      object: 'charge',
      status: 'succeeded',
      paid: true,
      captured: true,
      amount: 390,
      amount_refunded: 0,
      refunded: false,
      payment_intent: paymentIntent.id,
      metadata: { order_id: 'ord_1' },
      payment_method_details: { type: 'card', card: { brand: 'visa', last4: '4242' } },
    });
    expect(charge.id).toMatch(/^ch_/);

    const byIntent = await t.stripe.checkout.sessions.list({ payment_intent: paymentIntent.id });
    expect(byIntent.data.map((found) => found.id)).toEqual([session.id]);
    const charges = await t.stripe.charges.list({ payment_intent: paymentIntent.id });
    expect(charges.data.map((found) => found.id)).toEqual([charge.id]);
    expect((await t.stripe.paymentIntents.retrieve(paymentIntent.id, { expand: ['latest_charge'] })).latest_charge).toMatchObject({ id: charge.id });
  });

  it('through the hosted page form, like a browser, and redirects to success_url with the session id', async () => {
    const session = await t.createSession();
    const page = await (await fetch(session.url!)).text();
    expect(page).toContain('Nearprint');
    expect(page).toContain('A4 colour page');
    expect(page).toContain('Job fee');
    expect(page).toContain('€3.90');
    expect(page).toContain(`href="http://127.0.0.1:3000/orders/ord_1"`);
    for (const id of ['email', 'cardNumber', 'cardExpiry', 'cardCvc', 'billingName']) expect(page).toContain(`id="${id}"`);

    const response = await submitCheckoutForm(session, {});
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`http://127.0.0.1:3000/orders/ord_1/paid?session_id=${session.id}`);

    const completed = await t.stripe.checkout.sessions.retrieve(session.id);
    expect(completed).toMatchObject({ status: 'complete', payment_status: 'paid', customer_details: { email: 'ada@example.com', name: 'Ada Lovelace' } });
    const after = await (await fetch(session.url!)).text();
    expect(after).toContain('Payment complete');
    expect(after).not.toContain('id="cardNumber"');
    const again = await submitCheckoutForm(session, {});
    expect(again.status).toBe(303);
    expect(await t.stripe.charges.list({ payment_intent: completed.payment_intent as string })).toMatchObject({ data: [expect.anything()] });
  });

  it('declines 4000 0000 0000 0002 with a visible message, keeps the session open, then accepts another card', async () => {
    const session = await t.createSession();
    const declined = await submitCheckoutForm(session, { cardNumber: '4000 0000 0000 0002' });
    expect(declined.status).toBe(402);
    expect(await declined.text()).toContain('Your card has been declined.');

    const open = await t.stripe.checkout.sessions.retrieve(session.id, { expand: ['payment_intent'] });
    expect(open.status).toBe('open');
    const failedIntent = open.payment_intent as Stripe.PaymentIntent;
    expect(failedIntent).toMatchObject({ status: 'requires_payment_method', last_payment_error: { code: 'card_declined', decline_code: 'generic_decline' } });
    expect(await t.stripe.charges.retrieve(failedIntent.latest_charge as string)).toMatchObject({ status: 'failed', paid: false, failure_code: 'card_declined' });

    const viaControl = await t.control(`/_emulator/checkout/sessions/${session.id}/pay`, { card_number: '4000000000000002' });
    expect(viaControl).toMatchObject({ status: 402, body: { error: { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline' } } });

    expect((await submitCheckoutForm(session, {})).status).toBe(303);
    const paid = await t.stripe.checkout.sessions.retrieve(session.id, { expand: ['payment_intent'] });
    expect(paid.status).toBe('complete');
    expect(paid.payment_intent as Stripe.PaymentIntent).toMatchObject({ id: failedIntent.id, status: 'succeeded', last_payment_error: null });
  });

  it('rejects malformed card details before any payment attempt', async () => {
    const session = await t.createSession();
    const badNumber = await submitCheckoutForm(session, { cardNumber: '4242 4242 4242 4241' });
    expect(badNumber.status).toBe(402);
    expect(await badNumber.text()).toContain('Your card number is invalid.');
    const pastExpiry = await submitCheckoutForm(session, { cardExpiry: '01 / 20' });
    expect(await pastExpiry.text()).toContain('expiration year is in the past.');
    const noName = await submitCheckoutForm(session, { billingName: ' ' });
    expect(noName.status).toBe(400);
    expect(await noName.text()).toContain('Enter the name on your card.');
    const liveCard = await submitCheckoutForm(session, { cardNumber: '4111 1111 1111 1111' });
    expect(await liveCard.text()).toContain('used a non test card');
    expect((await t.stripe.checkout.sessions.retrieve(session.id)).status).toBe('open');
  });
});

describe('POST /v1/checkout/sessions/:id/expire', () => {
  it('expires an open session, which then shows a message instead of the form and cannot be paid', async () => {
    const session = await t.createSession();
    const expired = await t.stripe.checkout.sessions.expire(session.id);
    expect(expired).toMatchObject({ status: 'expired', payment_status: 'unpaid', url: null });

    const page = await (await fetch(session.url!)).text();
    expect(page).toContain('This checkout session has expired');
    expect(page).not.toContain('id="cardNumber"');
    expect((await submitCheckoutForm(session, {})).status).toBe(410);
    expect(await t.control(`/_emulator/checkout/sessions/${session.id}/pay`)).toMatchObject({ status: 400 });
    await expect(t.stripe.checkout.sessions.expire(session.id)).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      message: expect.stringContaining('has a status of "expired"'),
    });
    await expect(t.stripe.checkout.sessions.expire('cs_test_missing')).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });

  it('happens by itself once expires_at has passed', async () => {
    const session = await t.createSession({ expires_at: Math.floor(Date.now() / 1000) + 31 * 60 });
    await t.control('/_emulator/clock/advance', { seconds: 32 * 60 });
    expect((await t.stripe.checkout.sessions.retrieve(session.id)).status).toBe('expired');
    const events = await t.stripe.events.list({ type: 'checkout.session.expired' });
    expect(events.data.some((event) => (event.data.object as Stripe.Checkout.Session).id === session.id)).toBe(true);
  });
});
