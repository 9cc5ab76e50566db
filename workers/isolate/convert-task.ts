/**
 * Child-process entry for print conversion (see process-pool.ts): runs the filter pipeline
 * for one job and printer per message, posting page progress, then the output or a
 * DocumentError's code and message.
 */
import type { TPrinterOutputCaps } from '@/lib/convert/choose-output';
import { runPipeline, type TPipelineDocument, type TPipelineResult } from '@/lib/convert/run-pipeline';
import type { TJobOptions } from '@/lib/job-options/job-options';
import { answer, answerError, taskPort } from './task-port';

export type TConvertInput = { documents: TPipelineDocument[]; options: TJobOptions; printer: TPrinterOutputCaps; maxOutputBytes?: number };
export type TConvertResult = Omit<TPipelineResult, 'data'> & { data: Uint8Array };

const port = taskPort('convert');

port.onMessage(({ id, input }: { id: number; input: TConvertInput }) => {
  runPipeline(input.documents, input.options, input.printer, {
    maxOutputBytes: input.maxOutputBytes,
    onProgress: (progress) => port.postMessage({ id, progress }),
  })
    .then((result) => answer(port, id, { ...result, data: result.data } satisfies TConvertResult))
    .catch((error: unknown) => answerError(port, id, error, 'convert'));
});

port.postMessage({ ready: true });
