import { randomBytes } from 'node:crypto';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { db } from '@/db/client';
import { shops, webhookDeliveries, webhookDeliveryAttempts, webhookEndpoints, type TWebhookDelivery, type TWebhookDeliveryAttempt, type TWebhookEndpoint } from '@/db/schema';
import { AppError } from '@/lib/errors/app-error';
import { appendEvent } from '@/lib/events/append-event';
import { isId } from '@/lib/errors/ids';
import type { TWebhookEventType } from './webhook-events';
import { parseWebhookUrl } from './webhook-url';

/** At most this many live endpoints per shop: each event is delivered once per endpoint. */
export const MAX_ENDPOINTS_PER_SHOP = 5;

type TOwnerRef = { shopId: string; ownerId: string };

/** The owner's shop or a 404 (another owner's shop looks missing). Its own query: lib/shops sits above the state gate that enqueues events. */
async function assertOwnsShop(ref: TOwnerRef): Promise<void> {
  if (!isId(ref.shopId)) throw new AppError('not_found', 'We could not find that shop.');
  const [shop] = await db
    .select({ id: shops.id })
    .from(shops)
    .where(and(eq(shops.id, ref.shopId), eq(shops.ownerId, ref.ownerId)));
  if (!shop) throw new AppError('not_found', 'We could not find that shop.');
}

/** A new endpoint with its own signing secret (`whsec_…`), which the settings page shows to the owner. */
export async function createWebhookEndpoint(options: TOwnerRef & { url: string; events: TWebhookEventType[] }): Promise<TWebhookEndpoint> {
  await assertOwnsShop(options);
  const url = parseWebhookUrl(options.url);
  if (!options.events.length) throw new AppError('bad_request', 'Choose at least one event to send.', { fieldErrors: { events: ['Choose at least one'] } });
  return db.transaction(async (tx) => {
    const live = await tx
      .select({ id: webhookEndpoints.id })
      .from(webhookEndpoints)
      .where(and(eq(webhookEndpoints.shopId, options.shopId), isNull(webhookEndpoints.disabledAt)));
    if (live.length >= MAX_ENDPOINTS_PER_SHOP) throw new AppError('conflict', `A shop can have up to ${MAX_ENDPOINTS_PER_SHOP} webhook endpoints. Delete one first.`);
    const [endpoint] = await tx
      .insert(webhookEndpoints)
      .values({ shopId: options.shopId, url: url.toString(), events: [...new Set(options.events)], secret: `whsec_${randomBytes(24).toString('base64url')}`, createdBy: options.ownerId })
      .returning();
    await appendEvent({ type: 'webhook.endpoint_created', shopId: options.shopId, actor: options.ownerId, data: { endpointId: endpoint.id, url: endpoint.url, events: endpoint.events } }, tx);
    return endpoint;
  });
}

/** Stops sending to an endpoint (no new deliveries, pending ones are not sent); its log stays. */
export async function deleteWebhookEndpoint(options: TOwnerRef & { endpointId: string }): Promise<void> {
  await assertOwnsShop(options);
  if (!isId(options.endpointId)) throw new AppError('not_found', 'We could not find that endpoint.');
  await db.transaction(async (tx) => {
    const [endpoint] = await tx
      .update(webhookEndpoints)
      .set({ disabledAt: new Date() })
      .where(and(eq(webhookEndpoints.id, options.endpointId), eq(webhookEndpoints.shopId, options.shopId), isNull(webhookEndpoints.disabledAt)))
      .returning();
    if (!endpoint) throw new AppError('not_found', 'We could not find that endpoint, or it was already deleted.');
    await tx
      .update(webhookDeliveries)
      .set({ status: 'failed', failedAt: new Date(), lastError: 'The endpoint was deleted.' })
      .where(and(eq(webhookDeliveries.endpointId, endpoint.id), eq(webhookDeliveries.status, 'pending')));
    await appendEvent({ type: 'webhook.endpoint_deleted', shopId: options.shopId, actor: options.ownerId, data: { endpointId: endpoint.id, url: endpoint.url } }, tx);
  });
}

export async function listWebhookEndpoints(options: TOwnerRef): Promise<TWebhookEndpoint[]> {
  await assertOwnsShop(options);
  return db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.shopId, options.shopId), isNull(webhookEndpoints.disabledAt)))
    .orderBy(desc(webhookEndpoints.createdAt));
}

export type TDeliveryLogEntry = TWebhookDelivery & { url: string; attemptLog: TWebhookDeliveryAttempt[] };

/** The shop's latest deliveries, newest first, each with its attempts: the delivery log on the settings page. */
export async function listWebhookDeliveries(options: TOwnerRef & { limit?: number }): Promise<TDeliveryLogEntry[]> {
  await assertOwnsShop(options);
  const rows = await db
    .select({ delivery: webhookDeliveries, url: webhookEndpoints.url })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(eq(webhookDeliveries.shopId, options.shopId))
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(options.limit ?? 30);
  const attempts = rows.length
    ? await db
        .select()
        .from(webhookDeliveryAttempts)
        .where(
          inArray(
            webhookDeliveryAttempts.deliveryId,
            rows.map((row) => row.delivery.id),
          ),
        )
        .orderBy(desc(webhookDeliveryAttempts.attemptedAt))
    : [];
  return rows.map((row) => ({ ...row.delivery, url: row.url, attemptLog: attempts.filter((attempt) => attempt.deliveryId === row.delivery.id) }));
}

/**
 * Sends a delivery again, now, with the same event id and body (a receiver that processed it
 * drops the copy): for a receiver that was fixed after the retries ran out, or that lost what it
 * received. Not while it is being sent; not to a deleted endpoint.
 */
export async function replayWebhookDelivery(options: TOwnerRef & { deliveryId: string }): Promise<void> {
  await assertOwnsShop(options);
  if (!isId(options.deliveryId)) throw new AppError('not_found', 'We could not find that delivery.');
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ delivery: webhookDeliveries, disabledAt: webhookEndpoints.disabledAt })
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .where(and(eq(webhookDeliveries.id, options.deliveryId), eq(webhookDeliveries.shopId, options.shopId)))
      .for('update', { of: webhookDeliveries });
    if (!row) throw new AppError('not_found', 'We could not find that delivery.');
    if (row.disabledAt) throw new AppError('conflict', 'Its endpoint was deleted; add it again to receive events.');
    if (row.delivery.status === 'sending') throw new AppError('conflict', 'It is being sent right now.');
    await tx.update(webhookDeliveries).set({ status: 'pending', runAfter: new Date(), attempts: 0, deliveredAt: null, failedAt: null }).where(eq(webhookDeliveries.id, row.delivery.id));
    await appendEvent({ type: 'webhook.delivery_replayed', shopId: options.shopId, actor: options.ownerId, data: { deliveryId: row.delivery.id, eventId: row.delivery.eventId } }, tx);
  });
}
