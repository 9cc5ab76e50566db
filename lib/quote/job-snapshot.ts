import { and, asc, eq, inArray } from 'drizzle-orm';
import { db } from '@/db/client';
import { documentPages, documents, orderDocuments, type TDocument } from '@/db/schema/index';
import { AppError } from '@/lib/errors/app-error';
import { isPageRangeError, parsePageRanges } from '@/lib/job-options/parse-page-ranges';
import type { TPageColors } from './impressions';

type TReader = Pick<typeof db, 'select'>;

/**
 * What an order charges for, per document, frozen when it is priced: how many pages the
 * document has, the pages printed (after page ranges, in order), which of them are charged as
 * colour, and which colour pages the customer switched to black & white. The quote, the print
 * conversion (what prints in colour) and refunds read only this, so editing a document after
 * the order was priced can never change what the order prints.
 */
export type TDocumentSnapshot = {
  documentId: string;
  pageCount: number;
  selectedPages: number[];
  colorPages: number[];
  forcedMonoPages: number[];
};

/** Per selected page, in print order: is it charged (and printed) in colour. */
export function pageColorsOf(snapshot: Pick<TDocumentSnapshot, 'selectedPages' | 'colorPages'>): TPageColors {
  const colour = new Set(snapshot.colorPages);
  return snapshot.selectedPages.map((page) => colour.has(page));
}

export type TJobDocument = { document: TDocument; snapshot: TDocumentSnapshot; pageColors: TPageColors };

/**
 * The customer's documents for a job, in the order given, each with its snapshot taken from
 * one read of its pages (a colour page the customer forced to mono counts as mono). Page
 * ranges apply to each document, as the print pipeline applies them. Pass the transaction that
 * prices and stores the order, so the snapshot stored is the one priced.
 */
export async function loadJobDocuments(options: { ownerId: string; documentIds: string[]; pageRanges?: string; executor?: TReader }): Promise<TJobDocument[]> {
  const reader = options.executor ?? db;
  if (options.documentIds.length === 0) throw new AppError('bad_request', 'Add at least one document to print.', { fieldErrors: { documents: ['Add at least one document'] } });
  const rows = await reader
    .select()
    .from(documents)
    .where(and(inArray(documents.id, options.documentIds), eq(documents.ownerId, options.ownerId)));
  const pages = await reader.select().from(documentPages).where(inArray(documentPages.documentId, options.documentIds)).orderBy(asc(documentPages.pageNumber));
  return options.documentIds.map((id) => {
    const document = rows.find((d) => d.id === id);
    if (!document) throw new AppError('not_found', 'One of the documents no longer exists.', { fieldErrors: { documents: ['A document no longer exists'] } });
    if (document.status !== 'ready') {
      const message = document.status === 'failed' ? `“${document.filename}” could not be read: ${document.errorMessage}` : `“${document.filename}” is still being checked. Wait a moment.`;
      throw new AppError('conflict', message, { fieldErrors: { documents: [message] } });
    }
    const own = pages.filter((p) => p.documentId === id);
    if (own.length === 0) throw new AppError('unprocessable', `“${document.filename}” has no pages to print.`, { fieldErrors: { documents: [`“${document.filename}” has no pages`] } });
    let selectedPages = own.map((p) => p.pageNumber);
    if (options.pageRanges) {
      try {
        selectedPages = parsePageRanges(options.pageRanges, own.length);
      } catch (error) {
        if (isPageRangeError(error)) throw new AppError('bad_request', error.message, { fieldErrors: { pageRanges: [`${document.filename}: ${error.message}`] } });
        throw error;
      }
    }
    const selected = new Set(selectedPages);
    const snapshot: TDocumentSnapshot = {
      documentId: id,
      pageCount: own.length,
      selectedPages,
      colorPages: own.filter((p) => selected.has(p.pageNumber) && p.isColor && !p.isForcedMono).map((p) => p.pageNumber),
      forcedMonoPages: own.filter((p) => p.isColor && p.isForcedMono).map((p) => p.pageNumber),
    };
    return { document, snapshot, pageColors: pageColorsOf(snapshot) };
  });
}

/** The snapshots an order was priced with, in print order. */
export async function loadOrderSnapshot(orderId: string, executor: TReader = db): Promise<TDocumentSnapshot[]> {
  const rows = await executor.select().from(orderDocuments).where(eq(orderDocuments.orderId, orderId)).orderBy(asc(orderDocuments.position));
  return rows.map((row) => ({ documentId: row.documentId, pageCount: row.pageCount, selectedPages: row.selectedPages, colorPages: row.colorPages, forcedMonoPages: row.forcedMonoPages }));
}
