import { and, eq, gt, isNotNull, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { workerCapabilities } from '@/db/schema';
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

/** How often a worker says what it can do, and how long that is believed without a renewal. */
export const CAPABILITIES_EVERY_MS = 15_000;
export const CAPABILITIES_TTL_MS = 3 * CAPABILITIES_EVERY_MS;

/** Whether LibreOffice runs on this host: the worker asks before each renewal (cached, see above). */
export const localOfficeAvailability = cachedOfficeAvailability(() => probeOffice());

/** A worker's renewal of what it can do (and that it runs). */
export async function recordWorkerCapabilities(workerId: string, office: TOfficeAvailability): Promise<void> {
  const officeVersion = office.isAvailable ? office.version : null;
  await db
    .insert(workerCapabilities)
    .values({ workerId, officeVersion })
    .onConflictDoUpdate({ target: workerCapabilities.workerId, set: { officeVersion, seenAt: sql`now()` } });
}

/** A worker stopping: it converts nothing more. */
export async function forgetWorker(workerId: string): Promise<void> {
  await db.delete(workerCapabilities).where(eq(workerCapabilities.workerId, workerId));
}

/**
 * Whether this deployment converts Office documents now: some running worker (renewed within
 * CAPABILITIES_TTL_MS) has LibreOffice. The file picker offers Office types and uploads accept
 * them only then. Asked of the database, not of this host: the web app may run where LibreOffice
 * does not, and a LibreOffice installed while the workers run is noticed within a renewal.
 */
export async function officeAvailability(): Promise<TOfficeAvailability> {
  const [row] = await db
    .select({ version: workerCapabilities.officeVersion })
    .from(workerCapabilities)
    .where(and(isNotNull(workerCapabilities.officeVersion), gt(workerCapabilities.seenAt, sql`now() - make_interval(secs => ${CAPABILITIES_TTL_MS / 1000})`)))
    .limit(1);
  return { isAvailable: !!row, version: row?.version ?? null };
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
