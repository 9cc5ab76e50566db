import { rawSql } from '@/db/client';
import { WORK_CHANNEL } from '@/lib/events/work-signal';
import type { TIdleWait } from './run-loop';

/**
 * LISTENs for work announcements (lib/events/work-signal.ts) on a connection of its own and
 * wakes every idle loop at once, so a job paid a moment ago is claimed in milliseconds, not
 * at the next poll. If LISTEN is not available (the embedded PGlite server), loops just poll.
 * A reconnect after a dropped connection is postgres.js's; a notice missed meanwhile is
 * picked up by the next poll.
 */
export async function listenForWork(): Promise<{ wait: TIdleWait; stop: () => Promise<void> }> {
  const sleepers = new Set<() => void>();
  const wakeAll = () => {
    for (const wake of [...sleepers]) wake();
  };
  let unlisten: (() => Promise<void>) | undefined;
  try {
    const listening = await rawSql().listen(WORK_CHANNEL, wakeAll);
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
  return { wait, stop: async () => void (await unlisten?.().catch(() => undefined)) };
}
