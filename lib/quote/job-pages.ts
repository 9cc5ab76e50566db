import { and, asc, eq, inArray } from 'drizzle-orm';
import { db } from '@/db/client';
import { documentPages, documents, type TDocument } from '@/db/schema/index';
import { isPageRangeError, parsePageRanges } from '@/lib/job-options/parse-page-ranges';
import { AppError } from '@/lib/errors/app-error';
import type { TPageColors } from './impressions';

export type TJobDocument = { document: TDocument; pageColors: TPageColors; selectedPages: number[] };

/**
 * The customer's documents for a job, in the order given, with the colour of each selected
 * page (a colour page the customer forced to mono counts as mono). Page ranges apply to each
 * document, as the print pipeline applies them.
 */
export async function loadJobDocuments(options: { ownerId: string; documentIds: string[]; pageRanges?: string }): Promise<TJobDocument[]> {
  if (options.documentIds.length === 0) throw new AppError('bad_request', 'Add at least one document to print.', { fieldErrors: { documents: ['Add at least one document'] } });
  const rows = await db
    .select()
    .from(documents)
    .where(and(inArray(documents.id, options.documentIds), eq(documents.ownerId, options.ownerId)));
  const pages = await db.select().from(documentPages).where(inArray(documentPages.documentId, options.documentIds)).orderBy(asc(documentPages.pageNumber));
  return options.documentIds.map((id) => {
    const document = rows.find((d) => d.id === id);
    if (!document) throw new AppError('not_found', 'One of the documents no longer exists.', { fieldErrors: { documents: ['A document no longer exists'] } });
    if (document.status !== 'ready') {
      const message = document.status === 'failed' ? `“${document.filename}” could not be read: ${document.errorMessage}` : `“${document.filename}” is still being checked. Wait a moment.`;
      throw new AppError('conflict', message, { fieldErrors: { documents: [message] } });
    }
    const own = pages.filter((p) => p.documentId === id);
    let selectedPages = own.map((p) => p.pageNumber);
    if (options.pageRanges) {
      try {
        selectedPages = parsePageRanges(options.pageRanges, own.length);
      } catch (error) {
        if (isPageRangeError(error)) throw new AppError('bad_request', error.message, { fieldErrors: { pageRanges: [`${document.filename}: ${error.message}`] } });
        throw error;
      }
    }
    const pageColors = selectedPages.map((n) => {
      const page = own.find((p) => p.pageNumber === n);
      return !!page && page.isColor && !page.isForcedMono;
    });
    return { document, pageColors, selectedPages };
  });
}
