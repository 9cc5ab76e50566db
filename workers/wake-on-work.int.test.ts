import { afterAll, describe, expect, it } from 'vitest';
import { closeDb, db } from '@/db/client';
import { signalWork } from '@/lib/events/work-signal';
import { listenForWork } from './wake-on-work';

afterAll(async () => {
  await closeDb();
});

/** Waits as an idle loop does, with a poll far longer than any test: how it ended, and when. */
function idleFor(wait: (ms: number, signal: AbortSignal) => Promise<void>, ms: number) {
  const controller = new AbortController();
  const started = Date.now();
  let endedAfterMs: number | null = null;
  const done = wait(ms, controller.signal).then(() => {
    endedAfterMs = Date.now() - started;
  });
  return { done, endedAfterMs: () => endedAfterMs, stop: () => controller.abort() };
}

describe('waking idle workers on new work', () => {
  it('a committed announcement wakes every idle loop long before its poll, a rolled-back one wakes none', async () => {
    const work = await listenForWork();
    try {
      const loops = [idleFor(work.wait, 120_000), idleFor(work.wait, 120_000)];
      // Work that was rolled back was never there.
      await db
        .transaction(async (tx) => {
          await signalWork(tx, 'job');
          throw new Error('roll back');
        })
        .catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(loops.map((loop) => loop.endedAfterMs())).toEqual([null, null]);

      await db.transaction((tx) => signalWork(tx, 'job'));
      await Promise.race([Promise.all(loops.map((loop) => loop.done)), new Promise((resolve) => setTimeout(resolve, 30_000))]);
      for (const loop of loops) {
        expect(loop.endedAfterMs()).not.toBeNull();
        loop.stop();
      }
    } finally {
      await work.stop();
    }
  });
});
