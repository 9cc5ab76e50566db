/**
 * Task module for print conversion (see process-pool.ts): runs the filter pipeline for one
 * job and printer per message, posting page progress, then the output or a DocumentError's
 * code and message.
 */
import type { TPrinterOutputCaps } from '@/lib/convert/choose-output';
import { toDocumentError } from '@/lib/documents/document-error';
import { runPipeline, type TPipelineDocument, type TPipelineResult } from '@/lib/convert/run-pipeline';
import type { TJobOptions } from '@/lib/job-options/job-options';
import { taskPort } from './task-port';

export type TConvertInput = { documents: TPipelineDocument[]; options: TJobOptions; printer: TPrinterOutputCaps; maxOutputBytes?: number };
export type TConvertResult = Omit<TPipelineResult, 'data'> & { data: Uint8Array };

const port = taskPort();

port.onMessage(({ id, input }: { id: number; input: TConvertInput }) => {
  runPipeline(input.documents, input.options, input.printer, {
    maxOutputBytes: input.maxOutputBytes,
    onProgress: (progress) => port.postMessage({ id, progress }),
  })
    .then((result) => {
      port.postMessage({ id, result: { ...result, data: result.data } satisfies TConvertResult });
    })
    .catch((error: unknown) => {
      const documentError = toDocumentError(error);
      if (!documentError.isExpected) console.error('[convert] unexpected failure:', documentError.details ?? documentError.message);
      port.postMessage({ id, error: { name: 'DocumentError', message: documentError.message, code: documentError.code, isExpected: documentError.isExpected } });
    });
});

port.postMessage({ ready: true });
