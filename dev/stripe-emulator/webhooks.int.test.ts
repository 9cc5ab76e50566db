import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_WEBHOOK_SECRET, startStripeEmulator } from './start-stripe-emulator';
import { startTestEmulator, type TTestEmulator } from './testing/start-test-emulator';
import { startWebhookReceiver } from './testing/start-webhook-receiver';

const verifier = new Stripe('sk_test_verifier');
let t: TTestEmulator | undefined;

afterEach(async () => {
  await t?.stop();
  t = undefined;
});

async function paidSession(test: TTestEmulator) {
  const session = await test.createSession();
  await test.control(`/_emulator/checkout/sessions/${session.id}/pay`);
  return session;
}

describe('webhooks', () => {
  it('delivers each payment event, in order, signed so that stripe.webhooks.constructEvent accepts it', async () => {
    t = await startTestEmulator();
    const session = await paidSession(t);
    const received = await t.webhooks.waitFor(4);
    expect(received.map((webhook) => webhook.type)).toEqual(['payment_intent.created', 'charge.succeeded', 'payment_intent.succeeded', 'checkout.session.completed']);
    for (const webhook of received) {
      expect(webhook.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      const event = verifier.webhooks.constructEvent(webhook.payload, webhook.signature, DEFAULT_WEBHOOK_SECRET);
      expect(event).toMatchObject({ id: webhook.id, object: 'event', livemode: false, api_version: Stripe.API_VERSION, request: { id: null } });
      expect(event.id).toMatch(/^evt_/);
    }
    const completed = verifier.webhooks.constructEvent(received[3].payload, received[3].signature, DEFAULT_WEBHOOK_SECRET);
    expect(completed.data.object).toMatchObject({ id: session.id, status: 'complete', payment_status: 'paid', metadata: { order_id: 'ord_1' } });
  });

  it('fails verification for a tampered body or a wrong secret', async () => {
    t = await startTestEmulator();
    await paidSession(t);
    const [webhook] = await t.webhooks.waitFor(1);
    const tampered = webhook.payload.replace('"livemode": false', '"livemode": true');
    expect(tampered).not.toBe(webhook.payload);
    expect(() => verifier.webhooks.constructEvent(tampered, webhook.signature, DEFAULT_WEBHOOK_SECRET)).toThrow(Stripe.errors.StripeSignatureVerificationError);
    expect(() => verifier.webhooks.constructEvent(webhook.payload, webhook.signature, 'whsec_wrong')).toThrow(Stripe.errors.StripeSignatureVerificationError);
  });

  it('signs with the configured secret', async () => {
    t = await startTestEmulator({ webhookSecret: 'whsec_custom_for_test' });
    await paidSession(t);
    const [webhook] = await t.webhooks.waitFor(1);
    expect(verifier.webhooks.constructEvent(webhook.payload, webhook.signature, 'whsec_custom_for_test').id).toBe(webhook.id);
  });

  it('retries a failed delivery until the endpoint accepts it, then clears pending_webhooks', async () => {
    t = await startTestEmulator({ webhookRetryDelaysMs: [20, 40, 80] });
    t.webhooks.respondWith([500, 503]);
    await t.createSession().then((session) => t!.stripe.checkout.sessions.expire(session.id));
    await t.emulator.webhooksIdle();
    const attempts = t.emulator.deliveries.map((delivery) => [delivery.attempt, delivery.status, delivery.isSuccess]);
    expect(attempts).toEqual([
      [1, 500, false],
      [2, 503, false],
      [3, 200, true],
    ]);
    const [event] = (await t.stripe.events.list({ type: 'checkout.session.expired' })).data;
    expect(event.pending_webhooks).toBe(0);
  });

  it('gives up after the bounded number of retries and leaves the event pending', async () => {
    t = await startTestEmulator({ webhookRetryDelaysMs: [10, 10] });
    t.webhooks.respondWith([500, 500, 500, 500]);
    const session = await t.createSession();
    await t.stripe.checkout.sessions.expire(session.id);
    await t.emulator.webhooksIdle();
    expect(t.webhooks.received).toHaveLength(3);
    const [event] = (await t.stripe.events.list({ type: 'checkout.session.expired', delivery_success: false })).data;
    expect(event.pending_webhooks).toBe(1);
  });

  it('never blocks the API on an unreachable endpoint', async () => {
    t = await startTestEmulator({ webhookUrl: 'http://127.0.0.1:9/unreachable', webhookRetryDelaysMs: [10] });
    const session = await paidSession(t);
    expect((await t.stripe.checkout.sessions.retrieve(session.id)).status).toBe('complete');
    await t.emulator.webhooksIdle();
    expect(t.emulator.deliveries.every((delivery) => delivery.status === null && delivery.error)).toBe(true);
  });

  it('redelivers an event through POST /_emulator/events/:id/resend', async () => {
    t = await startTestEmulator();
    const session = await t.createSession();
    await t.stripe.checkout.sessions.expire(session.id);
    const [first] = await t.webhooks.waitFor(1);
    expect(await t.control(`/_emulator/events/${first.id}/resend`)).toMatchObject({ status: 200, body: { id: first.id } });
    const [, again] = await t.webhooks.waitFor(2);
    expect(again.id).toBe(first.id);
    expect(JSON.parse(again.payload).data).toEqual(JSON.parse(first.payload).data);
  });

  it('delivers to endpoints added at run time', async () => {
    const emulator = await startStripeEmulator({ port: 0 });
    const receiver = await startWebhookReceiver();
    try {
      const response = await fetch(`${emulator.url}/_emulator/webhook-endpoints`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ url: receiver.url }),
      });
      expect(await response.json()).toEqual({ endpoints: [receiver.url] });
      const stripe = new Stripe('sk_test_x', emulator.stripeConfig);
      const account = await stripe.accounts.create({ type: 'express', capabilities: { transfers: { requested: true } } });
      await fetch(`${emulator.url}/_emulator/accounts/${account.id}/onboard`, { method: 'POST' });
      const [webhook] = await receiver.waitFor(1);
      expect(webhook.type).toBe('account.updated');
    } finally {
      await emulator.stop();
      await receiver.stop();
    }
  });
});

describe('GET /v1/events', () => {
  it('stores every event sent, retrievable by id and listed newest first with type filters', async () => {
    t = await startTestEmulator();
    await paidSession(t);
    const received = await t.webhooks.waitFor(4);
    const listed = await t.stripe.events.list();
    expect(listed).toMatchObject({ object: 'list', has_more: false, url: '/v1/events' });
    expect(listed.data.map((event) => event.id)).toEqual(received.map((webhook) => webhook.id).reverse());
    const retrieved = await t.stripe.events.retrieve(received[1].id);
    expect(retrieved).toMatchObject({ id: received[1].id, type: 'charge.succeeded', pending_webhooks: 0 });
    expect((await t.stripe.events.list({ type: 'payment_intent.*' })).data.map((event) => event.type)).toEqual(['payment_intent.succeeded', 'payment_intent.created']);
    expect((await t.stripe.events.list({ types: ['charge.succeeded', 'checkout.session.completed'] })).data).toHaveLength(2);
    const firstPage = await t.stripe.events.list({ limit: 3 });
    expect(firstPage.has_more).toBe(true);
    const secondPage = await t.stripe.events.list({ limit: 3, starting_after: firstPage.data[2].id });
    expect(secondPage.data.map((event) => event.id)).toEqual([received[0].id]);
    await expect(t.stripe.events.retrieve('evt_missing')).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });
});
