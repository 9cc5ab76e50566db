import { sql } from 'drizzle-orm';
import type { TDatabase } from '@/db/client';

/** The PostgreSQL channel idle workers LISTEN on (workers/wake-on-work.ts). */
export const WORK_CHANNEL = 'nearprint_work';

/** What became ready: a print job to convert or send, or a document to inspect. */
export type TWorkKind = 'job' | 'document';

/**
 * Tells idle workers there is new work, so a paid job starts within milliseconds instead of
 * at the next poll. NOTIFY is transactional: sent when the caller's transaction commits, never
 * for work that was rolled back. Polling stays the fallback (a worker that missed it, PGlite).
 */
export async function signalWork(executor: Pick<TDatabase, 'execute'>, kind: TWorkKind): Promise<void> {
  await executor.execute(sql`select pg_notify(${WORK_CHANNEL}, ${kind})`);
}
