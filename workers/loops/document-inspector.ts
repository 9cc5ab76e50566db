import path from 'node:path';
import { env } from '@/lib/config/env';
import { isolationSettings, type TIsolationSettings } from '@/lib/config/isolation-settings';
import { claimDocumentForInspection, completeInspection, failInspection, INSPECTION_LEASE_MS, renewInspectionLease, reportInspectionProgress } from '@/lib/documents/inspection-queue';
import type { TOfficeConversionOptions } from '@/lib/documents/normalise/convert-office-to-pdf';
import { documentStore } from '@/lib/documents/storage/app-document-store';
import type { TInspectInput, TInspectResult } from '../isolate/inspect-task';
import { IsolatedTaskError } from '../isolate/isolated-task-error';
import { createProcessPool, type TChildLimits, type TTaskPool } from '../isolate/process-pool';
import { runLoop, type TIdleWait } from '../run-loop';

const PROGRESS_EVERY_MS = 500;
/** V8 heap of an inspection child, in MB (within its memory limit). */
const INSPECTION_HEAP_MB = 1536;

/** What the customer reads when the child reading their file was stopped. */
export const ISOLATED_FAILURE_MESSAGES: Record<IsolatedTaskError['reason'], string> = {
  out_of_memory:
    'This file needs more memory to open than we allow for one file (it may be compressed to hide its real size). Save it again as a standard PDF or a smaller image, or split it, and upload it again.',
  cpu_limit: 'This file took too long to read. Try a smaller or simpler file.',
  timeout: 'This file took too long to read. Try a smaller or simpler file.',
  crashed: 'This file is too complex to read safely. Try saving it again as a standard PDF.',
};

/** The OS limits of one inspection child, from the settings. */
export function inspectionLimits(settings: TIsolationSettings = isolationSettings()): TChildLimits {
  return {
    memoryBytes: settings.memoryMb * 1024 ** 2,
    heapLimitMb: Math.min(INSPECTION_HEAP_MB, settings.memoryMb - 256),
    cpuSeconds: Math.ceil(settings.inspectionTimeoutMs / 1000),
    openFiles: settings.openFiles,
  };
}

/**
 * How LibreOffice converts an Office upload inside the inspection child: its own time limit,
 * the child's memory limit, and reusable profiles under DATA_DIR (one conversion per profile).
 */
export function officeConversionOptions(settings: TIsolationSettings = isolationSettings()): TOfficeConversionOptions {
  return { timeoutMs: settings.officeTimeoutMs, memoryBytes: settings.memoryMb * 1024 ** 2, profileRoot: path.resolve(env().DATA_DIR, 'office-profiles') };
}

export type TInspectionPool = TTaskPool<TInspectInput, TInspectResult, { pagesDone: number }>;

/**
 * A fresh child process for every document (a warm pool starts the next one while this one is
 * read): the CPU limit is per process, and nothing one file left behind meets the next.
 */
export function createInspectionPool(limits: TChildLimits = inspectionLimits(), options: { isWarm?: boolean } = {}): TInspectionPool {
  return createProcessPool({ moduleUrl: new URL('../isolate/inspect-task.ts', import.meta.url), size: 1, limits, maxTasksPerChild: 1, isWarm: options.isWarm });
}

let defaultPool: TInspectionPool | undefined;

/** Inspects one document in an isolated child process; true when there was one to inspect. */
export async function inspectNextDocument(workerId: string, pool: TInspectionPool = (defaultPool ??= createInspectionPool(inspectionLimits(), { isWarm: false }))): Promise<boolean> {
  const document = await claimDocumentForInspection(workerId);
  if (!document) return false;
  let lastReport = 0;
  const heartbeat = setInterval(() => void renewInspectionLease(document.id, workerId).catch(() => undefined), INSPECTION_LEASE_MS / 3);
  try {
    const bytes = await documentStore().get(document.storageKey);
    const inspection = await pool.run(
      { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), filename: document.filename, maxBytes: env().UPLOAD_MAX_BYTES, office: officeConversionOptions() },
      {
        timeoutMs: isolationSettings().inspectionTimeoutMs,
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
      console.error(`[inspector] ${document.id}: ${error.message}`);
      // A limit the file ran into is the file's doing: final at once. A crash may be ours: retried.
      await failInspection(document, workerId, { code: error.reason, message: ISOLATED_FAILURE_MESSAGES[error.reason], isExpected: error.reason !== 'crashed' });
    } else {
      const e = error as { code?: string; message: string; isExpected?: boolean };
      if (!e.isExpected) console.error(`[inspector] ${document.id} failed:`, error);
      await failInspection(document, workerId, {
        code: e.code ?? 'conversion_failed',
        message: e.isExpected ? e.message : 'We could not read this file. Try exporting it again as PDF.',
        isExpected: !!e.isExpected,
      });
    }
  } finally {
    clearInterval(heartbeat);
  }
  return true;
}

export function runDocumentInspector(signal: AbortSignal, workerId: string, pool: TInspectionPool, idleWait?: TIdleWait): Promise<void> {
  return runLoop('document-inspector', { signal, idleMs: 500, idleWait, tick: () => inspectNextDocument(workerId, pool) });
}
