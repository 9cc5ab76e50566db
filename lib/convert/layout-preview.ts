import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { previewRenderWindows } from '@/db/schema';
import type { TJobOptions } from '@/lib/job-options/job-options';
import { AppError } from '@/lib/errors/app-error';
import { isDocumentError } from '@/lib/documents/document-error';
import { documentStore } from '@/lib/documents/storage/app-document-store';
import { loadJobDocuments } from '@/lib/quote/job-snapshot';
import { firstSheetsSelection, PREVIEW_DEFAULT_SHEETS, previewSheets, type TPreviewSide } from './preview-sheets';

/** Ghostscript's share of one preview (forcing pages grey, rendering): a preview is a glance, not a job. */
const PREVIEW_TIMEOUT_MS = 15_000;
/** The normalised PDFs a preview may load, together: past this it says so instead of trying. */
const PREVIEW_MAX_INPUT_BYTES = 80 * 1024 ** 2;
/**
 * Renders (not cache hits) one customer may ask for in a minute, over every web instance
 * (counted in PostgreSQL): typing through every option stays well inside.
 */
export const PREVIEW_RENDERS_PER_MINUTE = 30;
/**
 * Renders running at once in this process; the rest wait their turn (up to PREVIEW_MAX_WAITING).
 * Deliberately per process: it guards this machine's CPU, which is what a render uses.
 */
const PREVIEW_CONCURRENCY = 2;
const PREVIEW_MAX_WAITING = 8;
/** Bytes of finished previews kept in memory, newest last. */
const CACHE_MAX_BYTES = 16 * 1024 ** 2;

export type TLayoutPreview = {
  /** Changes exactly when the documents, their forced-grey pages or the options that affect layout change. */
  key: string;
  totalSheets: number;
  images: { sheetNumber: number; side: TPreviewSide; src: string; widthPx: number; heightPx: number; isLandscape: boolean }[];
};

type TCacheEntry = { preview: TLayoutPreview; bytes: number };

// A per-process cache, and safely so: a preview is a pure function of its key, and the key holds
// only immutable inputs (document ids, each normalised PDF's store key, which a new normalisation
// replaces, the forced-grey pages, the layout). An instance that misses draws the same images
// again; nothing is wrong, only slower. Not in the document store on purpose: retention deletes
// each document's known keys, and a shared preview would outlive the files it shows.
const cache = new Map<string, TCacheEntry>();
let cacheBytes = 0;
const inFlight = new Map<string, Promise<TLayoutPreview>>();
let running = 0;
const waiting: (() => void)[] = [];

/**
 * Thumbnails of the first sheets of a customer's job as the printer will print them (see
 * previewSheets), for the order form. Only the documents' owner gets them (loadJobDocuments
 * scopes by owner, and answers "not found" for anyone else's id). Cost is bounded: only the
 * pages on the sheets shown are imposed, a result is cached by the documents and options that
 * shape it, each customer has a rate of renders, and a process renders two at a time.
 */
