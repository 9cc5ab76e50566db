import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { getJobAttributes } from '@/lib/ipp/get-job-attributes';
import { countDocumentPages } from './count-document-pages';

/**
 * The print command ippeveprinter runs for each job (`-c`): argv[2] is the spooled
 * document. It stands in for the print engine: counts the impressions (pages ×
 * copies), reports them with `ATTR:` lines on stderr, which ippeveprinter turns into
 * job-impressions and job-impressions-completed, and takes 60/ppm seconds per
 * impression. Between impressions it checks whether the job was cancelled
 * (ippeveprinter only flags it) and stops like a real printer would. A document it
 * cannot read ends with `ERROR:` and a non-zero exit, which aborts the job.
 */
async function main(): Promise<void> {
  const file = process.argv[2];
  const parentPid = process.ppid;
  const jobId = Number(path.basename(file).match(/^(\d+)-/)?.[1]);
  const printerUri = process.env.NEARPRINT_SIM_PRINTER_URI;

  let pages: number;
  try {
    pages = await countDocumentPages(await readFile(file));
  } catch (error) {
    process.stderr.write(`ERROR: Unable to print the document: ${(error as Error).message}\n`);
    process.exit(1);
  }
  const copies = Math.max(1, Number.parseInt(process.env.IPP_COPIES ?? '1', 10) || 1);
  const impressions = pages * copies;
  const colorMode = process.env.IPP_PRINT_COLOR_MODE ?? process.env.IPP_PRINT_COLOR_MODE_DEFAULT ?? 'monochrome';
  const ppmColor = Number(process.env.NEARPRINT_SIM_PPM_COLOR ?? 0);
  const ppm = colorMode !== 'monochrome' && ppmColor > 0 ? ppmColor : Number(process.env.NEARPRINT_SIM_PPM ?? 10);
  const msPerImpression = 60_000 / Math.max(1, ppm);

  process.stderr.write(`ATTR: job-impressions=${impressions}\n`);
  process.stderr.write(`INFO: Printing ${impressions} impressions at ${ppm} ppm\n`);
  for (let done = 1; done <= impressions; done += 1) {
    await new Promise((resolve) => setTimeout(resolve, msPerImpression));
    if (process.ppid !== parentPid) process.exit(1);
    process.stderr.write(`ATTR: job-impressions-completed=${done}\n`);
    if (done < impressions && printerUri && Number.isInteger(jobId) && (await isCancelRequested(printerUri, jobId))) {
      process.stderr.write(`INFO: Stopped after ${done} of ${impressions} impressions\n`);
      return;
    }
  }
}

async function isCancelRequested(printerUri: string, jobId: number): Promise<boolean> {
  try {
    const job = await getJobAttributes(printerUri, jobId, { timeoutMs: 2_000, network: 'shop-network' });
    return job.stateReasons.includes('processing-to-stop-point');
  } catch {
    return false;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
