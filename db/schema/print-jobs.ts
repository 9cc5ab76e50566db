import { boolean, index, integer, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { orders } from './orders';
import { printers } from './printers';
import { shops } from './shops';

/**
 * A paid order's way through the shop:
 * awaiting_acceptance (shop has not accepted; skipped with auto-accept) → queued (waiting for
 * a printer) → converting (filter pipeline) → sending (IPP upload) → printing (printer has
 * it) → printed (printer reported completion). failed and canceled end it.
 */
export const printJobState = pgEnum('print_job_state', ['awaiting_acceptance', 'queued', 'converting', 'sending', 'printing', 'printed', 'failed', 'canceled']);
export type TPrintJobState = (typeof printJobState.enumValues)[number];

export const printJobs = pgTable(
  'print_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    shopId: uuid('shop_id')
      .notNull()
      .references(() => shops.id),
    /** Chosen by the scheduler; may change when a printer goes offline before printing. */
    printerId: uuid('printer_id').references(() => printers.id, { onDelete: 'set null' }),
    state: printJobState('state').notNull(),
    /** Sent to the printer as job-name, so a worker restarting after a crash finds it with Get-Jobs. */
    ippJobName: text('ipp_job_name').notNull().unique(),
    ippJobId: integer('ipp_job_id'),
    /** The pipeline's output in the document store, and what the printer must report when done. */
    outputKey: text('output_key'),
    outputFormat: text('output_format'),
    expectedImpressions: integer('expected_impressions'),
    impressionsCompleted: integer('impressions_completed').notNull().default(0),
    /** The printer's job-state-reasons or printer-state-reasons while this job waits on it. */
    stateReasons: text('state_reasons').array().notNull().default([]),
    attempts: integer('attempts').notNull().default(0),
    /** Not before this time (backoff after a transient failure). */
    runAfter: timestamp('run_after', { withTimezone: true }).notNull().defaultNow(),
    /** Whose it is while a worker works on it; an expired lease means the worker died. */
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true }),
    lastError: text('last_error'),
    isReprint: boolean('is_reprint').notNull().default(false),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
    printedAt: timestamp('printed_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('print_jobs_claim_idx').on(t.state, t.runAfter), index('print_jobs_shop_idx').on(t.shopId, t.state), index('print_jobs_printer_idx').on(t.printerId, t.state), index('print_jobs_order_idx').on(t.orderId)],
);

/** Tokens a shop's agent authenticates with; only a hash is stored, shown once at creation. */
export const shopAgentTokens = pgTable(
  'shop_agent_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    shopId: uuid('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdBy: text('created_by').references(() => users.id),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('shop_agent_tokens_shop_idx').on(t.shopId)],
);

export type TPrintJob = typeof printJobs.$inferSelect;
export type TShopAgentToken = typeof shopAgentTokens.$inferSelect;
