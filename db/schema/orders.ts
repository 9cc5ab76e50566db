import { index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { TJobOptions } from '@/lib/job-options/job-options';
import type { TOrderQuote } from '@/lib/quote/order-quote';
import { users } from './auth';
import { documents } from './documents';
import { shops } from './shops';

/**
 * awaiting_payment → paid → printing → ready → collected, or canceled (never paid) or
 * refunded (paid, then fully refunded). payment_review: Stripe was paid a different amount
 * than the order costs; the order is held, with no print job, until an admin releases it
 * (→ paid) or refunds it (→ refunded). The print job carries the finer printing states.
 */
export const orderStatus = pgEnum('order_status', ['awaiting_payment', 'paid', 'printing', 'ready', 'collected', 'canceled', 'refunded', 'payment_review']);
export type TOrderStatus = (typeof orderStatus.enumValues)[number];

export const orders = pgTable(
  'orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** What people read out at the counter, e.g. NP-7K3F9Q. */
    number: text('number').notNull().unique(),
    customerId: text('customer_id')
      .notNull()
      .references(() => users.id),
    shopId: uuid('shop_id')
      .notNull()
      .references(() => shops.id),
    status: orderStatus('status').notNull().default('awaiting_payment'),
    options: jsonb('options').$type<TJobOptions>().notNull(),
    /** The quote the customer accepted, recomputed on the server at checkout. */
    quote: jsonb('quote').$type<TOrderQuote>().notNull(),
    currency: text('currency').notNull(),
    /** What the customer pays (minor units). */
    totalMinor: integer('total_minor').notNull(),
    /** The platform's commission out of the total, fixed at payment time (minor units). */
    platformFeeMinor: integer('platform_fee_minor').notNull().default(0),
    stripeCheckoutSessionId: text('stripe_checkout_session_id').unique(),
    stripePaymentIntentId: text('stripe_payment_intent_id').unique(),
    stripeChargeId: text('stripe_charge_id').unique(),
    checkoutUrl: text('checkout_url'),
    /** Wrong pickup codes ever entered for this order (the lockout itself counts recent ones: lib/shop-queue/pickup-lockout.ts). */
    pickupAttempts: integer('pickup_attempts').notNull().default(0),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    readyAt: timestamp('ready_at', { withTimezone: true }),
    collectedAt: timestamp('collected_at', { withTimezone: true }),
    canceledAt: timestamp('canceled_at', { withTimezone: true }),
    filesDeletedAt: timestamp('files_deleted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('orders_customer_idx').on(t.customerId, t.createdAt), index('orders_shop_idx').on(t.shopId, t.createdAt), index('orders_status_idx').on(t.status)],
);

export const orderDocuments = pgTable(
  'order_documents',
  {
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    position: integer('position').notNull(),
    /**
     * The snapshot the order was priced with (lib/quote/job-snapshot.ts): the document's page
     * count, the pages printed in order, those charged in colour, and the colour pages the
     * customer switched to black & white. The print conversion reads these, never the
     * document's live page flags.
     */
    pageCount: integer('page_count').notNull(),
    selectedPages: integer('selected_pages').array().notNull(),
    colorPages: integer('color_pages').array().notNull(),
    forcedMonoPages: integer('forced_mono_pages').array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.documentId] }), uniqueIndex('order_documents_position').on(t.orderId, t.position)],
);

export type TOrder = typeof orders.$inferSelect;
export type TNewOrder = typeof orders.$inferInsert;

/**
 * One row per wrong pickup code typed or scanned at a shop's counter, kept in the database so
 * the lockout holds across web instances (lib/shop-queue/pickup-lockout.ts). `orderId` is set
 * when the order was named (a scanned QR code, or picked from the ready list), null when only
 * a code was typed and it matched nothing.
 */
export const pickupCodeFailures = pgTable(
  'pickup_code_failures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    shopId: uuid('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    orderId: uuid('order_id').references(() => orders.id, { onDelete: 'cascade' }),
    /** The user who entered it. */
    actorId: text('actor_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('pickup_code_failures_shop_idx').on(t.shopId, t.createdAt), index('pickup_code_failures_order_idx').on(t.orderId, t.createdAt)],
);

export type TPickupCodeFailure = typeof pickupCodeFailures.$inferSelect;
