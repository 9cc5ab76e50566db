import { DEFAULT_OFFICE_MEMORY_BYTES, findOfficeCommand } from './normalise/convert-office-to-pdf';
import { runProcess } from './run-process';

export type TOfficeAvailability = { isAvailable: boolean; version: string | null };

/**
 * How long "not available" is believed before asking again: the demo installs LibreOffice in the
 * background while the app already runs (dev/system-deps.sh), and the picker should offer Office
 * files within a minute of it finishing, without a restart. Once it runs, the answer is kept.
 */
export const OFFICE_RECHECK_MS = 30_000;

/**
 * A cached probe: a "yes" is kept for the life of the process, a "no" for `recheckMs`, after
 * which the next caller probes again (one probe at a time; callers meanwhile get the last answer).
 */
export function cachedOfficeAvailability(probe: () => Promise<TOfficeAvailability>, options: { recheckMs?: number; now?: () => number } = {}): () => Promise<TOfficeAvailability> {
  const recheckMs = options.recheckMs ?? OFFICE_RECHECK_MS;
  const now = options.now ?? Date.now;
  let current: { answer: Promise<TOfficeAvailability>; at: number; settled: TOfficeAvailability | null } | undefined;
  const start = () => {
    const entry: NonNullable<typeof current> = { answer: probe(), at: now(), settled: null };
    void entry.answer.then((result) => (entry.settled = result)).catch(() => undefined);
    return entry;
  };
  return () => {
    if (!current) current = start();
    else if (current.settled && !current.settled.isAvailable && now() - current.at >= recheckMs) {
      const previous = current.settled;
      current = start();
      // The caller after the interval gets a fresh answer; it costs one `soffice --version` at most.
      return current.answer.catch(() => previous);
    }
    return current.answer;
  };
}

const check = cachedOfficeAvailability(() => probeOffice());

/**
 * Whether this deployment converts Office documents (the web app asks at start, then on every
 * page with a file picker and every upload): the file picker offers Office types and uploads
 * accept them only then. Re-checked while the answer is no, so a LibreOffice installed while
 * the app runs is noticed without a restart.
 */
export function officeAvailability(): Promise<TOfficeAvailability> {
  return check();
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
