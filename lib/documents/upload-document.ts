import { createHash } from 'node:crypto';
import { db } from '@/db/client';
import { documents, type TDocument } from '@/db/schema';
import { env } from '@/lib/config/env';
import { appendEvent } from '@/lib/events/append-event';
import { detectDocumentType } from './detect-document-type';
import { isDocumentError } from './document-error';
import { sanitizeFilename } from './sanitize-filename';
import { documentKeys, documentStore } from './storage/app-document-store';
import { AppError } from '@/lib/errors/app-error';

/**
 * Accepts an uploaded file for its owner: the type is decided from the content, hostile and
 * unsupported files are refused here with the customer-facing message, and the original is
 * stored before the row exists, so a row always has its bytes. Inspection (pages, colour,
 * thumbnails) follows in the worker.
 */
export async function uploadDocument(options: { ownerId: string; filename: string; bytes: Uint8Array }): Promise<TDocument> {
  const filename = sanitizeFilename(options.filename);
  let detected;
  try {
    detected = await detectDocumentType(options.bytes, { filename, maxBytes: env().UPLOAD_MAX_BYTES });
  } catch (error) {
    if (isDocumentError(error)) throw new AppError(error.code === 'too_large' ? 'payload_too_large' : 'unprocessable', error.message, { fieldErrors: { file: [error.message] }, cause: error });
    throw error;
  }
  const id = crypto.randomUUID();
  const storageKey = documentKeys.original(id, detected.extension);
  await documentStore().put(storageKey, Buffer.from(options.bytes.buffer, options.bytes.byteOffset, options.bytes.byteLength));
  return db.transaction(async (tx) => {
    const [document] = await tx
      .insert(documents)
      .values({
        id,
        ownerId: options.ownerId,
        filename,
        detectedType: detected.type,
        sizeBytes: options.bytes.byteLength,
        sha256: createHash('sha256').update(options.bytes).digest('hex'),
        storageKey,
      })
      .returning();
    await appendEvent({ type: 'document.uploaded', documentId: id, actor: options.ownerId, data: { filename, type: detected.type, hasMismatchedExtension: detected.hasMismatchedExtension } }, tx);
    return document;
  });
}
