import { claimPrintersForDispatch, dbDispatchStore } from '@/lib/dispatch/db-dispatch-store';
import { dispatchPrinter } from '@/lib/dispatch/dispatch-printer';
import { ippPrinterPort } from '@/lib/dispatch/printer-port';
import type { TPrinterNetwork } from '@/lib/ipp/printer-address-policy';
import type { TDispatchPrinter, TDispatchStore } from '@/lib/dispatch/dispatch-types';
import { runLoop, type TIdleWait } from '../run-loop';
import type { TPrintSettings } from '@/lib/config/print-settings';

/** Printers one worker drives at most; more workers share a larger fleet. */
const MAX_PRINTERS_PER_WORKER = 100;

/**
 * Keeps a dispatcher running for every printer this worker holds the lease of: claims the
 * printers that have work and a free (or expired) lease, and runs dispatchPrinter for each
 * until it runs out of work and gives the lease back. `claim` and `store` are the database's
 * in the cloud and the agent API's in agent mode.
 */
export function runDispatchLoop(options: {
  name: string;
  signal: AbortSignal;
  settings: TPrintSettings;
  claim: (limit: number) => Promise<TDispatchPrinter[]>;
  store: TDispatchStore;
  /** `cloud`: printer addresses pass the address policy; `shop-network`: the agent's own printers. */
  network: TPrinterNetwork;
  /** Woken early by new work (the cloud worker's LISTEN); plain polling without it. */
  idleWait?: TIdleWait;
}): Promise<void> {
  const dispatch = options.settings.dispatch;
  const running = new Map<string, Promise<void>>();
  const loop = runLoop(options.name, {
    signal: options.signal,
    idleMs: options.settings.pollMs,
    idleWait: options.idleWait,
    tick: async () => {
      const claimed = await options.claim(MAX_PRINTERS_PER_WORKER - running.size);
      for (const printer of claimed) {
        const previous = running.get(printer.id) ?? Promise.resolve();
        const task = previous
          .then(() =>
            dispatchPrinter(
              printer,
              options.store,
              options.signal,
              dispatch,
              ippPrinterPort(printer.uri, { requestMs: dispatch.requestTimeoutMs, documentMs: dispatch.documentTimeoutMs }, options.network),
            ),
          )
          .catch((error: unknown) => console.error(`[${options.name}] printer ${printer.name}:`, error))
          .finally(() => {
            if (running.get(printer.id) === task) running.delete(printer.id);
          });
        running.set(printer.id, task);
      }
      return claimed.length > 0;
    },
  });
  return loop.then(async () => {
    await Promise.allSettled(running.values());
  });
}

/** The cloud worker's dispatchers: every printer the cloud reaches itself (not through an agent). */
export function runPrintDispatcher(signal: AbortSignal, workerId: string, settings: TPrintSettings, idleWait?: TIdleWait): Promise<void> {
  const leaseMs = settings.dispatchLeaseMs;
  return runDispatchLoop({
    name: 'print-dispatcher',
    signal,
    settings,
    claim: (limit) => claimPrintersForDispatch(workerId, { leaseMs, limit }),
    store: dbDispatchStore(workerId, { leaseMs, backoff: settings.backoff, renderTimeoutMs: settings.conversionTimeoutMs }),
    network: 'cloud',
    idleWait,
  });
}
