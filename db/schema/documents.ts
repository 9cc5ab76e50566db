import { bigint, boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';

export const documentStatus = pgEnum('document_status', ['uploaded', 'inspecting', 'ready', 'failed', 'deleted']);
export type TDocumentStatus = (typeof documentStatus.enumValues)[number];

/**
 * A customer's uploaded file. The original is kept as uploaded (`storageKey`); inspection
 * normalises it to PDF (`pdfKey`), counts pages, finds colour pages and renders thumbnails.
 * Private to its owner and to the shop printing it; the bytes are deleted after pickup or
 * retention, the row stays so orders and receipts still make sense.
 */
export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    filename: text('filename').notNull(),
    /** Decided from the content (magic bytes), e.g. pdf, jpeg, png, text, docx. */
    detectedType: text('detected_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    pdfKey: text('pdf_key'),
    status: documentStatus('status').notNull().default('uploaded'),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    pagesInspected: integer('pages_inspected').notNull().default(0),
    pageCount: integer('page_count'),
    colorPageCount: integer('color_page_count'),
    /** Inspection lease: which worker inspects it and until when (a crashed worker's lease runs out). */
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    inspectedAt: timestamp('inspected_at', { withTimezone: true }),
    filesDeletedAt: timestamp('files_deleted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('documents_owner_idx').on(t.ownerId, t.createdAt), index('documents_status_idx').on(t.status)],
);

export type TPageCoverage = { c: number; m: number; y: number; k: number };

export const documentPages = pgTable(
  'document_pages',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    pageNumber: integer('page_number').notNull(),
    /** Size as printed (after /Rotate), PostScript points. */
    widthPt: real('width_pt').notNull(),
    heightPt: real('height_pt').notNull(),
    isColor: boolean('is_color').notNull(),
    /** The customer chose to print this colour page in black & white. */
    isForcedMono: boolean('is_forced_mono').notNull().default(false),
    coverage: jsonb('coverage').$type<TPageCoverage | null>(),
    thumbnailKey: text('thumbnail_key'),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.pageNumber] })],
);

export type TDocument = typeof documents.$inferSelect;
export type TDocumentPage = typeof documentPages.$inferSelect;

/**
 * One upload in flight: a customer may hold only a few at once (UPLOAD_MAX_CONCURRENT), across
 * every web process, and each reserves the bytes it may still write against the daily quota.
 * The row is deleted when the upload ends; a process that dies leaves a lease that runs out.
 */
export const uploadSlots = pgTable(
  'upload_slots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The most this upload may add to the owner's bytes today. */
    reservedBytes: bigint('reserved_bytes', { mode: 'number' }).notNull(),
    leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('upload_slots_owner_idx').on(t.ownerId, t.leaseExpiresAt)],
);

export type TUploadSlot = typeof uploadSlots.$inferSelect;

/**
 * Layout previews one customer has had drawn in the current minute (lib/convert/layout-preview.ts),
 * counted here so the limit holds across every web instance. The window starts at the first
 * render after the last one ended.
 */
export const previewRenderWindows = pgTable('preview_render_windows', {
  ownerId: text('owner_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  count: integer('count').notNull(),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
});

/**
 * One row per running worker, renewed while it runs: what it can do that the web app must know
 * before it accepts an upload (LibreOffice, for Office files). Web hosts need not have LibreOffice;
 * a row not renewed for a while is a worker that died (lib/documents/office-availability.ts).
 */
export const workerCapabilities = pgTable('worker_capabilities', {
  workerId: text('worker_id').primaryKey(),
  /** "LibreOffice 7.4.7.2", or null where it does not run. */
  officeVersion: text('office_version'),
  seenAt: timestamp('seen_at', { withTimezone: true }).notNull().defaultNow(),
});
