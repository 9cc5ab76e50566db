import Stripe from 'stripe';
import { env, stripeConnection } from '@/lib/config/env';

const EMULATOR_KEY = 'sk_test_nearprint_emulator';
const globalForStripe = globalThis as unknown as { nearprintStripe?: Stripe };

/**
 * The official SDK, pointed at Stripe when STRIPE_SECRET_KEY is set and at the local
 * emulator (dev/stripe-emulator) otherwise, which production refuses (lib/config). Same
 * code path either way.
 */
export function stripe(): Stripe {
  if (globalForStripe.nearprintStripe) return globalForStripe.nearprintStripe;
  const connection = stripeConnection();
  const options: Stripe.StripeConfig = { maxNetworkRetries: 2, timeout: 20_000, appInfo: { name: 'Nearprint' } };
  if (connection.kind === 'stripe') {
    globalForStripe.nearprintStripe = new Stripe(connection.secretKey, options);
  } else {
    const url = new URL(connection.url);
    globalForStripe.nearprintStripe = new Stripe(EMULATOR_KEY, {
      ...options,
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
      protocol: url.protocol === 'https:' ? 'https' : 'http',
    });
  }
  return globalForStripe.nearprintStripe;
}

export function isStripeEmulated(): boolean {
  return !env().STRIPE_SECRET_KEY;
}

export function webhookSecret(): string {
  const secret = env().STRIPE_WEBHOOK_SECRET;
  if (!secret) throw new Error('STRIPE_WEBHOOK_SECRET is not set: webhooks cannot be verified. `npm run demo` sets it for the local emulator.');
  return secret;
}
