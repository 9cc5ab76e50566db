import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@/dev/lib/free-port';
import { ippRequest } from '@/lib/ipp/ipp-request';
import { ensurePrinterPrerequisites, findBinary } from './ensure-printer-prerequisites';
import { printerAttributesConf } from './printer-attributes-conf';
import { ZPrinterSpec, type TPrinterSpec, type TPrinterSpecInput } from './printer-spec';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(HERE, '../..');
const SIMULATOR = path.join(HERE, 'simulate-print.ts');
const READY_TIMEOUT_MS = 15_000;
const STOP_GRACE_MS = 5_000;

export type TPrinterHandle = {
  /** ipp://hostname:port/ipp/print */
  uri: string;
  port: number;
  spoolDir: string;
  pid: number;
  /** ippeveprinter's own log (stderr); removed when the printer stops. */
  logFile: string;
  /** The spec it runs with, port filled in: `startPrinter(handle.spec)` starts it again. */
  spec: TPrinterSpec;
  /** SIGTERM, then SIGKILL after 5 s; resolves once the printer and its print commands are gone. */
  stop(): Promise<void>;
  /** SIGKILL at once: the printer vanishes as if unplugged, mid-job included. */
  kill(): Promise<void>;
  /**
   * SIGSTOP to the printer's whole process group (ippeveprinter and its print
   * command): it stays connected but answers nothing and prints nothing, like a hung
   * printer. Resolves once every process of the group is stopped.
   */
  pause(): Promise<void>;
  /** SIGCONT: a paused printer carries on where it stopped. Resolves once it runs again. */
  resume(): Promise<void>;
  /** Resolves at once unless paused, else once resumed (or stopped): the fault proxy holds answers until then. */
  whenRunning(): Promise<void>;
};

type TRunning = { child: ChildProcess; reaper: ChildProcess; runtimeDir: string };

const running = new Set<TRunning>();
let areExitHooksInstalled = false;

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

function isGroupAlive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Process ids in group `pgid`, from /proc (Linux); empty where /proc cannot be read. */
async function groupMembers(pgid: number): Promise<{ pid: number; state: string }[]> {
  const entries = await readdir('/proc').catch(() => [] as string[]);
  const members = await Promise.all(
    entries
      .filter((entry) => /^\d+$/.test(entry))
      .map(async (entry) => {
        const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
        // `pid (comm) state ppid pgrp ...`; comm may hold spaces and parentheses, so split after the last ')'.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return Number(fields[2]) === pgid ? { pid: Number(entry), state: fields[0] } : null;
      }),
  );
  return members.filter((member) => member !== null);
}

/**
 * SIGSTOP and SIGCONT are delivered asynchronously: signal the group until the kernel
 * reports every member stopped (`T`) or running again, so a test that pauses a printer
 * and then sends it a request knows the request meets a frozen printer. Sending again
 * also catches a print command forked while the first signal was on its way. A print
 * command that ended while its parent is stopped stays a zombie (`Z`) until then.
 */
async function signalGroupUntil(pgid: number, signal: 'SIGSTOP' | 'SIGCONT'): Promise<void> {
  const isDone = (state: string) => (signal === 'SIGSTOP' ? ['T', 'Z', 'X'].includes(state) : state !== 'T');
  for (let attempt = 0; attempt < 250; attempt += 1) {
    killGroup(pgid, signal);
    const members = await groupMembers(pgid);
    if (members.every((member) => isDone(member.state))) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`printer process group ${pgid} did not ${signal === 'SIGSTOP' ? 'stop' : 'continue'} within 5 s`);
}

