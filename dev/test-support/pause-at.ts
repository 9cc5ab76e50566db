import { setPauseHandler } from '@/lib/pause-points/pause-point';

export type TPause = {
  /** Resolves when the code under test reaches the point (and waits there). */
  reached: Promise<void>;
  /** Lets the code go on. */
  release(): void;
};

type THeld = { name: string; isUsed: boolean; markReached: () => void; released: Promise<void> };

const held: THeld[] = [];

async function handle(point: string): Promise<void> {
  const pause = held.find((p) => p.name === point && !p.isUsed);
  if (!pause) return;
  pause.isUsed = true;
  pause.markReached();
  await pause.released;
}

/**
 * Holds the first arrival at pause point `name` until released; other points, and later
 * arrivals at the same point, pass straight through. Several points may be held at once (one
 * pauseAt each); pausing the same name twice holds its first two arrivals, one each. Call
 * `clearPauses()` after the test.
 */
export function pauseAt(name: string): TPause {
  let markReached!: () => void;
  let release!: () => void;
  const reached = new Promise<void>((resolve) => (markReached = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  held.push({ name, isUsed: false, markReached, released });
  setPauseHandler(handle);
  return { reached, release };
}

/** Forgets every pause (those still waiting are not released: release them first). */
export function clearPauses(): void {
  held.length = 0;
  setPauseHandler(null);
}
