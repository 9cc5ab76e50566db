import { index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { shops } from './shops';

/** `read` keys may only look (GET); `write` keys may also accept, reject and hand over. */
export const apiKeyScope = pgEnum('api_key_scope', ['read', 'write']);
export type TApiKeyScope = (typeof apiKeyScope.enumValues)[number];

/**
 * A shop's keys for its own systems (the REST API under /api/v1/shops/{shopId}). Only the
 * SHA-256 of a key is kept; the key itself is shown once when it is made. `prefix` (the first
 * characters) lets the owner tell keys apart without the secret.
 */
export const shopApiKeys = pgTable(
  'shop_api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    shopId: uuid('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    scope: apiKeyScope('scope').notNull(),
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull().unique(),
    createdBy: text('created_by').references(() => users.id),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('shop_api_keys_shop_idx').on(t.shopId)],
);
export type TShopApiKey = typeof shopApiKeys.$inferSelect;

/** Requests one key made in one fixed window: the API's rate limit, shared by every web instance. */
export const apiRateWindows = pgTable(
  'api_rate_windows',
  {
    keyId: uuid('key_id')
      .notNull()
      .references(() => shopApiKeys.id, { onDelete: 'cascade' }),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.keyId, t.windowStart] })],
);

/** Where a shop wants its events POSTed, with the secret the deliveries are signed with. */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    shopId: uuid('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    /** The signing secret (`whsec_…`), shown to the owner on the settings page: they need it to verify. */
    secret: text('secret').notNull(),
    /** Event types this endpoint gets (lib/webhooks/webhook-events.ts). */
    events: text('events').array().notNull(),
    createdBy: text('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Deleted by the owner: no new deliveries; the log stays. */
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
  },
  (t) => [index('webhook_endpoints_shop_idx').on(t.shopId)],
);
export type TWebhookEndpoint = typeof webhookEndpoints.$inferSelect;

/** pending → sending (claimed under a lease) → delivered, back to pending (retry with backoff), or failed (attempts used up). */
export const webhookDeliveryStatus = pgEnum('webhook_delivery_status', ['pending', 'sending', 'delivered', 'failed']);
export type TWebhookDeliveryStatus = (typeof webhookDeliveryStatus.enumValues)[number];

/**
 * The webhook outbox: one row per event and endpoint, written in the transaction of the state
 * change that causes the event (lib/webhooks/enqueue-webhook-event.ts) and delivered by the
 * worker (workers/loops/webhook-sender.ts). `eventId` is the event's id in the body, the same in
 * every retry and replay, so a receiver drops duplicates by it.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    shopId: uuid('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id').notNull(),
    eventType: text('event_type').notNull(),
    /** The whole event as sent (id, type, created, data). */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: webhookDeliveryStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    runAfter: timestamp('run_after', { withTimezone: true }).notNull().defaultNow(),
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true }),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    failedAt: timestamp('failed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_event_endpoint_unique').on(t.endpointId, t.eventId),
    index('webhook_deliveries_due_idx').on(t.status, t.runAfter),
    index('webhook_deliveries_shop_idx').on(t.shopId, t.createdAt),
  ],
);
export type TWebhookDelivery = typeof webhookDeliveries.$inferSelect;

/** Every attempt of every delivery, for the owner's delivery log. */
export const webhookDeliveryAttempts = pgTable(
  'webhook_delivery_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    attemptedAt: timestamp('attempted_at', { withTimezone: true }).notNull().defaultNow(),
    /** null: no HTTP answer (refused, timed out, address not allowed). */
    statusCode: integer('status_code'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
  },
  (t) => [index('webhook_delivery_attempts_delivery_idx').on(t.deliveryId, t.attemptedAt)],
);
export type TWebhookDeliveryAttempt = typeof webhookDeliveryAttempts.$inferSelect;
