import { asc, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { documentPages, type TDocument } from '@/db/schema';
import { documentLink } from './document-access';

export type TDocumentSummary = {
  id: string;
  filename: string;
  detectedType: string;
  sizeBytes: number;
  status: TDocument['status'];
  errorMessage: string | null;
  pagesInspected: number;
  pageCount: number | null;
  colorPageCount: number | null;
  filesDeletedAt: string | null;
  pages: { pageNumber: number; isColor: boolean; isForcedMono: boolean; widthPt: number; heightPt: number; thumbnailUrl: string | null }[];
};

/**
 * What the customer's page map needs about a document: status and progress, and per page its
 * colour, the customer's forced-mono choice and a signed link to the thumbnail the worker made
 * when it inspected the document (the link names and signs the page).
 */
export async function documentSummary(document: TDocument): Promise<TDocumentSummary> {
  const pages = document.status === 'ready' ? await db.select().from(documentPages).where(eq(documentPages.documentId, document.id)).orderBy(asc(documentPages.pageNumber)) : [];
  const hasFiles = !document.filesDeletedAt;
  return {
    id: document.id,
    filename: document.filename,
    detectedType: document.detectedType,
    sizeBytes: document.sizeBytes,
    status: document.status,
    errorMessage: document.errorMessage,
    pagesInspected: document.pagesInspected,
    pageCount: document.pageCount,
    colorPageCount: document.colorPageCount,
    filesDeletedAt: document.filesDeletedAt?.toISOString() ?? null,
    pages: pages.map((page) => ({
      pageNumber: page.pageNumber,
      isColor: page.isColor,
      isForcedMono: page.isForcedMono,
      widthPt: page.widthPt,
      heightPt: page.heightPt,
      thumbnailUrl: hasFiles && page.thumbnailKey ? documentLink(document.id, 'thumbnail', { page: page.pageNumber }) : null,
    })),
  };
}