export async function layoutPreview(input: { ownerId: string; documentIds: string[]; job: TJobOptions; sheets?: number; now?: number }): Promise<TLayoutPreview> {
  const jobDocuments = await loadJobDocuments({ ownerId: input.ownerId, documentIds: input.documentIds, pageRanges: input.job.pageRanges });
  const maxSheets = input.sheets ?? PREVIEW_DEFAULT_SHEETS;
  const { documents: shown, totalSheets } = firstSheetsSelection(
    jobDocuments.map(({ document, snapshot }) => ({ document, selectedPages: snapshot.selectedPages, forcedMonoPages: snapshot.forcedMonoPages })),
    input.job,
    maxSheets,
  );
  // Copies and finishing do not change what a sheet looks like.
  const { media, colorMode, sides, pagesPerSheet } = input.job;
  const key = createHash('sha256')
    .update(
      JSON.stringify({
        shown: shown.map((d) => [d.document.id, d.document.pdfKey, d.selectedPages, colorMode === 'auto' ? d.forcedMonoPages : []]),
        all: jobDocuments.map((d) => [d.document.id, d.snapshot.selectedPages.length]),
        layout: [media, colorMode, sides, pagesPerSheet, maxSheets],
      }),
    )
    .digest('base64url')
    .slice(0, 32);

  const cached = cache.get(key);
  if (cached) {
    cache.delete(key);
    cache.set(key, cached);
    return cached.preview;
  }
  const pending = inFlight.get(key);
  if (pending) return pending;

  await takeRender(input.ownerId, input.now ?? Date.now());
  const render = withRenderSlot(async () => {
    let totalBytes = 0;
    const documents = [];
    for (const { document, selectedPages, forcedMonoPages } of shown) {
      if (!document.pdfKey) throw new AppError('conflict', `“${document.filename}” is still being checked. Wait a moment.`);
      const bytes = await documentStore().get(document.pdfKey);
      totalBytes += bytes.byteLength;
      if (totalBytes > PREVIEW_MAX_INPUT_BYTES) throw new AppError('unprocessable', 'These files are too large to preview. They still print as usual.');
      documents.push({ bytes, filename: `${document.id}.pdf`, selectedPages, forcedMonoPages });
    }
    try {
      const result = await previewSheets(documents, input.job, { maxSheets, timeoutMs: PREVIEW_TIMEOUT_MS });
      return {
        key,
        // Of the whole job: previewSheets only sees the pages shown.
        totalSheets,
        images: result.images.map((image) => ({
          sheetNumber: image.sheetNumber,
          side: image.side,
          src: `data:image/png;base64,${image.png.toString('base64')}`,
          widthPx: image.widthPx,
          heightPx: image.heightPx,
          isLandscape: image.isLandscape,
        })),
      } satisfies TLayoutPreview;
    } catch (error) {
      if (isDocumentError(error) && error.code !== 'conversion_failed')
        throw new AppError('unprocessable', error.code === 'timeout' ? 'The preview took too long. It still prints as usual.' : error.message, { cause: error });
      throw error;
    }
  });
  inFlight.set(key, render);
  try {
    const preview = await render;
    remember(key, preview);
    return preview;
  } finally {
    inFlight.delete(key);
  }
}

/** A time as a query parameter: postgres.js takes no Date inside raw SQL. */
const timestamp = (at: Date) => sql`${at.toISOString()}::timestamptz`;

/**
 * Counts a render against the customer's minute, or refuses with when to try again. One
 * statement in PostgreSQL, so renders on every web instance share the budget: the window
 * starts at the first render once the previous window is over.
 */
async function takeRender(ownerId: string, now: number): Promise<void> {
  const at = new Date(now);
  const isOver = sql`${previewRenderWindows.windowStartedAt} <= ${timestamp(new Date(now - 60_000))}`;
  const [window] = await db
    .insert(previewRenderWindows)
    .values({ ownerId, count: 1, windowStartedAt: at })
    .onConflictDoUpdate({
      target: previewRenderWindows.ownerId,
      set: {
        count: sql`case when ${isOver} then 1 else ${previewRenderWindows.count} + 1 end`,
        windowStartedAt: sql`case when ${isOver} then ${timestamp(at)} else ${previewRenderWindows.windowStartedAt} end`,
      },
    })
    .returning({ count: previewRenderWindows.count, windowStartedAt: previewRenderWindows.windowStartedAt });
  if (window.count > PREVIEW_RENDERS_PER_MINUTE) {
    throw new AppError('too_many_requests', 'Too many previews in a short time. The preview will be back in a minute.', {
      retryAfterSeconds: Math.max(1, Math.ceil((window.windowStartedAt.getTime() + 60_000 - now) / 1000)),
    });
  }
}

async function withRenderSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= PREVIEW_CONCURRENCY) {
    if (waiting.length >= PREVIEW_MAX_WAITING) throw new AppError('too_many_requests', 'Previews are busy right now. Trying again in a moment.', { retryAfterSeconds: 2 });
    // The finishing render hands its slot straight over, so `running` never passes the limit.
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else {
    running++;
  }
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

function remember(key: string, preview: TLayoutPreview): void {
  const bytes = preview.images.reduce((sum, image) => sum + image.src.length, 0);
  if (bytes > CACHE_MAX_BYTES) return;
  cache.set(key, { preview, bytes });
  cacheBytes += bytes;
  for (const [oldKey, entry] of cache) {
    if (cacheBytes <= CACHE_MAX_BYTES) break;
    cache.delete(oldKey);
    cacheBytes -= entry.bytes;
  }
}
