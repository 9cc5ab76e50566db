import { createHmac } from 'node:crypto';

/**
 * The `Stripe-Signature` header exactly as Stripe builds it: `t=<unix seconds>,v1=<hex
 * HMAC-SHA256 of "<t>.<payload>">`, keyed with the whole `whsec_…` string. The SDK's
 * `stripe.webhooks.constructEvent` checks this and rejects timestamps older than 300 s,
 * so each delivery attempt is signed afresh.
 */
export function signWebhookPayload(payload: string, secret: string, timestamp = Math.floor(Date.now() / 1000)): string {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${signature}`;
}
