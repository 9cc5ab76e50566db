/** How an idle loop waits: until its poll interval is up, or sooner when work is announced (workers/wake-on-work.ts). */
export type TIdleWait = (ms: number, signal: AbortSignal) => Promise<void>;

/**
 * Runs `tick` again and again until the signal aborts, waiting `idleMs` whenever a round
 * found nothing to do (or less, when `idleWait` is woken by new work). A failing round is
 * logged and retried; it never kills the worker.
 */
export async function runLoop(name: string, options: { signal: AbortSignal; idleMs: number; tick: () => Promise<boolean>; idleWait?: TIdleWait }): Promise<void> {
  const idleWait = options.idleWait ?? sleep;
  while (!options.signal.aborted) {
    let didWork = false;
    try {
      didWork = await options.tick();
    } catch (error) {
      console.error(`[${name}] round failed:`, error);
    }
    if (!didWork && !options.signal.aborted) await idleWait(options.idleMs, options.signal);
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
