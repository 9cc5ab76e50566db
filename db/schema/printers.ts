import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { TPrinterCapabilities } from '@/lib/ipp/printer-capabilities';
import type { TPrinterMarker } from '@/lib/ipp/printer-status';
import { shops } from './shops';

export const printerState = pgEnum('printer_state', ['idle', 'processing', 'stopped', 'unknown']);
export type TPrinterState = (typeof printerState.enumValues)[number];

/**
 * A shop's printer, reached by its IPP URI. The capability description is what the printer
 * itself reported (Get-Printer-Attributes); the columns beside it are the parts scheduling
 * and search filter on.
 */
export const printers = pgTable(
  'printers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    shopId: uuid('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    uri: text('uri').notNull(),
    /**
     * The printer however its address was typed (`parsePrinterUri(uri).key`). Unique among
     * printers the cloud reaches, so one printer belongs to one shop. Agent printers are left
     * out: their addresses are on each shop's own LAN, where 192.168.1.20 is a different
     * printer in every shop. Null only for rows made before the key (a later duplicate of an
     * address, kept but not indexed) and for test fixtures with unreachable addresses.
     */
    addressKey: text('address_key'),
    /** The owner's switch: a disabled printer gets no jobs and gives the shop no capabilities. */
    isEnabled: boolean('is_enabled').notNull().default(true),
    /** Reached through the shop's agent on its LAN rather than by the cloud worker. */
    viaAgent: boolean('via_agent').notNull().default(false),
    capabilities: jsonb('capabilities').$type<TPrinterCapabilities>().notNull(),
    makeAndModel: text('make_and_model').notNull().default(''),
    documentFormats: text('document_formats')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    isColor: boolean('is_color').notNull().default(false),
    isDuplex: boolean('is_duplex').notNull().default(false),
    media: text('media')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    finishings: text('finishings')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    pagesPerMinute: integer('pages_per_minute').notNull().default(1),
    pagesPerMinuteColor: integer('pages_per_minute_color'),
    // Live state, written by the poller.
    isOnline: boolean('is_online').notNull().default(true),
    state: printerState('state').notNull().default('unknown'),
    stateReasons: text('state_reasons')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    stateMessage: text('state_message').notNull().default(''),
    queuedJobCount: integer('queued_job_count').notNull().default(0),
    markers: jsonb('markers').$type<TPrinterMarker[]>().notNull().default([]),
    /** Consecutive polls that got no answer; the printer goes offline after a few. */
    missedPolls: integer('missed_polls').notNull().default(0),
    lastError: text('last_error'),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    /** Claimed by a poller before it asks the printer, so workers share the fleet. */
    lastPolledAt: timestamp('last_polled_at', { withTimezone: true }),
    /**
     * Which worker (or agent) sends jobs to this printer and follows them, until when. One
     * dispatcher per printer: printers take one job at a time, and only the holder may send.
     */
    dispatchLeaseOwner: text('dispatch_lease_owner'),
    dispatchLeaseExpiresAt: timestamp('dispatch_lease_expires_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('printers_shop_uri').on(t.shopId, t.uri),
    uniqueIndex('printers_address_key')
      .on(t.addressKey)
      .where(sql`via_agent = false`),
    index('printers_poll_idx').on(t.isEnabled, t.lastPolledAt),
  ],
);

export type TPrinter = typeof printers.$inferSelect;
export type TNewPrinter = typeof printers.$inferInsert;
