import { spawn, type ChildProcess } from 'node:child_process';
import type net from 'node:net';
import readline from 'node:readline';

/** A long-lived process of a local stack that can be killed and started again on the same settings. */
export type TGroupProcess = {
  name: string;
  pid(): number | undefined;
  /** Signals the whole process group (default SIGTERM, SIGKILL after a grace time) and waits until every member is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it (again, after a kill) and waits until it is ready; a no-op while it runs. */
  start(): Promise<void>;
  running(): boolean;
};

export type TReadyCheck = { isAlive: () => boolean; output: () => string };

export type TGroupProcessSpec = {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** Resolves once the process serves; should give up when `isAlive()` turns false. */
  ready: (check: TReadyCheck) => Promise<void>;
  log: (line: string) => void;
  /** Told when the process ends without kill() having been asked for (a crash). */
  onUnexpectedExit?: (description: string) => void;
  stopGraceMs?: number;
};

const OUTPUT_LINES_KEPT = 40;
const live = new Set<ChildProcess>();
let isExitHookInstalled = false;

function signalGroup(pid: number | undefined, signal: NodeJS.Signals | 0): boolean {
  if (!pid) return false;
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** True while any process of the group led by `pid` is alive. */
export function isProcessGroupAlive(pid: number): boolean {
  return signalGroup(pid, 0);
}

/** On a normal exit (and after the caller's signal handlers ran), nothing this module started may stay. */
function installExitHook(): void {
  if (isExitHookInstalled) return;
  isExitHookInstalled = true;
  process.on('exit', () => {
    for (const child of live) signalGroup(child.pid, 'SIGKILL');
  });
}

/**
 * A child in a process group of its own (so a kill reaches what it forks: next start's
 * helpers, the worker's conversion processes), its output prefixed with its name. A small
 * `sh` reaper holding a pipe from this process kills the group when this process dies in
 * any way, SIGKILL included, so no stack process outlives the one that started it.
 */
export function groupProcess(spec: TGroupProcessSpec): TGroupProcess {
  let child: ChildProcess | undefined;
  let reaper: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let isKilling = false;
  let recent: string[] = [];
  const isAlive = () => !!child && child.exitCode === null && child.signalCode === null;

  const launch = () => {
    recent = [];
    isKilling = false;
    const started = spawn(spec.command, spec.args, { env: spec.env, cwd: spec.cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    live.add(started);
    installExitHook();
    exited = new Promise<void>((resolve) =>
      started.once('exit', (code, signal) => {
        live.delete(started);
        reaper?.kill('SIGKILL');
        if (!isKilling) spec.onUnexpectedExit?.(`${spec.name} exited (${signal ?? `code ${code}`})`);
        resolve();
      }),
    );
    for (const stream of [started.stdout, started.stderr]) {
      if (!stream) continue;
      readline.createInterface({ input: stream }).on('line', (line) => {
        recent = [...recent.slice(1 - OUTPUT_LINES_KEPT), line];
        spec.log(`[${spec.name}] ${line}`);
      });
    }
    reaper = spawn('/bin/sh', ['-c', 'read -r _; kill -s KILL -- -"$1" 2>/dev/null', 'nearprint-stack-reaper', String(started.pid)], {
      // Its own group too: whoever kills this process's group must not take the reaper with it.
      stdio: ['pipe', 'ignore', 'ignore'],
      detached: true,
    });
    reaper.unref();
    (reaper.stdin as net.Socket | null)?.unref();
  };

  const kill = async (signal: NodeJS.Signals = 'SIGTERM') => {
    const current = child;
    if (!current) return;
    if (isAlive()) {
      isKilling = true;
      signalGroup(current.pid, signal);
      const escalation = signal === 'SIGKILL' ? undefined : setTimeout(() => signalGroup(current.pid, 'SIGKILL'), spec.stopGraceMs ?? 10_000);
      await exited;
      clearTimeout(escalation);
    }
    // Whatever the leader left behind in its group goes too; then wait until the kernel has reaped it all.
    signalGroup(current.pid, 'SIGKILL');
    for (let i = 0; i < 250 && signalGroup(current.pid, 0); i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    reaper?.kill('SIGKILL');
  };

  return {
    name: spec.name,
    pid: () => (isAlive() ? child?.pid : undefined),
    running: isAlive,
    kill,
    async start() {
      if (isAlive()) return;
      launch();
      try {
        await spec.ready({ isAlive, output: () => recent.join('\n') });
      } catch (error) {
        await kill('SIGKILL');
        throw new Error(`${spec.name} did not start: ${(error as Error).message}\n${recent.slice(-15).join('\n')}`);
      }
    },
  };
}

/** Waits until the process's output matches `pattern`. */
export async function waitForOutput(check: TReadyCheck, pattern: RegExp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(check.output())) {
    if (!check.isAlive()) throw new Error('it exited');
    if (Date.now() > deadline) throw new Error(`no line matching ${pattern} within ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