/** A killed print command is gone only once init has reaped it, a few milliseconds later. */
async function waitForGroupExit(pid: number | undefined): Promise<void> {
  for (let attempt = 0; attempt < 100 && isGroupAlive(pid); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function killAllNow(): void {
  for (const printer of running) {
    printer.reaper.kill('SIGKILL');
    killGroup(printer.child.pid, 'SIGKILL');
    rmSync(printer.runtimeDir, { recursive: true, force: true });
  }
  running.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  killAllNow();
  // Nobody else handles this signal: do what Node would have done without us.
  if (process.listenerCount(signal) === 1) {
    process.removeListener(signal, onSignal);
    process.kill(process.pid, signal);
  }
}

/**
 * Printers must not outlive the process that started them. Normal exit and
 * SIGINT/SIGTERM/SIGHUP are handled here; for a crash or SIGKILL each printer has a
 * reaper (see startPrinter).
 */
function installExitHooks(): void {
  if (areExitHooksInstalled) return;
  areExitHooksInstalled = true;
  process.on('exit', killAllNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);
}

async function isPortTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function shellQuote(value: string): string {
  if (value.includes("'")) throw new Error(`Path with a quote is not supported: ${value}`);
  return `'${value}'`;
}

async function logTail(logFile: string): Promise<string> {
  const log = await readFile(logFile, 'utf8').catch(() => '');
  return log.trim().split('\n').slice(-15).join('\n');
}

async function waitUntilAnswering(uri: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error('ippeveprinter exited');
    try {
      await ippRequest({ uri, operation: 'Get-Printer-Attributes', operationAttributes: { 'requested-attributes': ['printer-state'] } }, { timeoutMs: 1_000, network: 'shop-network' });
      if (child.exitCode === null && child.signalCode === null) return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`no answer to Get-Printer-Attributes within ${READY_TIMEOUT_MS / 1000} s`);
}

/**
 * Starts a real IPP Everywhere printer (CUPS ippeveprinter) and resolves once it
 * answers Get-Printer-Attributes. It keeps every document it receives in spoolDir
 * (`-k`) and runs dev/printers/simulate-print.ts for each job, which takes as long
 * as the spec's speed says and reports job-impressions-completed page by page.
 * DNS-SD advertising is off (`-r off`): tests would otherwise collide on names.
 *
 * The printer runs in its own process group together with its print commands; a
 * small `sh` reaper holding a pipe from this process kills that group (and removes
 * its temporary files) when this process dies in any way, so no printer outlives a
 * crashed test run.
 */
export async function startPrinter(input: TPrinterSpecInput): Promise<TPrinterHandle> {
  const parsed = ZPrinterSpec.parse(input);
  await ensurePrinterPrerequisites();
  const ippeveprinter = await findBinary('ippeveprinter');
  if (!ippeveprinter) throw new Error('ippeveprinter is not installed (Debian package cups-ipp-utils).');

  const port = parsed.port ?? (await freePort());
  if (await isPortTaken(port)) throw new Error(`Cannot start printer "${parsed.name}": port ${port} is already in use.`);
  const spec: TPrinterSpec = { ...parsed, port };
  const spoolDir = path.resolve(spec.spoolDir);
  await mkdir(spoolDir, { recursive: true });

  const runtimeDir = await mkdtemp(path.join(os.tmpdir(), 'nearprint-printer-'));
  const confFile = path.join(runtimeDir, 'attributes.conf');
  const commandFile = path.join(runtimeDir, 'print-command');
  const logFile = path.join(runtimeDir, 'ippeveprinter.log');
  await writeFile(confFile, printerAttributesConf(spec));
  await writeFile(commandFile, `#!/bin/sh\ncd ${shellQuote(REPO_ROOT)} && exec ${shellQuote(process.execPath)} --import tsx ${shellQuote(SIMULATOR)} "$@"\n`, { mode: 0o755 });

  const uri = `ipp://${spec.hostname}:${port}/ipp/print`;
  const args = [
    ...['-p', String(port), '-n', spec.hostname, '-d', spoolDir, '-k', '-r', 'off'],
    ...['-a', confFile, '-c', commandFile, '-D', 'file:///dev/null'],
    ...(spec.location ? ['-l', spec.location] : []),
    ...(spec.requiresAuth ? ['-A'] : []),
    spec.name,
  ];
  const logFd = openSync(logFile, 'a');
  const child = spawn(ippeveprinter, args, {
    detached: true,
    stdio: ['ignore', logFd, logFd],
    env: {
      ...process.env,
      NEARPRINT_SIM_PRINTER_URI: uri,
      NEARPRINT_SIM_PPM: String(spec.pagesPerMinute),
      NEARPRINT_SIM_PPM_COLOR: String(spec.isColor ? (spec.pagesPerMinuteColor ?? spec.pagesPerMinute) : 0),
    },
  });
  closeSync(logFd);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const reaper = spawn(
    '/bin/sh',
    ['-c', 'read -r _; kill -s KILL -- -"$1" 2>/dev/null; rm -rf "$2"', 'nearprint-printer-reaper', String(child.pid), runtimeDir],
    // Its own process group: a runner that kills our whole group (Playwright's webServer does) must not take the reaper with it.
    { stdio: ['pipe', 'ignore', 'ignore'], detached: true },
  );
  const entry: TRunning = { child, reaper, runtimeDir };
  running.add(entry);
  installExitHooks();
  child.unref();
  reaper.unref();
  (reaper.stdin as net.Socket | null)?.unref();

  const terminate = async (signal: NodeJS.Signals) => {
    if (!running.has(entry)) return exited;
    running.delete(entry);
    child.ref();
    reaper.kill('SIGKILL');
    killGroup(child.pid, signal);
    // A paused printer keeps SIGTERM pending until it runs again (SIGKILL needs no help).
    killGroup(child.pid, 'SIGCONT');
    const escalation = signal === 'SIGKILL' ? undefined : setTimeout(() => killGroup(child.pid, 'SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(escalation);
    killGroup(child.pid, 'SIGKILL');
    await waitForGroupExit(child.pid);
    await rm(runtimeDir, { recursive: true, force: true });
  };

  let paused: { resumed: Promise<void>; markResumed: () => void } | null = null;
  const markRunning = () => {
    paused?.markResumed();
    paused = null;
  };
  const signalRunning = async (signal: 'SIGSTOP' | 'SIGCONT') => {
    if (!running.has(entry) || !child.pid) throw new Error(`Printer "${spec.name}" is not running.`);
    if (signal === 'SIGSTOP' && !paused) {
      let markResumed!: () => void;
      const resumed = new Promise<void>((resolve) => (markResumed = resolve));
      paused = { resumed, markResumed };
    }
    await signalGroupUntil(child.pid, signal);
    if (signal === 'SIGCONT') markRunning();
  };

  try {
    await waitUntilAnswering(uri, child);
  } catch (error) {
    const tail = await logTail(logFile);
    await terminate('SIGKILL');
    throw new Error(`Printer "${spec.name}" did not start on port ${port} (${(error as Error).message}).\n${tail}`, { cause: error });
  }

  return {
    uri,
    port,
    spoolDir,
    pid: child.pid ?? 0,
    logFile,
    spec,
    stop: () => terminate('SIGTERM').finally(markRunning),
    kill: () => terminate('SIGKILL').finally(markRunning),
    pause: () => signalRunning('SIGSTOP'),
    resume: () => signalRunning('SIGCONT'),
    whenRunning: () => paused?.resumed ?? Promise.resolve(),
  };
}
