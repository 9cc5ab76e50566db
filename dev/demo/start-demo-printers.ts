import { startPrinter, type TPrinterHandle } from '@/dev/printers/start-printer';
import type { TDemoPrinter } from './demo-fleet';

export type TRunningDemoPrinter = TDemoPrinter & { handle: TPrinterHandle };

/** Starts the demo fleet a few at a time (each waits until its printer answers IPP). */
export async function startDemoPrinters(fleet: TDemoPrinter[], concurrency = 8): Promise<TRunningDemoPrinter[]> {
  const running: TRunningDemoPrinter[] = [];
  const queue = [...fleet];
  const startNext = async (): Promise<void> => {
    const next = queue.shift();
    if (!next) return;
    running.push({ ...next, handle: await startPrinter(next.spec) });
    await startNext();
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, startNext));
  } catch (error) {
    await Promise.allSettled(running.map((p) => p.handle.stop()));
    throw error;
  }
  return running;
}
