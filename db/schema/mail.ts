import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * pending → sending (claimed under a lease) → sent, or back to pending with a later run_after
 * (SMTP said 4xx or was unreachable), or failed (SMTP said 5xx, the mail could not be rendered,
 * or retries ran out). A `sending` row whose lease ran out belongs to a worker that died.
 */
export const mailStatus = pgEnum('mail_status', ['pending', 'sending', 'sent', 'failed']);
export type TMailStatus = (typeof mailStatus.enumValues)[number];

/**
 * The mail outbox: a row is written in the same transaction as the state change that causes the
 * mail (lib/mail/enqueue-mail.ts), so a mail exists exactly when its cause committed, and the
 * worker sends it from here (workers/loops/mail-sender.ts).
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** What the mail is about (lib/mail/mail-kinds.ts); the payload's kind. */
    kind: text('kind').notNull(),
    toAddress: text('to_address').notNull(),
    /** The references the mail is rendered from when it is sent (order id, refund amount…), checked with zod. */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** One mail per cause (e.g. `order.receipt:<orderId>`): a second enqueue of the same cause is dropped. */
    dedupeKey: text('dedupe_key').notNull().unique(),
    /** The Message-ID header, fixed at enqueue: a resend after a crash carries the same one, so it is recognisable as a duplicate. */
    messageId: text('message_id').notNull().unique(),
    status: mailStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    runAfter: timestamp('run_after', { withTimezone: true }).notNull().defaultNow(),
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true }),
    /** The subject as last rendered, for admins and logs. */
    subject: text('subject'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    failedAt: timestamp('failed_at', { withTimezone: true }),
  },
  (t) => [index('mail_outbox_due_idx').on(t.status, t.runAfter)],
);

export type TMailOutboxRow = typeof mailOutbox.$inferSelect;
