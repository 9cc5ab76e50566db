/**
 * The Nearprint worker: one process that runs the background loops. Several can run at
 * once, on several machines; they coordinate only through PostgreSQL.
 */
import { hostname } from 'node:os';
import { closeDb } from '@/db/client';
import { runDocumentInspector } from './loops/document-inspector';
import { runPrinterPoller } from './loops/printer-poller';

async function main(): Promise<void> {
  const controller = new AbortController();
  const workerId = `${hostname()}:${process.pid}`;
  const loops = [runPrinterPoller(controller.signal), runDocumentInspector(controller.signal, workerId)];
  console.log(`Worker ${workerId} started: polling printers, inspecting documents.`);
  const stop = async () => {
    controller.abort();
    await Promise.allSettled(loops);
    await closeDb();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  await Promise.all(loops);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
