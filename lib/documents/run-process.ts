import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { childProcessEnv } from '@/lib/config/child-env';
import { DocumentError } from './document-error';

/**
 * OS limits for a tool run on a customer's file (setrlimit through util-linux `prlimit`).
 * `addressSpaceBytes` (RLIMIT_AS) suits small C tools (Ghostscript, qpdf); a big runtime that
 * reserves address space it never touches (LibreOffice) is bounded by `dataBytes` (RLIMIT_DATA)
 * instead, with `addressSpaceBytes: Infinity`.
 */
export type TProcessLimits = { addressSpaceBytes: number; dataBytes?: number; cpuSeconds: number; openFiles: number };

export const DEFAULT_TOOL_LIMITS = { addressSpaceBytes: 4 * 1024 ** 3, openFiles: 256 } as const;

export type TRunProcessOptions = {
  input?: Uint8Array;
  timeoutMs: number;
  /** Stdout beyond this is a hostile or runaway job: the process is killed. */
  maxStdoutBytes: number;
  /** Streams stdout to the caller instead of collecting it (the limit still applies). */
  onStdout?: (chunk: Buffer) => void;
  /**
   * Pipes stdout into this stream instead of collecting it (the limit still applies), pausing the
   * tool while the stream is full; the run settles once the stream has flushed (it is ended here).
   */
  stdoutTo?: Writable;
  onStderrLine?: (line: string) => void;
  cwd?: string;
  /** Defaults: DEFAULT_TOOL_LIMITS, and CPU seconds as many as the timeout allows. */
  limits?: Partial<TProcessLimits>;
};

export type TRunProcessResult = {
  stdout: Buffer;
  stderr: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
};

const STDERR_TAIL_BYTES = 64 * 1024;

/**
 * Runs a tool with a hard timeout and an output cap, killing its whole process group
 * (soffice and gs may fork) so that a hostile file can never hang or flood the worker.
 * The kernel bounds it too (`prlimit`: address space or data, CPU time, open files, inherited by
 * anything it forks), and it sees only the allow-listed environment (childProcessEnv): no
 * secrets. Rejects with the spawn error (e.g. ENOENT) when the tool is missing.
 */
export function runProcess(command: string, args: string[], options: TRunProcessOptions): Promise<TRunProcessResult> {
  return new Promise((resolve, reject) => {
    const limits = withinOwnLimits({ ...DEFAULT_TOOL_LIMITS, cpuSeconds: Math.ceil(options.timeoutMs / 1000) + 1, ...options.limits });
    const child = spawn('prlimit', [...prlimitArgs(limits), '--', command, ...args], {
      cwd: options.cwd,
      env: childProcessEnv() as NodeJS.ProcessEnv,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = '';
    let stderrPartial = '';
    let failure: Error | undefined;

    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const fail = (error: Error) => {
      if (!failure) failure = error;
      killGroup();
    };

    const timer = setTimeout(() => fail(new DocumentError('timeout', undefined, { details: `${command} exceeded ${options.timeoutMs} ms` })), options.timeoutMs);

    child.stdout.on('data', (chunk: Buffer) => {
      if (failure) return;
      stdoutBytes += chunk.length;
      if (stdoutBytes > options.maxStdoutBytes) {
        fail(new DocumentError('output_too_large', undefined, { details: `${command} wrote over ${options.maxStdoutBytes} bytes` }));
        return;
      }
      if (options.stdoutTo) {
        if (!options.stdoutTo.write(chunk)) {
          child.stdout.pause();
          options.stdoutTo.once('drain', () => child.stdout.resume());
        }
        return;
      }
      if (!options.onStdout) {
        chunks.push(chunk);
        return;
      }
      try {
        options.onStdout(chunk);
      } catch (error) {
        fail(error as Error);
      }
    });

    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      stderr = (stderr + text).slice(-STDERR_TAIL_BYTES);
      if (!options.onStderrLine) return;
      const lines = (stderrPartial + text).split('\n');
      stderrPartial = lines.pop() ?? '';
      for (const line of lines) options.onStderrLine(line);
    });

    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });

    let hasExited = false;
    options.stdoutTo?.on('error', (error) => fail(error));
    // The reader went away (an upload that failed): stop the tool rather than leave it paused until its timeout.
    options.stdoutTo?.on('close', () => {
      if (!hasExited) fail(new Error(`${command}: output closed before it finished`));
    });

    child.on('close', (exitCode, signal) => {
      hasExited = true;
      clearTimeout(timer);
      if (options.stdoutTo && !failure) {
        if (exitCode !== 0) {
          // A reader of the stream (a printer being sent a raster) must never take a failed tool's output for a complete one.
          options.stdoutTo.destroy(new Error(`${command} exited ${exitCode ?? signal}`));
          settle(exitCode, signal);
          return;
        }
        options.stdoutTo.end((error?: Error | null) => {
          if (error) failure = error;
          settle(exitCode, signal);
        });
        return;
      }
      settle(exitCode, signal);
    });

    const settle = (exitCode: number | null, signal: NodeJS.Signals | null) => {
      if (failure) {
        reject(failure);
        return;
      }
      // prlimit could not start the tool (util-linux: 127 not found, 126 not executable).
      if ((exitCode === 127 || exitCode === 126) && /prlimit: failed to execute/.test(stderr)) {
        reject(Object.assign(new Error(`spawn ${command} ${exitCode === 127 ? 'ENOENT' : 'EACCES'}`), { code: exitCode === 127 ? 'ENOENT' : 'EACCES' }));
        return;
      }
      resolve({ stdout: Buffer.concat(chunks), stderr, exitCode, signal });
    };

    // The tool may exit before reading all input (e.g. it rejected the header): not our error.
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? Buffer.alloc(0));
  });
}

