import { env } from '@/lib/config/env';
import type { TDocumentInspection } from '@/lib/documents/inspect-document';
import { claimDocumentForInspection, completeInspection, failInspection, reportInspectionProgress } from '@/lib/documents/inspection-queue';
import { documentStore } from '@/lib/documents/storage/app-document-store';
import { IsolatedTaskError, runInThread } from '../isolate/run-in-thread';
import { runLoop } from '../run-loop';

const HEAP_LIMIT_MB = 1536;
const TIMEOUT_MS = 10 * 60_000;
const PROGRESS_EVERY_MS = 500;

/** Inspects one document in an isolated thread; true when there was one to inspect. */
export async function inspectNextDocument(workerId: string): Promise<boolean> {
  const document = await claimDocumentForInspection(workerId);
  if (!document) return false;
  let lastReport = 0;
  try {
    const bytes = await documentStore().get(document.storageKey);
    const inspection = await runInThread<{ bytes: Uint8Array; filename: string; maxBytes: number }, TDocumentInspection, { pagesDone: number }>({
      moduleUrl: new URL('../isolate/inspect-task.ts', import.meta.url),
      input: { bytes: new Uint8Array(bytes), filename: document.filename, maxBytes: env().UPLOAD_MAX_BYTES },
      heapLimitMb: HEAP_LIMIT_MB,
      timeoutMs: TIMEOUT_MS,
      onProgress: ({ pagesDone }) => {
        if (Date.now() - lastReport < PROGRESS_EVERY_MS) return;
        lastReport = Date.now();
        void reportInspectionProgress(document.id, workerId, pagesDone).catch(() => undefined);
      },
    });
    await completeInspection(document, workerId, inspection);
  } catch (error) {
    if (error instanceof IsolatedTaskError) {
      const message =
        error.reason === 'timeout' ? 'This file took too long to read. Try a smaller or simpler file.' : 'This file is too complex to read safely. Try saving it again as a standard PDF.';
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

export function runDocumentInspector(signal: AbortSignal, workerId: string): Promise<void> {
  return runLoop('document-inspector', { signal, idleMs: 500, tick: () => inspectNextDocument(workerId) });
}
