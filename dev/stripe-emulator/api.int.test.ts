import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TTestEmulator } from './testing/start-test-emulator';

let t: TTestEmulator;

beforeAll(async () => {
  t = await startTestEmulator();
});

afterAll(async () => {
  await t.stop();
});

describe('Idempotency-Key', () => {
  it('replays the first response for the same key and parameters', async () => {
    const params: Stripe.Checkout.SessionCreateParams = {
      mode: 'payment',
      line_items: [{ price_data: { currency: 'eur', unit_amount: 500, product_data: { name: 'Poster' } }, quantity: 1 }],
      success_url: 'http://127.0.0.1:3000/paid',
    };
    const created = await t.stripe.checkout.sessions.create(params, { idempotencyKey: 'checkout-order-42' });
    const replayed = await t.stripe.checkout.sessions.create(params, { idempotencyKey: 'checkout-order-42' });
    expect(replayed.id).toBe(created.id);
    expect(replayed.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(created.lastResponse.headers['idempotent-replayed']).toBeUndefined();
    expect(Object.keys(t.emulator.state.checkoutSessions).filter((id) => id === created.id)).toHaveLength(1);
    const other = await t.stripe.checkout.sessions.create(params, { idempotencyKey: 'checkout-order-43' });
    expect(other.id).not.toBe(created.id);
  });

  it('refuses the same key with other parameters or on another endpoint', async () => {
    const params: Stripe.Checkout.SessionCreateParams = {
      mode: 'payment',
      line_items: [{ price_data: { currency: 'eur', unit_amount: 500, product_data: { name: 'Poster' } }, quantity: 1 }],
      success_url: 'http://127.0.0.1:3000/paid',
    };
    await t.stripe.checkout.sessions.create(params, { idempotencyKey: 'conflict-key' });
    const conflict = t.stripe.checkout.sessions.create({ ...params, client_reference_id: 'other' }, { idempotencyKey: 'conflict-key' });
    await expect(conflict).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    await expect(conflict).rejects.toMatchObject({ statusCode: 400, rawType: 'idempotency_error', message: expect.stringContaining('same parameters') });
    await expect(t.stripe.refunds.create({ charge: 'ch_x' }, { idempotencyKey: 'conflict-key' })).rejects.toMatchObject({
      rawType: 'idempotency_error',
      message: expect.stringContaining("'POST /v1/checkout/sessions' vs 'POST /v1/refunds'"),
    });
  });

  it('replays an error that happened while executing, but not a validation error', async () => {
    const session = await t.createSession();
    const { body } = await t.control<{ charge: { id: string } }>(`/_emulator/checkout/sessions/${session.id}/pay`);
    const tooMuch = { charge: body.charge.id, amount: 10_000 };
    const first = await t.stripe.refunds.create(tooMuch, { idempotencyKey: 'refund-too-much' }).catch((error: Stripe.errors.StripeError) => error);
    const second = await t.stripe.refunds.create(tooMuch, { idempotencyKey: 'refund-too-much' }).catch((error: Stripe.errors.StripeError) => error);
    expect(first).toMatchObject({ code: 'amount_too_large' });
    expect(second).toMatchObject({ code: 'amount_too_large', message: (first as Error).message });
    expect((second as Stripe.errors.StripeError).headers?.['idempotent-replayed']).toBe('true');

    await expect(t.stripe.refunds.create({ charge: body.charge.id, amount: -1 }, { idempotencyKey: 'refund-invalid' })).rejects.toMatchObject({ param: 'amount' });
    const fixed = await t.stripe.refunds.create({ charge: body.charge.id, amount: 100 }, { idempotencyKey: 'refund-invalid' }).catch((error: Error) => error);
    expect(fixed).toMatchObject({ object: 'refund', amount: 100 });
  });
});

describe('authentication', () => {
  it('answers a missing or unknown key with Stripe’s 401', async () => {
    const missing = await fetch(`${t.emulator.url}/v1/balance`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: { type: 'invalid_request_error', message: expect.stringContaining('You did not provide an API key') } });
    await expect(new Stripe('sk_live_123456', { ...t.emulator.stripeConfig, maxNetworkRetries: 0 }).balance.retrieve()).rejects.toMatchObject({
      type: 'StripeAuthenticationError',
      statusCode: 401,
      message: 'Invalid API Key provided: sk_live_**3456',
    });
  });

  it('accepts only the configured key when one is set', async () => {
    const strict = await startTestEmulator({ apiKey: 'sk_test_only_this' });
    try {
      await expect(strict.stripe.balance.retrieve()).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
      const allowed = new Stripe('sk_test_only_this', strict.emulator.stripeConfig);
      expect((await allowed.balance.retrieve()).object).toBe('balance');
    } finally {
      await strict.stop();
    }
  });

  it('accepts HTTP Basic auth and `[]` arrays, as curl users send them', async () => {
    const session = await t.createSession();
    const response = await fetch(`${t.emulator.url}/v1/checkout/sessions/${session.id}?expand[]=line_items`, {
      headers: { Authorization: `Basic ${Buffer.from('sk_test_curl:').toString('base64')}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('request-id')).toMatch(/^req_/);
    expect((await response.json()).line_items.data).toHaveLength(2);
  });
});

describe('errors and lists', () => {
  it('answers unknown URLs, unknown ids and unknown query params like Stripe', async () => {
    const unknownUrl = await fetch(`${t.emulator.url}/v1/nope`, { headers: { Authorization: 'Bearer sk_test_x' } });
    expect(unknownUrl.status).toBe(404);
    expect((await unknownUrl.json()).error.message).toContain('Unrecognized request URL (GET: /v1/nope)');
    await expect(t.stripe.charges.retrieve('ch_missing')).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      statusCode: 404,
      code: 'resource_missing',
      message: "No such charge: 'ch_missing'",
    });
    await expect(t.stripe.charges.list({ colour: 'red' } as never)).rejects.toMatchObject({ code: 'parameter_unknown', param: 'colour' });
    await expect(t.stripe.charges.list({ limit: 101 })).rejects.toMatchObject({ param: 'limit' });
    const session = await t.createSession();
    await expect(t.stripe.checkout.sessions.retrieve(session.id, { expand: ['customer_email'] })).rejects.toMatchObject({
      message: 'This property cannot be expanded (customer_email).',
    });
  });

  it('pages with limit, starting_after and ending_before, newest first', async () => {
    const fresh = await startTestEmulator();
    try {
      const ids: string[] = [];
      for (let index = 0; index < 5; index += 1) ids.unshift((await fresh.createSession()).id);
      const first = await fresh.stripe.checkout.sessions.list({ limit: 2 });
      expect(first).toMatchObject({ object: 'list', has_more: true, url: '/v1/checkout/sessions' });
      expect(first.data.map((session) => session.id)).toEqual(ids.slice(0, 2));
      const second = await fresh.stripe.checkout.sessions.list({ limit: 2, starting_after: ids[1] });
      expect(second.data.map((session) => session.id)).toEqual(ids.slice(2, 4));
      const back = await fresh.stripe.checkout.sessions.list({ limit: 2, ending_before: ids[2] });
      expect(back.data.map((session) => session.id)).toEqual(ids.slice(0, 2));
      const all: string[] = [];
      for await (const session of fresh.stripe.checkout.sessions.list({ limit: 2 })) all.push(session.id);
      expect(all).toEqual(ids);
    } finally {
      await fresh.stop();
    }
  });
});