/** `prlimit` options for `limits` (soft = hard, so the tool cannot raise them). */
export function prlimitArgs(limits: TProcessLimits): string[] {
  return [
    ...(Number.isFinite(limits.addressSpaceBytes) ? [`--as=${Math.floor(limits.addressSpaceBytes)}`] : []),
    ...(limits.dataBytes !== undefined && Number.isFinite(limits.dataBytes) ? [`--data=${Math.floor(limits.dataBytes)}`] : []),
    `--cpu=${Math.ceil(limits.cpuSeconds)}`,
    `--nofile=${Math.floor(limits.openFiles)}`,
  ];
}

let ownLimits: Partial<TProcessLimits> | undefined;

/**
 * `limits`, lowered to this process's own hard limits: a tool started from an isolated child
 * inherits the child's limits and may not raise them (prlimit would refuse to start it).
 */
export function withinOwnLimits(limits: TProcessLimits): TProcessLimits {
  ownLimits ??= readOwnLimits();
  return {
    addressSpaceBytes: Math.min(limits.addressSpaceBytes, ownLimits.addressSpaceBytes ?? Infinity),
    dataBytes: limits.dataBytes === undefined && ownLimits.dataBytes === undefined ? undefined : Math.min(limits.dataBytes ?? Infinity, ownLimits.dataBytes ?? Infinity),
    cpuSeconds: Math.min(limits.cpuSeconds, ownLimits.cpuSeconds ?? Infinity),
    openFiles: Math.min(limits.openFiles, ownLimits.openFiles ?? Infinity),
  };
}

function readOwnLimits(): Partial<TProcessLimits> {
  let text = '';
  try {
    text = readFileSync('/proc/self/limits', 'utf8');
  } catch {
    return {};
  }
  // "Max address space   unlimited   unlimited   bytes": the hard limit is the third column.
  const hard = (name: string) => {
    const value = new RegExp(`^${name}\\s+\\S+\\s+(\\S+)`, 'm').exec(text)?.[1];
    return value && value !== 'unlimited' ? Number(value) : undefined;
  };
  return { addressSpaceBytes: hard('Max address space'), dataBytes: hard('Max data size'), cpuSeconds: hard('Max cpu time'), openFiles: hard('Max open files') };
}
