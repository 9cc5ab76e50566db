import { bigserial, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { orders } from './orders';
import { shops } from './shops';

/**
 * The ledger's accounts. Debits are positive, credits negative; every transaction sums to 0.
 * - stripe_balance: money the platform holds at Stripe (asset)
 * - customer_prepaid: paid for jobs not yet delivered (liability to the customer)
 * - shop_payable: earned by a shop, not yet transferred (liability to the shop; per shop)
 * - platform_revenue: the platform's commission (income)
 */
export const ledgerAccount = pgEnum('ledger_account', ['stripe_balance', 'customer_prepaid', 'shop_payable', 'platform_revenue']);
export type TLedgerAccount = (typeof ledgerAccount.enumValues)[number];

export const ledgerKind = pgEnum('ledger_kind', ['charge', 'earning', 'refund', 'transfer', 'transfer_reversal']);
export type TLedgerKind = (typeof ledgerKind.enumValues)[number];

/** Append-only. `stripeObjectId` is unique, so the same Stripe object is never booked twice. */
export const ledgerTransactions = pgTable(
  'ledger_transactions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: ledgerKind('kind').notNull(),
    /** Charge, refund or transfer id at Stripe; for an earning, "earning:<order id>". */
    stripeObjectId: text('stripe_object_id').notNull().unique(),
    orderId: uuid('order_id').references(() => orders.id),
    shopId: uuid('shop_id').references(() => shops.id),
    description: text('description').notNull(),
    currency: text('currency').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ledger_transactions_order_idx').on(t.orderId), index('ledger_transactions_shop_idx').on(t.shopId, t.createdAt)],
);

export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    transactionId: uuid('transaction_id')
      .notNull()
      .references(() => ledgerTransactions.id),
    account: ledgerAccount('account').notNull(),
    /** Set on shop_payable entries: whose balance it is. */
    shopId: uuid('shop_id').references(() => shops.id),
    /** Debit positive, credit negative, minor units. */
    amountMinor: integer('amount_minor').notNull(),
  },
  (t) => [index('ledger_entries_account_idx').on(t.account, t.shopId), index('ledger_entries_tx_idx').on(t.transactionId)],
);

/** Webhook events already handled, by Stripe event id: a redelivery is acknowledged and skipped. */
export const stripeEvents = pgTable('stripe_events', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
});

export const refundKind = pgEnum('refund_kind', ['shop_rejected', 'print_failed', 'shortfall', 'admin', 'order_moved', 'stripe']);
export const refundStatus = pgEnum('refund_status', ['pending', 'succeeded', 'failed']);

/**
 * Refunds Nearprint asked Stripe for (or learned about from Stripe). The ledger books a
 * refund when Stripe confirms it; this table keeps who asked, why, and what happened.
 */
export const refunds = pgTable(
  'refunds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    amountMinor: integer('amount_minor').notNull(),
    kind: refundKind('kind').notNull(),
    reason: text('reason').notNull(),
    requestedBy: text('requested_by'),
    stripeRefundId: text('stripe_refund_id').unique(),
    status: refundStatus('status').notNull().default('pending'),
    failureMessage: text('failure_message'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('refunds_order_idx').on(t.orderId)],
);

/**
 * pending: a run is asking Stripe now (since `attemptedAt`); paid: Stripe made it and the
 * ledger has it; failed: Stripe refused it (a 4xx), nothing was made; unknown: the answer was
 * lost (timeout, reset, 5xx), so Stripe may or may not have made it: the next run looks it up
 * and asks again with the same idempotency key, never with a new one.
 */
export const transferStatus = pgEnum('transfer_status', ['pending', 'paid', 'failed', 'unknown']);

/** One transfer per shop per payout run; the idempotency key makes a retried run safe. */
export const transfers = pgTable(
  'transfers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    runId: uuid('run_id').notNull(),
    shopId: uuid('shop_id')
      .notNull()
      .references(() => shops.id),
    amountMinor: integer('amount_minor').notNull(),
    currency: text('currency').notNull(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    stripeTransferId: text('stripe_transfer_id').unique(),
    status: transferStatus('status').notNull().default('pending'),
    failureMessage: text('failure_message'),
    /** When a run last asked Stripe for it; a pending row much older than that was left by a run that died. */
    attemptedAt: timestamp('attempted_at', { withTimezone: true }),
    createdBy: text('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('transfers_shop_idx').on(t.shopId, t.createdAt), index('transfers_run_idx').on(t.runId)],
);

export const disputes = pgTable('disputes', {
  id: text('id').primaryKey(),
  orderId: uuid('order_id').references(() => orders.id),
  stripeChargeId: text('stripe_charge_id').notNull(),
  amountMinor: integer('amount_minor').notNull(),
  currency: text('currency').notNull(),
  reason: text('reason').notNull(),
  status: text('status').notNull(),
  raw: jsonb('raw').$type<Record<string, unknown>>(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The platform's commission, effective from a date; an order uses the fee in force when it is paid. */
export const platformFees = pgTable('platform_fees', {
  id: uuid('id').primaryKey().defaultRandom(),
  effectiveFrom: timestamp('effective_from', { withTimezone: true }).notNull(),
  /** Basis points of the order total (1000 = 10%). */
  percentBps: integer('percent_bps').notNull(),
  fixedMinor: integer('fixed_minor').notNull(),
  createdBy: text('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type TLedgerTransaction = typeof ledgerTransactions.$inferSelect;
export type TLedgerEntry = typeof ledgerEntries.$inferSelect;
export type TRefund = typeof refunds.$inferSelect;
export type TTransfer = typeof transfers.$inferSelect;
export type TDispute = typeof disputes.$inferSelect;
export type TPlatformFee = typeof platformFees.$inferSelect;
