/**
 * Task module for document inspection (see process-pool.ts): inspects the bytes of one
 * message at a time and posts progress, then the inspection or a DocumentError's code and message.
 */
import { toDocumentError } from '@/lib/documents/document-error';
import { inspectDocument, type TDocumentInspection } from '@/lib/documents/inspect-document';
import { taskPort } from './task-port';

export type TInspectInput = { bytes: Uint8Array; filename: string; maxBytes: number };
export type TInspectResult = TDocumentInspection;

const port = taskPort();

port.onMessage(({ id, input }: { id: number; input: TInspectInput }) => {
  inspectDocument(input.bytes, { filename: input.filename, maxBytes: input.maxBytes, onProgress: (progress) => port.postMessage({ id, progress }) })
    .then((result) => port.postMessage({ id, result }))
    .catch((error: unknown) => {
      const documentError = toDocumentError(error);
      if (!documentError.isExpected) console.error('[inspect] unexpected failure:', documentError.details ?? documentError.message);
      port.postMessage({ id, error: { name: 'DocumentError', message: documentError.message, code: documentError.code, isExpected: documentError.isExpected } });
    });
});

port.postMessage({ ready: true });
