/**
 * Thread entry for print conversion (see thread-pool.ts): runs the filter pipeline for one
 * job and printer per message, posting page progress, then the output (transferred, not
 * copied) or a DocumentError's code and message.
 */
import { parentPort } from 'node:worker_threads';
import type { TPrinterOutputCaps } from '@/lib/convert/choose-output';
import { toDocumentError } from '@/lib/documents/document-error';
import { runPipeline, type TPipelineDocument, type TPipelineResult } from '@/lib/convert/run-pipeline';
import type { TJobOptions } from '@/lib/job-options/job-options';

export type TConvertInput = { documents: TPipelineDocument[]; options: TJobOptions; printer: TPrinterOutputCaps; maxOutputBytes?: number };
export type TConvertResult = Omit<TPipelineResult, 'data'> & { data: Uint8Array };

const port = parentPort!;

port.on('message', ({ id, input }: { id: number; input: TConvertInput }) => {
  runPipeline(input.documents, input.options, input.printer, {
    maxOutputBytes: input.maxOutputBytes,
    onProgress: (progress) => port.postMessage({ id, progress }),
  })
    .then((result) => {
      const data = new Uint8Array(result.data.byteLength);
      data.set(result.data);
      port.postMessage({ id, result: { ...result, data } satisfies TConvertResult }, [data.buffer]);
    })
    .catch((error: unknown) => {
      const documentError = toDocumentError(error);
      if (!documentError.isExpected) console.error('[convert] unexpected failure:', documentError.details ?? documentError.message);
      port.postMessage({ id, error: { name: 'DocumentError', message: documentError.message, code: documentError.code, isExpected: documentError.isExpected } });
    });
});

port.postMessage({ ready: true });
