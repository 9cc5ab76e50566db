import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Where conversions write their output before it is stored: one folder per job run, named after the worker's pid. */
const SCRATCH_ROOT = path.join(os.tmpdir(), 'nearprint-convert');

/**
 * Runs `work` with a fresh private folder for one conversion's output and removes the folder
 * afterwards, whatever happened (a converter child killed on timeout included). A worker killed
 * outright cannot clean up: sweepOrphanedScratch removes what dead workers left behind.
 */
export async function withConversionScratch<T>(work: (folder: string) => Promise<T>): Promise<T> {
  await mkdir(SCRATCH_ROOT, { recursive: true, mode: 0o700 });
  const folder = await mkdtemp(path.join(SCRATCH_ROOT, `${process.pid}-`));
  try {
    return await work(folder);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** Removes the scratch folders of workers that no longer run (their pid is gone); other live workers' folders stay. */
export async function sweepOrphanedScratch(): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(SCRATCH_ROOT);
  } catch {
    return;
  }
  for (const entry of entries) {
    const pid = Number(/^(\d+)-/.exec(entry)?.[1]);
    if (!pid || isRunning(pid)) continue;
    await rm(path.join(SCRATCH_ROOT, entry), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
