/**
 * Thread entry for document inspection (see run-in-thread.ts): inspects the bytes it is
 * given and posts progress, then the inspection or a DocumentError's code and message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toDocumentError } from '@/lib/documents/document-error';
import { inspectDocument } from '@/lib/documents/inspect-document';

const { bytes, filename, maxBytes } = workerData as { bytes: Uint8Array; filename: string; maxBytes: number };

inspectDocument(bytes, { filename, maxBytes, onProgress: (progress) => parentPort!.postMessage({ progress }) })
  .then((result) => {
    parentPort!.postMessage({ result });
  })
  .catch((error: unknown) => {
    const documentError = toDocumentError(error);
    if (!documentError.isExpected) console.error('[inspect] unexpected failure:', documentError.details ?? documentError.message);
    parentPort!.postMessage({ error: { name: 'DocumentError', message: documentError.message, code: documentError.code, isExpected: documentError.isExpected } });
  });
