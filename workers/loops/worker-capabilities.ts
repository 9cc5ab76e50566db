import { setTimeout as sleep } from 'node:timers/promises';
import { CAPABILITIES_EVERY_MS, forgetWorker, localOfficeAvailability, recordWorkerCapabilities } from '@/lib/documents/office-availability';

/**
 * Tells the web app, through the database, that this worker runs and whether it converts Office
 * files, renewed every CAPABILITIES_EVERY_MS; forgets it when the worker stops. A worker killed
 * outright is forgotten when its row is no longer renewed.
 */
export async function runWorkerCapabilities(signal: AbortSignal, workerId: string): Promise<void> {
  let said: boolean | undefined;
  while (!signal.aborted) {
    try {
      const office = await localOfficeAvailability();
      if (office.isAvailable !== said) {
        said = office.isAvailable;
        console.log(office.isAvailable ? `Office uploads: on (${office.version})` : 'Office uploads: off here (LibreOffice is not installed or does not start; see dev/system-deps.sh)');
      }
      await recordWorkerCapabilities(workerId, office);
    } catch (error) {
      console.error('[capabilities] could not record what this worker can do:', (error as Error).message);
    }
    await sleep(CAPABILITIES_EVERY_MS, undefined, { signal }).catch(() => undefined);
  }
  await forgetWorker(workerId).catch(() => undefined);
}
