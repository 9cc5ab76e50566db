/**
 * Child-process entry for print conversion (see process-pool.ts): runs the filter pipeline
 * for one job and printer per message, posting page progress, then where the output went
 * (its size; the bytes are in `outputPath`, never sent back over IPC) or a DocumentError's
 * code and message.
 */
import type { TPrinterOutputCaps } from '@/lib/convert/choose-output';
import { runPipelineToFile, type TPipelineDocument, type TPipelineFileResult } from '@/lib/convert/run-pipeline';
import type { TJobOptions } from '@/lib/job-options/job-options';
import { answer, answerError, taskPort } from './task-port';

export type TConvertInput = {
  documents: TPipelineDocument[];
  options: TJobOptions;
  printer: TPrinterOutputCaps;
  /** A file in the worker's scratch folder for this job; the worker removes it. */
  outputPath: string;
  maxOutputBytes?: number;
  /** Store a raster job's imposed PDF and render it as it is sent (cloud printers). */
  rasterAtSend?: boolean;
};
export type TConvertResult = TPipelineFileResult;

const port = taskPort('convert');

port.onMessage(({ id, input }: { id: number; input: TConvertInput }) => {
  runPipelineToFile(input.documents, input.options, input.printer, input.outputPath, {
    maxOutputBytes: input.maxOutputBytes,
    rasterAtSend: input.rasterAtSend,
    onProgress: (progress) => port.postMessage({ id, progress }),
  })
    .then((result) => answer(port, id, result satisfies TConvertResult))
    .catch((error: unknown) => answerError(port, id, error, 'convert'));
});

port.postMessage({ ready: true });
