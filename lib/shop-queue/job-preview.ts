import { and, asc, eq, inArray } from 'drizzle-orm';
import { db } from '@/db/client';
import { documentPages, documents, orderDocuments, orders, type TOrder, type TPrintJob } from '@/db/schema/index';
import { documentLinkSecret } from '@/lib/config/env';
import { DOCUMENT_LINK_TTL_MS } from '@/lib/documents/document-access';
import { signDocumentUrl, verifyDocumentSignature, type TJobPreviewPurpose } from '@/lib/documents/sign-document-url';
import { documentKeys, documentStore } from '@/lib/documents/storage/app-document-store';
import { isDocumentError } from '@/lib/documents/document-error';
import { AppError } from '@/lib/errors/app-error';
import { getShopJob, type TShopJobRef } from './shop-job';
import { storedOutputFormat } from '@/lib/raster/raster-at-send';

export type TJobPreview = {
  isOpen: boolean;
  /** Why nothing can be shown, when nothing can. */
  closedReason: string | null;
  documents: { id: string; filename: string; pageCount: number; pdfUrl: string | null; pages: { pageNumber: number; thumbnailUrl: string | null }[] }[];
  output: { url: string; format: string; isViewable: boolean } | null;
};

/**
 * A job is open to preview while its shop still has work with it: not ended (failed, canceled),
 * its order here and not handed over, refunded or cancelled, and its files not yet deleted by
 * retention. Checked when the links are made and again on every request through them, so a link
 * stops working the moment the job closes, well before it expires.
 */
export function jobPreviewClosedReason(job: Pick<TPrintJob, 'state' | 'shopId'>, order: Pick<TOrder, 'status' | 'shopId' | 'filesDeletedAt'>): string | null {
  if (order.filesDeletedAt) return 'The files were deleted, as our retention policy promises.';
  if (job.state === 'failed' || job.state === 'canceled') return 'This job has ended, so its pages are no longer shown.';
  if (order.shopId !== job.shopId) return 'This order moved to another shop.';
  if (!['paid', 'printing', 'ready'].includes(order.status)) return 'This order is closed, so its pages are no longer shown.';
  return null;
}

/** What the link signs: the job and, for a document's pages, the document, so one job's link cannot open another's file. */
function subjectOf(jobId: string, documentId: string | null): string {
  return documentId ? `job:${jobId}:${documentId}` : `job:${jobId}`;
}

function previewPath(shopId: string, jobId: string, query: Record<string, string>): string {
  const params = new URLSearchParams(query).toString();
  return `/api/shops/${shopId}/jobs/${jobId}/preview${params ? `?${params}` : ''}`;
}

function previewLink(ref: { shopId: string; jobId: string }, purpose: TJobPreviewPurpose, options: { documentId?: string; page?: number } = {}): string {
  const query: Record<string, string> = {};
  if (options.documentId) query.document = options.documentId;
  if (options.page) query.page = String(options.page);
  return signDocumentUrl({
    path: previewPath(ref.shopId, ref.jobId, query),
    documentId: subjectOf(ref.jobId, options.documentId ?? null),
    purpose,
    page: options.page,
    expiresAt: new Date(Date.now() + DOCUMENT_LINK_TTL_MS),
    secret: documentLinkSecret(),
  });
}

async function orderOf(job: TPrintJob): Promise<TOrder> {
  const [order] = await db.select().from(orders).where(eq(orders.id, job.orderId));
  return order;
}

/**
 * The owner's look at a job before printing: each document's page thumbnails and the document as
 * PDF, and the converted output once the pipeline made it, all through signed links bound to
 * their purpose, this job, and (for pages) the document and page.
 */
