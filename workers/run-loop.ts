/**
 * Runs `tick` again and again until the signal aborts, waiting `idleMs` whenever a round
 * found nothing to do. A failing round is logged and retried; it never kills the worker.
 */
export async function runLoop(name: string, options: { signal: AbortSignal; idleMs: number; tick: () => Promise<boolean> }): Promise<void> {
  while (!options.signal.aborted) {
    let didWork = false;
    try {
      didWork = await options.tick();
    } catch (error) {
      console.error(`[${name}] round failed:`, error);
    }
    if (!didWork && !options.signal.aborted) await sleep(options.idleMs, options.signal);
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
