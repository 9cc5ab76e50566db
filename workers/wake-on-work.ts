import postgres from 'postgres';
import { rawSql } from '@/db/client';
import { env } from '@/lib/config/env';
import { WORK_CHANNEL } from '@/lib/events/work-signal';
import type { TIdleWait } from './run-loop';

/**
 * LISTENs for work announcements (lib/events/work-signal.ts) on a connection of its own and
 * wakes every idle loop at once, so a job paid a moment ago is claimed in milliseconds, not
 * at the next poll. If LISTEN is not available (the embedded PGlite server), loops just poll.
 * A reconnect after a dropped connection is postgres.js's; a notice missed meanwhile is
 * picked up by the next poll.
 *
 * Behind PgBouncer in transaction mode a LISTEN would be accepted and then go deaf (the
 * server connection it ran on goes back to the pool), so DATABASE_LISTEN_URL, when set,
 * takes this one connection straight to PostgreSQL; everything else stays on DATABASE_URL.
 */
export async function listenForWork(): Promise<{ wait: TIdleWait; stop: () => Promise<void> }> {
  const sleepers = new Set<() => void>();
  const wakeAll = () => {
    for (const wake of [...sleepers]) wake();
  };
  const listenUrl = env().DATABASE_LISTEN_URL;
  // postgres.js opens a dedicated connection for listen(); max 1 keeps this client to that one.
  const direct = listenUrl ? postgres(listenUrl, { max: 1, onnotice: () => {}, connection: { application_name: 'nearprint-listen' } }) : undefined;
  let unlisten: (() => Promise<void>) | undefined;
  try {
    const listening = await (direct ?? rawSql()).listen(WORK_CHANNEL, wakeAll);
    unlisten = listening.unlisten;
  } catch (error) {
    console.warn(`[worker] LISTEN ${WORK_CHANNEL} is not available (${(error as Error).message}); polling only.`);
  }
  const wait: TIdleWait = (ms, signal) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        sleepers.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      sleepers.add(done);
      signal.addEventListener('abort', done, { once: true });
    });
  return {
    wait,
    stop: async () => {
      await unlisten?.().catch(() => undefined);
      await direct?.end({ timeout: 5 }).catch(() => undefined);
    },
  };
}
