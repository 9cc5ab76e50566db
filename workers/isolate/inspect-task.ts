/**
 * Child-process entry for document inspection (see process-pool.ts): inspects the bytes of
 * one message at a time and posts progress, then the inspection or a DocumentError's code
 * and message.
 */
import { inspectDocument, type TDocumentInspection } from '@/lib/documents/inspect-document';
import type { TOfficeConversionOptions } from '@/lib/documents/normalise/convert-office-to-pdf';
import { answer, answerError, taskPort } from './task-port';

export type TInspectInput = { bytes: Uint8Array; filename: string; maxBytes: number; office?: TOfficeConversionOptions };
export type TInspectResult = TDocumentInspection;

const port = taskPort('inspect');

port.onMessage(({ id, input }: { id: number; input: TInspectInput }) => {
  inspectDocument(input.bytes, { filename: input.filename, maxBytes: input.maxBytes, office: input.office, onProgress: (progress) => port.postMessage({ id, progress }) })
    .then((result) => answer(port, id, result))
    .catch((error: unknown) => answerError(port, id, error, 'inspect'));
});

port.postMessage({ ready: true });
