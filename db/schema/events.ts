import { sql } from 'drizzle-orm';
import { bigserial, customType, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** PostgreSQL's 64-bit transaction id, read as its decimal text. */
const transactionId = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });

/**
 * Append-only log of everything that happens to orders, jobs, documents, printers and
 * shops. Pages follow it live (Server-Sent Events read it in commit order), the admin reads it as
 * an order's timeline. Never updated, never deleted.
 */
export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /**
     * The transaction that wrote it. Ids are taken at insert and transactions commit in any
     * order, so streams read by (tx, id), never by id alone (lib/events/event-cursor.ts).
     */
    tx: transactionId('tx')
      .notNull()
      .default(sql`pg_current_xact_id()`),
    type: text('type').notNull(),
    shopId: uuid('shop_id'),
    orderId: uuid('order_id'),
    jobId: uuid('job_id'),
    documentId: uuid('document_id'),
    printerId: uuid('printer_id'),
    /** Who caused it: a user id, "worker", "agent", "stripe" or "system". */
    actor: text('actor').notNull().default('system'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('events_shop_idx').on(t.shopId, t.tx, t.id), index('events_order_idx').on(t.orderId, t.tx, t.id)],
);

export type TEvent = typeof events.$inferSelect;
export type TNewEvent = typeof events.$inferInsert;

/**
 * One row per live event stream, whichever web instance serves it, so the per-user cap holds
 * across the cluster. A stream renews its lease while it runs; one whose instance died stops
 * counting when its lease expires.
 */
export const eventStreamLeases = pgTable(
  'event_stream_leases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('event_stream_leases_user_idx').on(t.userId, t.expiresAt), index('event_stream_leases_expiry_idx').on(t.expiresAt)],
);
