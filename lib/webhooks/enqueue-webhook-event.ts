import { randomUUID } from 'node:crypto';
import { and, arrayContains, eq, isNull } from 'drizzle-orm';
import type { TDatabase } from '@/db/client';
import { webhookDeliveries, webhookEndpoints } from '@/db/schema';
import type { TWebhookEvent, TWebhookEventType } from './webhook-events';

/** The caller's transaction: the event commits with the change that causes it, or not at all. */
type TTx = Parameters<Parameters<TDatabase['transaction']>[0]>[0] | TDatabase;

/**
 * Puts an event in the webhook outbox, in the caller's transaction: one delivery per enabled
 * endpoint of the shop that subscribed to the type, all with the same event id. The worker
 * delivers them later (workers/loops/webhook-sender.ts). A shop without endpoints costs one
 * indexed read. Returns the event id, or null when nobody listens.
 */
export async function enqueueWebhookEvent(tx: TTx, event: { shopId: string; type: TWebhookEventType; data: Record<string, unknown> }): Promise<string | null> {
  const endpoints = await tx
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.shopId, event.shopId), isNull(webhookEndpoints.disabledAt), arrayContains(webhookEndpoints.events, [event.type])));
  if (!endpoints.length) return null;
  const id = randomUUID();
  const payload: TWebhookEvent = { id, type: event.type, created: new Date().toISOString(), shopId: event.shopId, data: event.data };
  await tx.insert(webhookDeliveries).values(endpoints.map((endpoint) => ({ endpointId: endpoint.id, shopId: event.shopId, eventId: id, eventType: event.type, payload })));
  return id;
}
