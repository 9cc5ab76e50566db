import { printerAddressSettings } from '@/lib/config/printer-address-settings';
import { webhookSettings, type TWebhookSettings } from '@/lib/config/shop-api-settings';
import { retryDelayMs } from '@/lib/print-jobs/retry-backoff';
import { postWebhook } from '@/lib/webhooks/post-webhook';
import { claimDelivery, settleDelivery } from '@/lib/webhooks/webhook-outbox';
import { runLoop } from '../run-loop';

const IDLE_MS = 250;

/**
 * Delivers one due webhook from the outbox; true when there was one. The claim (a lease, SKIP
 * LOCKED) keeps two workers off the same delivery, and only the worker still holding it records
 * the outcome. A 2xx answer delivers it; anything else (no answer, a refused address, 4xx, 5xx)
 * is retried with backoff until WEBHOOK_MAX_ATTEMPTS, then failed (the owner can replay it). A
 * worker that dies after the receiver answered and before the row says so leaves it `sending`;
 * when its lease runs out it is sent again with the same event id, which receivers dedupe by.
 */
export async function sendNextWebhook(workerId: string, settings: TWebhookSettings = webhookSettings(), allowedNetworks: string[] = printerAddressSettings().allowedNetworks): Promise<boolean> {
  const claimed = await claimDelivery(workerId, settings.leaseMs);
  if (!claimed) return false;
  const { delivery, endpoint } = claimed;
  if (endpoint.disabledAt) {
    await settleDelivery(delivery.id, workerId, { statusCode: null, error: 'The endpoint was deleted.', durationMs: 0 }, { status: 'failed' });
    return true;
  }
  const result = await postWebhook(
    { url: endpoint.url, secret: endpoint.secret, body: JSON.stringify(delivery.payload), eventId: delivery.eventId, eventType: delivery.eventType },
    { timeoutMs: settings.timeoutMs, allowedNetworks },
  );
  const isDelivered = result.error === null && result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
  if (isDelivered) {
    await settleDelivery(delivery.id, workerId, result, { status: 'delivered' });
  } else if (delivery.attempts >= settings.maxAttempts) {
    console.error(`[webhooks] ${delivery.id} (${delivery.eventType}) to ${endpoint.url}: giving up after ${delivery.attempts} attempts: ${result.error}`);
    await settleDelivery(delivery.id, workerId, result, { status: 'failed' });
  } else {
    await settleDelivery(delivery.id, workerId, result, { status: 'pending', retryAt: new Date(Date.now() + retryDelayMs(delivery.attempts, settings.backoff)) });
  }
  return true;
}

/** The worker's webhook loop. */
export async function runWebhookSender(signal: AbortSignal, workerId: string, settings: TWebhookSettings = webhookSettings()): Promise<void> {
  await runLoop('webhook-sender', { signal, idleMs: IDLE_MS, tick: () => sendNextWebhook(workerId, settings) });
}
