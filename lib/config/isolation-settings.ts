import { z } from 'zod';
import { parseEnv, processEnv, type TEnvSource } from './parse-env';

export const ZIsolationEnv = z.object({
  /**
   * Memory one inspection child process may write to, in MB (RLIMIT_DATA: heap, ArrayBuffers,
   * native buffers; not V8's untouched address-space reservations). Conversion has its own,
   * PRINT_CONVERSION_MEMORY_MB.
   */
  ISOLATION_MEMORY_MB: z.coerce.number().int().min(256).default(2048),
  /** Files one such child may have open at once (RLIMIT_NOFILE). */
  ISOLATION_OPEN_FILES: z.coerce.number().int().min(32).default(256),
  /** Longest the inspection of one upload may take, in ms; also its CPU-time limit (RLIMIT_CPU). */
  INSPECTION_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(10 * 60_000),
  /** Longest LibreOffice may take to convert one Office upload to PDF, in ms (within the inspection's time). */
  OFFICE_CONVERSION_TIMEOUT_MS: z.coerce.number().int().min(100).default(120_000),
});

/** OS limits for a child process that reads customers' files (see workers/isolate/process-pool.ts). */
export type TIsolationSettings = { memoryMb: number; openFiles: number; inspectionTimeoutMs: number; officeTimeoutMs: number };

export function isolationSettings(source: TEnvSource = processEnv()): TIsolationSettings {
  const parsed = parseEnv(ZIsolationEnv, source);
  return { memoryMb: parsed.ISOLATION_MEMORY_MB, openFiles: parsed.ISOLATION_OPEN_FILES, inspectionTimeoutMs: parsed.INSPECTION_TIMEOUT_MS, officeTimeoutMs: parsed.OFFICE_CONVERSION_TIMEOUT_MS };
}
