import Stripe from 'stripe';
import { startStripeEmulator, type TStripeEmulator, type TStripeEmulatorOptions } from '../start-stripe-emulator';
import { startWebhookReceiver, type TWebhookReceiver } from './start-webhook-receiver';

export type TTestEmulator = {
  emulator: TStripeEmulator;
  /** The real SDK, pointed at the emulator. */
  stripe: Stripe;
  webhooks: TWebhookReceiver;
  /** POSTs JSON to a `/_emulator/…` control endpoint. */
  control<T = Record<string, unknown>>(path: string, body?: Record<string, unknown>): Promise<{ status: number; body: T }>;
  /** A Checkout Session for a two-page print job, as Nearprint creates them. */
  createSession(overrides?: Partial<Stripe.Checkout.SessionCreateParams>): Promise<Stripe.Checkout.Session>;
  stop(): Promise<void>;
};

/** Emulator on a random port with a webhook receiver attached and fast retries. */
export async function startTestEmulator(options: TStripeEmulatorOptions = {}): Promise<TTestEmulator> {
  const webhooks = await startWebhookReceiver();
  const emulator = await startStripeEmulator({ port: 0, webhookUrl: webhooks.url, webhookRetryDelaysMs: [20, 40], ...options });
  const stripe = new Stripe('sk_test_nearprint', { ...emulator.stripeConfig, maxNetworkRetries: 0 });
  return {
    emulator,
    stripe,
    webhooks,
    control: async (path, body = {}) => {
      const response = await fetch(`${emulator.url}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    },
    createSession: (overrides = {}) =>
      stripe.checkout.sessions.create({
        mode: 'payment',
        line_items: [
          { price_data: { currency: 'eur', unit_amount: 120, product_data: { name: 'A4 colour page' } }, quantity: 2 },
          { price_data: { currency: 'eur', unit_amount: 150, product_data: { name: 'Job fee' } }, quantity: 1 },
        ],
        success_url: 'http://127.0.0.1:3000/orders/ord_1/paid?session_id={CHECKOUT_SESSION_ID}',
        cancel_url: 'http://127.0.0.1:3000/orders/ord_1',
        metadata: { order_id: 'ord_1' },
        client_reference_id: 'ord_1',
        payment_intent_data: { metadata: { order_id: 'ord_1' }, transfer_group: 'order_ord_1' },
        ...overrides,
      }),
    stop: async () => {
      await emulator.stop();
      await webhooks.stop();
    },
  };
}
