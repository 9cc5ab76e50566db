import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { childProcessEnv } from '@/lib/config/child-env';
import { prlimitArgs, type TProcessLimits } from '@/lib/documents/run-process';
import { IsolatedTaskError } from './isolated-task-error';

/** tsx's loader, so a child can import the project's TypeScript. */
const TSX = import.meta.resolve('tsx');

type TTaskMessage<TResult, TProgress> =
  { ready: true } | { id: number; progress: TProgress } | { id: number; result: TResult } | { id: number; error: { name: string; message: string; code?: string; isExpected?: boolean } };

type TTask<TInput, TResult, TProgress> = {
  id: number;
  input: TInput;
  timeoutMs: number;
  onProgress?: (progress: TProgress) => void;
  resolve: (result: TResult) => void;
  reject: (error: Error) => void;
};

type TChild<TInput, TResult, TProgress> = { process: ChildProcess; task: TTask<TInput, TResult, TProgress> | null; timer?: NodeJS.Timeout; tasksDone: number; isReady: Promise<void> };

export type TTaskPool<TInput, TResult, TProgress> = {
  run(input: TInput, options: { timeoutMs: number; onProgress?: (progress: TProgress) => void }): Promise<TResult>;
  close(): Promise<void>;
};

/** Limits for one child: its heap, and the kernel's limits on the whole process (and what it forks). */
export type TChildLimits = TProcessLimits & { heapLimitMb: number };

/**
 * Long-lived child processes for work on customers' files (inspection, conversion). Each runs
 * under `prlimit` (address space, CPU seconds, open files: setrlimit, enforced by the kernel,
 * inherited by the Ghostscript or qpdf it starts) with only the allow-listed environment
 * (childProcessEnv: no database URL, no Stripe or signing secrets), so a decompression bomb or
 * a runaway file kills that child, never the worker, and could not read a secret if it took
 * over the parser. A child that times out, hits a limit or crashes is thrown away and replaced;
 * each is also replaced after `maxTasksPerChild` tasks. Children are warm (loading the
 * TypeScript loader and pdf-lib takes a second or two), so the print pipeline stays fast.
 *
 * The task module listens for `{ id, input }` (see task-port.ts) and answers `{ id, progress }`,
 * then `{ id, result }` or `{ id, error }`; it posts `{ ready: true }` once loaded.
 */