export async function getJobPreview(ref: TShopJobRef): Promise<TJobPreview> {
  const job = await getShopJob(ref);
  const closedReason = jobPreviewClosedReason(job, await orderOf(job));
  if (closedReason) return { isOpen: false, closedReason, documents: [], output: null };
  const docs = await db
    .select({ document: documents, pageCount: orderDocuments.pageCount })
    .from(orderDocuments)
    .innerJoin(documents, eq(documents.id, orderDocuments.documentId))
    .where(eq(orderDocuments.orderId, job.orderId))
    .orderBy(asc(orderDocuments.position));
  const pages = docs.length
    ? await db
        .select()
        .from(documentPages)
        .where(
          inArray(
            documentPages.documentId,
            docs.map((d) => d.document.id),
          ),
        )
        .orderBy(asc(documentPages.pageNumber))
    : [];
  return {
    isOpen: true,
    closedReason: null,
    documents: docs.map(({ document, pageCount }) => ({
      id: document.id,
      filename: document.filename,
      pageCount,
      pdfUrl: document.pdfKey && !document.filesDeletedAt ? previewLink(ref, 'job-document', { documentId: document.id }) : null,
      pages: pages
        .filter((page) => page.documentId === document.id)
        .map((page) => ({
          pageNumber: page.pageNumber,
          thumbnailUrl: page.thumbnailKey && !document.filesDeletedAt ? previewLink(ref, 'job-thumbnail', { documentId: document.id, page: page.pageNumber }) : null,
        })),
    })),
    output: job.outputKey && job.convertedAt && job.outputFormat ? outputPreview(ref, storedOutputFormat({ outputFormat: job.outputFormat, outputRaster: job.outputRaster })) : null,
  };
}

function outputPreview(ref: TShopJobRef, format: string) {
  return { url: previewLink(ref, 'job-output'), format, isViewable: format === 'application/pdf' };
}

/** A stored file, or the 404 a missing one deserves (deleted between the check and the read). */
async function streamStored(key: string): Promise<ReadableStream<Uint8Array>> {
  try {
    return await documentStore().stream(key);
  } catch (error) {
    if (isDocumentError(error) && error.code === 'not_found') throw new AppError('not_found', 'This file is no longer stored.');
    throw error;
  }
}

export type TJobPreviewRequest = TShopJobRef & { purpose: string | null; documentId: string | null; page: number | null; expires: string | null; signature: string | null };

export type TJobPreviewFile = { body: ReadableStream<Uint8Array>; contentType: string; disposition: 'inline' | 'attachment'; filename: string };

/**
 * Opens the file a preview link names, for the owner of the job's shop: the signature must match
 * (purpose, job, document, page, expiry) and the job must still be open.
 */
export async function openJobPreviewFile(request: TJobPreviewRequest): Promise<TJobPreviewFile> {
  const job = await getShopJob(request);
  const purpose = request.purpose as TJobPreviewPurpose | null;
  if (purpose !== 'job-thumbnail' && purpose !== 'job-document' && purpose !== 'job-output') throw new AppError('forbidden', 'This link is not valid.');
  const check = verifyDocumentSignature({
    documentId: subjectOf(job.id, request.documentId),
    purpose,
    page: request.page,
    expires: request.expires,
    signature: request.signature,
    secret: documentLinkSecret(),
  });
  if (!check.isValid) throw check.reason === 'expired' ? new AppError('gone', 'This link has expired. Reload the page for a new one.') : new AppError('forbidden', 'This link is not valid.');
  const closedReason = jobPreviewClosedReason(job, await orderOf(job));
  if (closedReason) throw new AppError('gone', closedReason);
  if (purpose === 'job-output') {
    if (!job.outputKey || !job.convertedAt || !job.outputFormat) throw new AppError('not_found', 'This job has not been converted yet.');
    // A raster rendered as it is sent is stored as the imposed PDF: the owner sees the sheets as they will print.
    const isPdf = storedOutputFormat({ outputFormat: job.outputFormat, outputRaster: job.outputRaster }) === 'application/pdf';
    return {
      body: await streamStored(job.outputKey),
      contentType: isPdf ? 'application/pdf' : job.outputFormat,
      disposition: isPdf ? 'inline' : 'attachment',
      filename: `${job.ippJobName}.${isPdf ? 'pdf' : 'pwg'}`,
    };
  }
  const [row] = request.documentId
    ? await db
        .select({ document: documents })
        .from(orderDocuments)
        .innerJoin(documents, eq(documents.id, orderDocuments.documentId))
        .where(and(eq(orderDocuments.orderId, job.orderId), eq(orderDocuments.documentId, request.documentId)))
    : [];
  if (!row || row.document.filesDeletedAt) throw new AppError('not_found', 'This file is no longer stored.');
  if (purpose === 'job-thumbnail') {
    return { body: await streamStored(documentKeys.thumbnail(row.document.id, request.page ?? 1)), contentType: 'image/png', disposition: 'inline', filename: `page-${request.page ?? 1}.png` };
  }
  if (!row.document.pdfKey) throw new AppError('not_found', 'This document has no PDF yet.');
  return { body: await streamStored(row.document.pdfKey), contentType: 'application/pdf', disposition: 'inline', filename: row.document.filename.replace(/\.[^.]+$/, '') + '.pdf' };
}
