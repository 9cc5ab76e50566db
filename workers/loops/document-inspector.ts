import { env } from '@/lib/config/env';
import { claimDocumentForInspection, completeInspection, failInspection, reportInspectionProgress } from '@/lib/documents/inspection-queue';
import { documentStore } from '@/lib/documents/storage/app-document-store';
import type { TInspectInput, TInspectResult } from '../isolate/inspect-task';
import { createProcessPool, type TChildLimits, type TTaskPool } from '../isolate/process-pool';
import { IsolatedTaskError } from '../isolate/isolated-task-error';
import { runLoop } from '../run-loop';

const TIMEOUT_MS = 10 * 60_000;
const PROGRESS_EVERY_MS = 500;

/**
 * What one inspection may use: the JS heap, the whole process's address space (ArrayBuffers a
 * decompression bomb inflates into count here, which a heap limit alone misses), CPU seconds
 * and open files. Ghostscript and qpdf started from it get at most the same.
 */
export const INSPECTION_LIMITS: TChildLimits = { heapLimitMb: 1536, addressSpaceBytes: 4 * 1024 ** 3, cpuSeconds: TIMEOUT_MS / 1000, openFiles: 256 };

export type TInspectionPool = TTaskPool<TInspectInput, TInspectResult, { pagesDone: number }>;

export function createInspectionPool(limits: TChildLimits = INSPECTION_LIMITS, options: { isWarm?: boolean } = {}): TInspectionPool {
  // A fresh process for every document (the next one starts while this one is read): the
  // CPU limit is per process, and nothing one file left behind meets the next.
  return createProcessPool({ moduleUrl: new URL('../isolate/inspect-task.ts', import.meta.url), size: 1, limits, maxTasksPerChild: 1, isWarm: options.isWarm });
}

let defaultPool: TInspectionPool | undefined;

/** Inspects one document in an isolated child process; true when there was one to inspect. */
export async function inspectNextDocument(workerId: string, pool: TInspectionPool = (defaultPool ??= createInspectionPool(INSPECTION_LIMITS, { isWarm: false }))): Promise<boolean> {
  const document = await claimDocumentForInspection(workerId);
  if (!document) return false;
  let lastReport = 0;
  try {
    const bytes = await documentStore().get(document.storageKey);
    const inspection = await pool.run(
      { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), filename: document.filename, maxBytes: env().UPLOAD_MAX_BYTES },
      {
        timeoutMs: TIMEOUT_MS,
        onProgress: ({ pagesDone }) => {
          if (Date.now() - lastReport < PROGRESS_EVERY_MS) return;
          lastReport = Date.now();
          void reportInspectionProgress(document.id, workerId, pagesDone).catch(() => undefined);
        },
      },
    );
    await completeInspection(document, workerId, inspection);
  } catch (error) {
    if (error instanceof IsolatedTaskError) {
      const message =
        error.reason === 'timeout'
          ? 'This file took too long to read. Try a smaller or simpler file.'
          : error.reason === 'crashed'
            ? 'This file is too complex to read safely. Try saving it again as a standard PDF.'
            : 'This file needs more memory or time to read than we allow for one file (it may be a decompression bomb). Try saving it again as a standard PDF.';
      if (error.reason !== 'timeout') console.error(`[inspector] ${document.id}: ${error.message}`);
      await failInspection(document, workerId, { code: error.reason, message, isExpected: error.reason !== 'crashed' });
    } else {
      const e = error as { code?: string; message: string; isExpected?: boolean };
      if (!e.isExpected) console.error(`[inspector] ${document.id} failed:`, error);
      await failInspection(document, workerId, {
        code: e.code ?? 'conversion_failed',
        message: e.isExpected ? e.message : 'We could not read this file. Try exporting it again as PDF.',
        isExpected: !!e.isExpected,
      });
    }
  }
  return true;
}

export function runDocumentInspector(signal: AbortSignal, workerId: string, pool: TInspectionPool): Promise<void> {
  return runLoop('document-inspector', { signal, idleMs: 500, tick: () => inspectNextDocument(workerId, pool) });
}
