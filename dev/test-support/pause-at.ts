import { setPauseHandler } from '@/lib/pause-points/pause-point';

export type TPause = {
  /** Resolves when the code under test reaches the point (and waits there). */
  reached: Promise<void>;
  /** Lets the code go on. */
  release(): void;
};

/**
 * Holds the first arrival at pause point `name` until released; other points, and later
 * arrivals at the same point, pass straight through. Call `clearPauses()` after the test.
 */
export function pauseAt(name: string): TPause {
  let markReached!: () => void;
  let release!: () => void;
  const reached = new Promise<void>((resolve) => (markReached = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  let isUsed = false;
  setPauseHandler(async (point) => {
    if (point !== name || isUsed) return;
    isUsed = true;
    markReached();
    await released;
  });
  return { reached, release };
}

export function clearPauses(): void {
  setPauseHandler(null);
}
