import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { findBinary } from '@/dev/printers/ensure-printer-prerequisites';
import { makeTextPdf } from '@/lib/documents/fixtures/make-fixtures';

const run = promisify(execFile);

export type TMachineLoadOptions = {
  /** Ghostscript render loops side by side; each keeps about one CPU core busy. */
  ghostscriptLoops: number;
  /** Pages of the text PDF each render draws (default 36, as in the benchmarks). */
  pages?: number;
  /** Render resolution in dpi (default 300). */
  resolutionDpi?: number;
  /** Each loop ends by itself after this many milliseconds (default 2 h), so a forgotten load cannot run for ever. */
  maxDurationMs?: number;
};

export type TMachineLoad = {
  /** Process group id of each loop (its `sh`, and the `gs` it is running). */
  pgids: number[];
  /** The PDF being rendered, in a temporary directory removed by stop(). */
  fixture: string;
  /** Renders finished so far across all loops: proof the load was real. */
  rendersDone(): number;
  /** Kills every loop and removes the fixture; safe to call twice. */
  stop(): Promise<void>;
};

const DEFAULT_PAGES = 36;
const DEFAULT_DPI = 300;
const DEFAULT_MAX_DURATION_MS = 2 * 60 * 60 * 1000;

/**
 * `sh` runs the loop rather than Node, so the load does not depend on this process's
 * event loop: the code under test may block it. Each run is one bounded render of the
 * fixture to nowhere; one `r` per finished render goes to stdout for rendersDone().
 */
const LOOP_SCRIPT = [
  'end=$(( $(date +%s) + $4 ))',
  'while [ "$(date +%s)" -lt "$end" ]; do',
  '  "$1" -q -dSAFER -dBATCH -dNOPAUSE -dNumRenderingThreads=1 -sDEVICE=ppmraw -r"$3" -o /dev/null "$2" >/dev/null 2>&1 || exit 1',
  '  printf r',
  'done',
].join('\n');

type TRunningLoad = { loops: ChildProcess[]; reaper: ChildProcess; dir: string };

const running = new Set<TRunningLoad>();
let areExitHooksInstalled = false;

function killGroup(pgid: number | undefined): void {
  if (!pgid) return;
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function isGroupAlive(pgid: number | undefined): boolean {
  if (!pgid) return false;
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function killNow(load: TRunningLoad): void {
  running.delete(load);
  load.reaper.kill('SIGKILL');
  for (const loop of load.loops) killGroup(loop.pid);
}

function killAllNow(): void {
  for (const load of running) {
    killNow(load);
    rmSync(load.dir, { recursive: true, force: true });
  }
}

function onSignal(signal: NodeJS.Signals): void {
  killAllNow();
  // Nobody else handles this signal: do what Node would have done without us.
  if (process.listenerCount(signal) === 1) {
    process.removeListener(signal, onSignal);
    process.kill(process.pid, signal);
  }
}

/** Same contract as dev printers: normal exit and SIGINT/SIGTERM/SIGHUP here, a reaper for a crash or SIGKILL. */
function installExitHooks(): void {
  if (areExitHooksInstalled) return;
  areExitHooksInstalled = true;
  process.on('exit', killAllNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);
}

/**
 * Loads the machine with N real Ghostscript render loops, for tests whose
 * correctness must not depend on timing ("passes on a loaded machine too"). Each loop
 * renders a multi-page text PDF at 300 dpi to /dev/null, again and again, single
 * threaded, in its own process group; stop() kills them all. They never outlive this
 * process: exit and signal hooks kill them, and a small `sh` reaper holding a pipe
 * from this process kills them if it dies in any other way.
 */
export async function startMachineLoad(options: TMachineLoadOptions): Promise<TMachineLoad> {
  const loops = Math.max(0, Math.floor(options.ghostscriptLoops));
  const gs = await findBinary('gs');
  if (!gs) throw new Error('Ghostscript (gs) is not installed (Debian package ghostscript).');
  const dpi = String(options.resolutionDpi ?? DEFAULT_DPI);
  const seconds = String(Math.ceil((options.maxDurationMs ?? DEFAULT_MAX_DURATION_MS) / 1000));

  const dir = await mkdtemp(path.join(os.tmpdir(), 'nearprint-load-'));
  const fixture = path.join(dir, 'load.pdf');
  await writeFile(fixture, await makeTextPdf(Array.from({ length: options.pages ?? DEFAULT_PAGES }, () => ({}))));
  try {
    // One render up front: a broken gs or fixture fails here, not silently inside the loops.
    await run(gs, ['-q', '-dSAFER', '-dBATCH', '-dNOPAUSE', '-sDEVICE=ppmraw', '-r72', '-dFirstPage=1', '-dLastPage=1', '-o', '/dev/null', fixture], { timeout: 30_000 });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`Ghostscript could not render the load fixture: ${(error as Error).message}`, { cause: error });
  }

  let renders = 0;
  const children = Array.from({ length: loops }, () => {
    const child = spawn('/bin/sh', ['-c', LOOP_SCRIPT, 'nearprint-load', gs, fixture, dpi, seconds], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout?.on('data', (chunk: Buffer) => (renders += chunk.length));
    child.unref();
    (child.stdout as Socket | null)?.unref();
    return child;
  });
  const pgids = children.map((child) => child.pid ?? 0).filter((pid) => pid > 0);
  const reaper = spawn('/bin/sh', ['-c', 'read -r _; shift; for g in "$@"; do kill -s KILL -- -"$g" 2>/dev/null; done; rm -rf "$0"', dir, 'pgids', ...pgids.map(String)], {
    stdio: ['pipe', 'ignore', 'ignore'],
    detached: true,
  });
  reaper.unref();
  (reaper.stdin as Socket | null)?.unref();

  const load: TRunningLoad = { loops: children, reaper, dir };
  running.add(load);
  installExitHooks();

  return {
    pgids,
    fixture,
    rendersDone: () => renders,
    async stop() {
      killNow(load);
      for (let attempt = 0; attempt < 100 && pgids.some(isGroupAlive); attempt += 1) await new Promise((resolve) => setTimeout(resolve, 20));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
