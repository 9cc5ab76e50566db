import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { closeDb } from '@/db/client';
import type { TPrinterSpecInput } from '@/dev/printers/printer-spec';
import { startPrinter, type TPrinterHandle } from '@/dev/printers/start-printer';
import { startBillingStripe, type TBillingStripe } from '@/dev/test-support/billing-fixtures';
import { startPrintWorker } from '@/workers/testing/start-print-worker';
import { switchToTemporaryDocumentStore } from './print-fixtures';

export type TLivePrintStack = {
  /** The Stripe emulator the orders are paid on, with its webhook to this process. */
  live: TBillingStripe;
  /** The real IPP printers (ippeveprinter), in the order they were asked for. */
  printers: TPrinterHandle[];
  /** Where the printers spool, for printers a test starts itself. */
  spoolRoot: string;
  /** The real print worker (claims, converts, dispatches), unless the file asked for none. */
  worker: ReturnType<typeof startPrintWorker> | undefined;
};

/**
 * Registers the hooks that bring a file's live print stack up once and down at the end: a
 * temporary document store, the Stripe emulator, real IPP printers spooling into a temporary
 * directory, and the print worker. The returned object is filled in by `beforeAll`.
 */
export function registerLivePrintStack(options: { name: string; printers: ((spoolDir: string) => TPrinterSpecInput)[]; startWorker?: boolean }): TLivePrintStack {
  const stack = { printers: [] as TPrinterHandle[] } as unknown as TLivePrintStack;
  let storeRoot = '';
  let spoolRoot = '';
  beforeAll(async () => {
    process.env.AUTH_SECRET ??= 'integration-test-secret-integration-test-secret';
    storeRoot = await switchToTemporaryDocumentStore();
    stack.live = await startBillingStripe();
    stack.spoolRoot = spoolRoot = await fs.mkdtemp(path.join(os.tmpdir(), `nearprint-${options.name}-`));
    stack.printers = await Promise.all(options.printers.map((spec, index) => startPrinter(spec(path.join(spoolRoot, String(index))))));
    stack.worker = options.startWorker === false ? undefined : startPrintWorker();
  });
  afterAll(async () => {
    await stack.worker?.stop();
    await Promise.allSettled(stack.printers.map((printer) => printer.stop()));
    await stack.live?.stop();
    await closeDb();
    if (spoolRoot) await fs.rm(spoolRoot, { recursive: true, force: true });
    if (storeRoot) await fs.rm(storeRoot, { recursive: true, force: true });
  });
  return stack;
}
