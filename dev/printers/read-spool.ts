import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export type TSpoolFormat = 'pdf' | 'pwg-raster' | 'jpeg' | 'png' | 'postscript' | 'urf' | 'unknown';

export type TSpoolFile = {
  /** ippeveprinter names files `<job-id>-<job-name, lower-cased, runs of other characters as _>.<ext>`. */
  name: string;
  path: string;
  jobId: number | null;
  size: number;
  /** From the first bytes, not the extension: shows what the printer really received. */
  format: TSpoolFormat;
};

export function detectFormat(head: Buffer): TSpoolFormat {
  const text = head.toString('latin1');
  if (text.startsWith('%PDF-')) return 'pdf';
  if (text.startsWith('RaS2')) return 'pwg-raster';
  if (text.startsWith('UNIRAST')) return 'urf';
  if (text.startsWith('%!')) return 'postscript';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (text.startsWith('\x89PNG\r\n\x1a\n')) return 'png';
  return 'unknown';
}

async function readHead(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(8);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * The documents a printer started with `-k` received, oldest job first. ippeveprinter
 * numbers jobs from 1 again after a restart, so a spool directory reused across
 * restarts can hold several files with the same job id (and a same-named file is
 * overwritten).
 */
export async function readSpool(spoolDir: string): Promise<TSpoolFile[]> {
  const entries = await readdir(spoolDir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const files = await Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map(async (entry): Promise<TSpoolFile> => {
        const file = path.join(spoolDir, entry.name);
        const [info, head] = await Promise.all([stat(file), readHead(file)]);
        const jobId = entry.name.match(/^(\d+)-/)?.[1];
        return { name: entry.name, path: file, jobId: jobId ? Number(jobId) : null, size: info.size, format: detectFormat(head) };
      }),
  );
  return files.sort((a, b) => (a.jobId ?? 0) - (b.jobId ?? 0) || a.name.localeCompare(b.name));
}