export function createProcessPool<TInput, TResult, TProgress = unknown>(options: {
  moduleUrl: URL;
  size: number;
  limits: TChildLimits;
  maxTasksPerChild?: number;
  /** Start the children at once (the print pipeline) or on first use (tests, rare work). */
  isWarm?: boolean;
}): TTaskPool<TInput, TResult, TProgress> {
  const children = new Set<TChild<TInput, TResult, TProgress>>();
  const waiting: TTask<TInput, TResult, TProgress>[] = [];
  const maxTasks = options.maxTasksPerChild ?? 50;
  let nextId = 1;
  let isClosed = false;

  function start(): TChild<TInput, TResult, TProgress> {
    const args = [
      ...prlimitArgs(options.limits),
      '--',
      process.execPath,
      // Without it V8 reserves ~10 GB of address space per WebAssembly memory, which no sane
      // address-space limit allows; bounds checks in code replace the guard pages.
      '--disable-wasm-trap-handler',
      `--max-old-space-size=${options.limits.heapLimitMb}`,
      '--import',
      TSX,
      fileURLToPath(options.moduleUrl),
    ];
    const child = spawn('prlimit', args, { env: childProcessEnv() as NodeJS.ProcessEnv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
    child.unref();
    child.channel?.unref();
    let markReady: () => void = () => undefined;
    const entry: TChild<TInput, TResult, TProgress> = { process: child, task: null, tasksDone: 0, isReady: new Promise<void>((resolve) => (markReady = resolve)) };
    children.add(entry);
    child.on('message', (message: TTaskMessage<TResult, TProgress>) => {
      if ('ready' in message) return markReady();
      const task = entry.task;
      if (!task || task.id !== message.id) return;
      if ('progress' in message) return task.onProgress?.(message.progress);
      finish(entry, () => ('result' in message ? task.resolve(message.result) : task.reject(Object.assign(new Error(message.error.message), message.error))));
    });
    child.on('error', (error) => discard(entry, new IsolatedTaskError(`The task process could not run: ${error.message}`, 'crashed')));
    child.on('exit', (code, signal) => discard(entry, exitError(code, signal)));
    return entry;
  }

  function finish(entry: TChild<TInput, TResult, TProgress>, settle: () => void): void {
    clearTimeout(entry.timer);
    entry.task = null;
    entry.tasksDone += 1;
    settle();
    if (entry.tasksDone >= maxTasks) {
      children.delete(entry);
      entry.process.kill('SIGKILL');
      if (isWarm && !isClosed) start();
    }
    pump();
  }

  function discard(entry: TChild<TInput, TResult, TProgress>, error: IsolatedTaskError): void {
    if (!children.has(entry)) return;
    children.delete(entry);
    clearTimeout(entry.timer);
    const task = entry.task;
    entry.task = null;
    entry.process.kill('SIGKILL');
    task?.reject(error);
    if (isWarm && !isClosed && !waiting.length) start();
    pump();
  }

  function assign(entry: TChild<TInput, TResult, TProgress>, task: TTask<TInput, TResult, TProgress>): void {
    entry.task = task;
    void entry.isReady.then(() => {
      if (entry.task !== task) return;
      entry.timer = setTimeout(() => discard(entry, new IsolatedTaskError(`The task took longer than ${Math.round(task.timeoutMs / 1000)} s.`, 'timeout')), task.timeoutMs);
      entry.process.send({ id: task.id, input: task.input });
    });
  }

  function pump(): void {
    while (waiting.length && !isClosed) {
      const idle = [...children].find((entry) => !entry.task) ?? (children.size < options.size ? start() : null);
      if (!idle) return;
      assign(idle, waiting.shift()!);
    }
  }

  const isWarm = options.isWarm ?? true;
  if (isWarm) for (let i = 0; i < options.size; i += 1) start();

  return {
    run(input, runOptions) {
      if (isClosed) return Promise.reject(new Error('The task pool is closed.'));
      return new Promise<TResult>((resolve, reject) => {
        waiting.push({ id: nextId++, input, timeoutMs: runOptions.timeoutMs, onProgress: runOptions.onProgress, resolve, reject });
        pump();
      });
    },
    async close() {
      isClosed = true;
      for (const task of waiting.splice(0)) task.reject(new Error('The task pool is closed.'));
      const exits = [...children].map(
        (entry) => new Promise((resolve) => (entry.process.exitCode !== null || entry.process.signalCode !== null ? resolve(null) : entry.process.once('exit', resolve))),
      );
      for (const entry of children) entry.process.kill('SIGKILL');
      children.clear();
      await Promise.all(exits);
    },
  };
}

/** Why a child ended without an answer, from how it ended. */
export function exitError(code: number | null, signal: NodeJS.Signals | null): IsolatedTaskError {
  // SIGXCPU at the soft CPU limit, SIGKILL at the hard one.
  if (signal === 'SIGXCPU' || signal === 'SIGKILL') return new IsolatedTaskError(`The task process was killed (${signal}): it used up its CPU time.`, 'resource_limit');
  // V8 aborts (SIGABRT / SIGTRAP, exit 134) when an allocation fails under the heap or address-space limit.
  if (signal === 'SIGABRT' || signal === 'SIGTRAP' || signal === 'SIGSEGV' || signal === 'SIGBUS' || code === 134) {
    return new IsolatedTaskError(`The task process was killed (${signal ?? code}): it ran out of the memory it may use.`, 'out_of_memory');
  }
  return new IsolatedTaskError(`The task process exited (${signal ?? code}) without an answer.`, 'crashed');
}
