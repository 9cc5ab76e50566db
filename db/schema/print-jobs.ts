import { boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { TOrderQuote } from '@/lib/quote/order-quote';
import type { TJobTemplate } from '@/lib/ipp/job-template';
import type { TRasterAtSend } from '@/lib/raster/raster-at-send';
import { users } from './auth';
import { orders } from './orders';
import { printers } from './printers';
import { shops } from './shops';

/**
 * A paid order's way through the shop (lib/print-jobs/job-states.ts has the full table and who
 * moves each step):
 * awaiting_acceptance (shop has not accepted; skipped with auto-accept) → queued (waiting for
 * a printer; `convertedAt` set once its output is made for `printerId`: then it waits its
 * turn on that printer) → converting (filter pipeline) → queued → sending (IPP upload) →
 * printing (printer has it) → printed (printer reported completion). failed and canceled end
 * it. Transient trouble sends a job back to queued with a later `runAfter`.
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
    /** The shop moved the job to this printer by hand: the scheduler keeps it there while the printer can take it. */
    isPrinterPinned: boolean('is_printer_pinned').notNull().default(false),
    state: printJobState('state').notNull(),
    /** Sent to the printer as job-name, so a worker restarting after a crash finds it with Get-Jobs. */
    ippJobName: text('ipp_job_name').notNull().unique(),
    ippJobId: integer('ipp_job_id'),
    /** The pipeline's output in the document store, and what the printer must report when done. */
    outputKey: text('output_key'),
    outputFormat: text('output_format'),
    /**
     * Set when `outputKey` holds the imposed PDF of a raster job: the raster is made from it by
     * Ghostscript as it is sent (and again for a resend), so the first page reaches the printer
     * seconds after payment and a gigabyte of photos is never stored or held.
     */
    outputRaster: jsonb('output_raster').$type<TRasterAtSend>(),
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
    /** The last failure, or why the job was canceled, in words for the shop. */
    lastError: text('last_error'),
    isReprint: boolean('is_reprint').notNull().default(false),
    /** Job Template attributes the converted output must be sent with (media, sides, colour, copies, finishings). */
    ippTemplate: jsonb('ipp_template').$type<TJobTemplate>(),
    /** The output in `outputKey` is made for `printerId` (format, copies, raster resolution). */
    convertedAt: timestamp('converted_at', { withTimezone: true }),
    /** Since when no suitable printer of the shop has been online; the customer may move the order after a while. */
    waitingSince: timestamp('waiting_since', { withTimezone: true }),
    /** The shop (or Nearprint) asked to stop a job the printer already has; the dispatcher cancels it there. */
    cancelRequestedAt: timestamp('cancel_requested_at', { withTimezone: true }),
    /**
     * The printer no longer knows the job and Nearprint cannot tell whether it printed (a worker
     * was down for longer than the printer remembers finished jobs): the shop checks the tray.
     */
    outcomeUnknownAt: timestamp('outcome_unknown_at', { withTimezone: true }),
    /**
     * A refund this job owes the customer (print_failed, shop_rejected: the rest of the order;
     * shortfall: the pages a printed job did not print), paid outside the transaction that set
     * it. While it is being paid, `leaseOwner`/`leaseExpiresAt` hold the claim.
     */
    refundDue: text('refund_due'),
    refundSettledAt: timestamp('refund_settled_at', { withTimezone: true }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    /** When the job last went to its printer (queued → sending). */
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
    /**
     * When the upload of the document began, recorded before its first byte left (with
     * `ippJobId` when Create-Job made the job). Null on a `sending` job: nothing of it can have
     * reached the printer, so sending it again is safe. Set: the printer may have it, so it is
     * looked up there and never sent again blindly (lib/dispatch/dispatch-printer.ts).
     */
    documentSentAt: timestamp('document_sent_at', { withTimezone: true }),
    printedAt: timestamp('printed_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('print_jobs_claim_idx').on(t.state, t.runAfter),
    index('print_jobs_shop_idx').on(t.shopId, t.state),
    index('print_jobs_printer_idx').on(t.printerId, t.state),
    index('print_jobs_order_idx').on(t.orderId),
    index('print_jobs_refund_due_idx').on(t.refundDue, t.refundSettledAt),
  ],
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
    /** The token stops working after this (null: until revoked). */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('shop_agent_tokens_shop_idx').on(t.shopId)],
);

export const orderMoveStatus = pgEnum('order_move_status', ['pending_payment', 'completed', 'canceled']);
export type TOrderMoveStatus = (typeof orderMoveStatus.enumValues)[number];

/**
 * A customer moving a paid order to another shop (lib/orders/move-order.ts). The order row
 * itself moves (same number, pickup code and documents); this records the fresh quote and how
 * the difference was settled: refunded on the original payment when cheaper, or charged by a
 * Checkout Session of its own (the "top-up") when dearer, applied once that is paid.
 */
export const orderMoves = pgTable(
  'order_moves',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    fromShopId: uuid('from_shop_id')
      .notNull()
      .references(() => shops.id),
    toShopId: uuid('to_shop_id')
      .notNull()
      .references(() => shops.id),
    status: orderMoveStatus('status').notNull(),
    quote: jsonb('quote').$type<TOrderQuote>().notNull(),
    /** The new shop's total (minor units). */
    totalMinor: integer('total_minor').notNull(),
    /** What the order still held when the move was asked for: paid minus refunded (minor units). */
    creditMinor: integer('credit_minor').notNull(),
    /** total − credit: above zero is charged through the top-up, below zero refunded (minor units). */
    differenceMinor: integer('difference_minor').notNull(),
    stripeCheckoutSessionId: text('stripe_checkout_session_id').unique(),
    checkoutUrl: text('checkout_url'),
    stripePaymentIntentId: text('stripe_payment_intent_id').unique(),
    stripeChargeId: text('stripe_charge_id').unique(),
    /** Refunded from the top-up payment so far (minor units); refunds use it before the original payment. */
    topUpRefundedMinor: integer('top_up_refunded_minor').notNull().default(0),
    requestedBy: text('requested_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    /** The difference was booked (top-up charge) or refunded; a refund is paid after the move commits, and retried until this is set. */
    differenceSettledAt: timestamp('difference_settled_at', { withTimezone: true }),
    /** A worker is refunding the difference until then (a claim, so two never refund it twice). */
    settlingUntil: timestamp('settling_until', { withTimezone: true }),
  },
  (t) => [index('order_moves_order_idx').on(t.orderId, t.createdAt), index('order_moves_status_idx').on(t.status)],
);

export type TPrintJob = typeof printJobs.$inferSelect;
export type TOrderMove = typeof orderMoves.$inferSelect;
export type TShopAgentToken = typeof shopAgentTokens.$inferSelect;
