import { sql } from 'drizzle-orm';
import { index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { printJobs } from './print-jobs';
import { printers } from './printers';
import { shops } from './shops';

/**
 * What a shop is alerted to (lib/alerts/alert-conditions.ts decides each): a printer offline
 * for a while, toner or ink under 10 % or empty, paper out or jammed, a job waiting too long
 * for acceptance, a job that failed.
 */
export const alertKind = pgEnum('alert_kind', ['printer_offline', 'marker_low', 'media_problem', 'job_waiting', 'job_failed']);
export type TAlertKind = (typeof alertKind.enumValues)[number];

/**
 * One alert to a shop, open until its condition is fixed (`clearedAt`), then kept as history.
 * `subjectId` is the printer or job it is about; the partial unique index allows one open
 * alert per shop, subject and kind, so a condition that lasts is raised once, however many
 * times it is seen.
 */
export const alerts = pgTable(
  'alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    shopId: uuid('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    kind: alertKind('kind').notNull(),
    /** The printer's or the job's id (the same as printerId or jobId): what makes an open alert unique. */
    subjectId: uuid('subject_id').notNull(),
    printerId: uuid('printer_id').references(() => printers.id, { onDelete: 'set null' }),
    jobId: uuid('job_id').references(() => printJobs.id, { onDelete: 'set null' }),
    /** What happened, in words for the shop ("Counter printer is offline"). */
    title: text('title').notNull(),
    /** What to do about it. */
    action: text('action').notNull(),
    /** The details the condition was seen with (reasons, marker levels), refreshed while open. */
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull().defaultNow(),
    clearedAt: timestamp('cleared_at', { withTimezone: true }),
    /** "system" when the condition went away, or the user who dismissed it. */
    clearedBy: text('cleared_by'),
  },
  (t) => [
    uniqueIndex('alerts_open_unique')
      .on(t.shopId, t.subjectId, t.kind)
      .where(sql`cleared_at is null`),
    index('alerts_shop_idx').on(t.shopId, t.raisedAt),
  ],
);

export type TAlert = typeof alerts.$inferSelect;
