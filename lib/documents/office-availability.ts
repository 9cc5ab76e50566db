import { DEFAULT_OFFICE_MEMORY_BYTES, findOfficeCommand } from './normalise/convert-office-to-pdf';
import { runProcess } from './run-process';

export type TOfficeAvailability = { isAvailable: boolean; version: string | null };

let check: Promise<TOfficeAvailability> | undefined;

/**
 * Whether this deployment converts Office documents, decided once per process (the web app
 * asks at start): the file picker offers Office types and uploads accept them only then.
 */
export function officeAvailability(): Promise<TOfficeAvailability> {
  return (check ??= probeOffice());
}

/**
 * Runs `soffice --version` the way conversions run it (allow-listed environment, limits): found
 * on PATH is not enough, a half-installed LibreOffice fails to start.
 */
export async function probeOffice(searchPath?: string): Promise<TOfficeAvailability> {
  const command = await findOfficeCommand(searchPath);
  if (!command) return { isAvailable: false, version: null };
  try {
    const result = await runProcess(command, ['--version'], { timeoutMs: 30_000, maxStdoutBytes: 64 * 1024, limits: { addressSpaceBytes: Infinity, dataBytes: DEFAULT_OFFICE_MEMORY_BYTES } });
    const version = /LibreOffice \d[\d.]*/.exec(result.stdout.toString('utf8'))?.[0] ?? null;
    return { isAvailable: result.exitCode === 0 && version !== null, version };
  } catch {
    return { isAvailable: false, version: null };
  }
}
