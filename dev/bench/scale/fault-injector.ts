import { setTimeout as sleep } from 'node:timers/promises';
import type { TScaleProcess, TScaleStack } from '@/dev/stack/scale/start-scale-stack';

/**
 * The four faults of a scale run, one after another while orders are in flight: a web instance
 * and a worker SIGKILLed and started again, PgBouncer restarted, the object store refusing every
 * request for 10 s. Each is recorded with when it began and ended, and whether it was carried out.
 */
export type TFault = { name: string; startedAt: number; endedAt: number; isInjected: boolean; error?: string };

const REFUSE_OBJECT_STORE_MS = 10_000;

export function faultPlan(stack: TScaleStack): { name: string; run: () => Promise<void> }[] {
  const web = stack.web[0];
  const worker = stack.workers.at(-1)!;
  const killAndStart = async (process: TScaleProcess, signal: NodeJS.Signals, downMs: number) => {
    await process.kill(signal);
    await sleep(downMs);
    await process.start();
  };
  return [
    { name: `SIGKILL web instance ${web.name}, then start it`, run: () => killAndStart(web, 'SIGKILL', 1_000) },
    { name: `SIGKILL worker ${worker.name}, then start it`, run: () => killAndStart(worker, 'SIGKILL', 1_000) },
    { name: 'restart PgBouncer', run: () => killAndStart(stack.pgbouncer, 'SIGTERM', 0) },
    { name: `object store refuses requests for ${REFUSE_OBJECT_STORE_MS / 1000} s`, run: () => stack.refuseObjectStore(REFUSE_OBJECT_STORE_MS) },
  ];
}

/** Runs the plan, each fault once `isDue(index)` says enough orders are in flight, with a pause between. */
export async function injectFaults(stack: TScaleStack, options: { isDue: (index: number) => boolean; gapMs: number; log: (line: string) => void }): Promise<TFault[]> {
  const done: TFault[] = [];
  for (const [index, fault] of faultPlan(stack).entries()) {
    while (!options.isDue(index)) await sleep(200);
    const startedAt = Date.now();
    options.log(`fault: ${fault.name}`);
    try {
      await fault.run();
      done.push({ name: fault.name, startedAt, endedAt: Date.now(), isInjected: true });
    } catch (error) {
      done.push({ name: fault.name, startedAt, endedAt: Date.now(), isInjected: false, error: (error as Error).message });
    }
    options.log(`fault over after ${((Date.now() - startedAt) / 1000).toFixed(1)} s: ${fault.name}`);
    await sleep(options.gapMs);
  }
  return done;
}
