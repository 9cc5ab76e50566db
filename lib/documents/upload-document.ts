import { createHash } from 'node:crypto';
import { db } from '@/db/client';
import { documents, type TDocument } from '@/db/schema';
import { env } from '@/lib/config/env';
import { appendEvent } from '@/lib/events/append-event';
import { signalWork } from '@/lib/events/work-signal';
import { AppError } from '@/lib/errors/app-error';
import { ByteLimitedReader } from './byte-limited-stream';
import { detectDocumentType, type TDetectedDocument } from './detect-document-type';
import { DocumentError, isDocumentError } from './document-error';
import { officeAvailability } from './office-availability';
import { sanitizeFilename } from './sanitize-filename';
import { documentKeys, documentStore } from './storage/app-document-store';
import { acquireUploadSlot, UPLOAD_SLOT_LEASE_MS } from './upload-allowance';

/**
 * How much of an upload is read before its type is decided. Enough for file-type to find an
 * office document's parts in its zip; whole-file checks (polyglots) run in inspection.
 */
export const UPLOAD_HEAD_BYTES = 1024 * 1024;

export type TUploadInput = {
  ownerId: string;
  filename: string;
  /** The request body as it arrives (or, from tests and scripts, the whole file). */
  body: ReadableStream<Uint8Array> | Uint8Array | null;
  /** Content-Length when the client sent one: refused at once when over the limit. */
  declaredBytes?: number | null;
};

/**
 * Accepts an uploaded file for its owner, streaming it to the document store: bytes are counted
 * as they arrive and the upload is refused (413) the moment it passes the file limit or what is
 * left of the owner's daily allowance, leaving nothing stored; only the first megabyte is ever
 * held, to decide the type from the content. The owner holds one of a few upload slots while
 * it runs (429 beyond). Hostile and unsupported files are refused with the customer-facing
 * message (Office documents too, where LibreOffice does not run); the original is stored before the row exists, so a row always has its bytes.
 * Inspection (pages, colour, thumbnails, the whole-file checks) follows in the worker.
 */
export async function uploadDocument(input: TUploadInput): Promise<TDocument> {
  const filename = sanitizeFilename(input.filename);
  const config = env();
  const slot = await acquireUploadSlot({
    ownerId: input.ownerId,
    declaredBytes: input.declaredBytes ?? (input.body instanceof Uint8Array ? input.body.byteLength : null),
    limits: { maxBytes: config.UPLOAD_MAX_BYTES, maxConcurrent: config.UPLOAD_MAX_CONCURRENT, dailyBytes: config.UPLOAD_DAILY_BYTES },
  });
  const renewal = setInterval(() => void slot.renew().catch(() => undefined), UPLOAD_SLOT_LEASE_MS / 3);
  const source = input.body instanceof ReadableStream ? input.body : streamOf(input.body ?? new Uint8Array());
  const reader = new ByteLimitedReader(source, slot.maxBytes, slot.tooLarge);
  try {
    const head = await reader.readHead(UPLOAD_HEAD_BYTES);
    const detected = await detectType(Buffer.concat(head.chunks), filename, !head.isComplete);
    if (detected.isOffice && !(await officeAvailability()).isAvailable) {
      const error = new DocumentError('office_unsupported');
      throw new AppError('unprocessable', error.message, { fieldErrors: { file: [error.message] }, cause: error });
    }
    const id = crypto.randomUUID();
    const storageKey = documentKeys.original(id, detected.extension);
    const hash = createHash('sha256');
    // On a refusal mid-stream the store throws our 413 and keeps no partial object.
    await documentStore().put(
      storageKey,
      reader.rest(head.chunks, (chunk) => hash.update(chunk)),
    );
    try {
      return await recordUpload({ id, ownerId: input.ownerId, filename, detected, sizeBytes: reader.bytesRead, sha256: hash.digest('hex'), storageKey });
    } catch (error) {
      await documentStore()
        .delete(storageKey)
        .catch(() => undefined);
      throw error;
    }
  } finally {
    clearInterval(renewal);
    await reader.cancel();
    await slot.release();
  }
}

async function detectType(head: Uint8Array, filename: string, isHeadOnly: boolean): Promise<TDetectedDocument> {
  try {
    return await detectDocumentType(head, { filename, maxBytes: Number.MAX_SAFE_INTEGER, isHeadOnly });
  } catch (error) {
    if (isDocumentError(error)) throw new AppError('unprocessable', error.message, { fieldErrors: { file: [error.message] }, cause: error });
    throw error;
  }
}

async function recordUpload(row: { id: string; ownerId: string; filename: string; detected: TDetectedDocument; sizeBytes: number; sha256: string; storageKey: string }): Promise<TDocument> {
  return db.transaction(async (tx) => {
    const [document] = await tx
      .insert(documents)
      .values({ id: row.id, ownerId: row.ownerId, filename: row.filename, detectedType: row.detected.type, sizeBytes: row.sizeBytes, sha256: row.sha256, storageKey: row.storageKey })
      .returning();
    await appendEvent(
      { type: 'document.uploaded', documentId: row.id, actor: row.ownerId, data: { filename: row.filename, type: row.detected.type, hasMismatchedExtension: row.detected.hasMismatchedExtension } },
      tx,
    );
    await signalWork(tx, 'document');
    return document;
  });
}

function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      if (bytes.byteLength > 0) controller.enqueue(bytes);
      controller.close();
    },
  });
}
