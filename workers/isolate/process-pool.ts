import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { childProcessEnv } from '@/lib/config/child-env';
import { IsolatedTaskError, OUT_OF_MEMORY_EXIT_CODE } from './isolated-task-error';

/** tsx's loader, so a child can import the project's TypeScript. */
const TSX = import.meta.resolve('tsx');
/** What a child wrote to stderr last, kept to tell why it died. */
const STDERR_TAIL_CHARS = 8 * 1024;

type TTaskError = { name: string; message: string; code?: string; isExpected?: boolean };
type TTaskMessage<TResult, TProgress> =
  { ready: true } | { id: number; progress: TProgress } | { id: number; result: TResult; cpuSeconds: number } | { id: number; error: TTaskError; cpuSeconds: number };

type TTask<TInput, TResult, TProgress> = {
  id: number;
  input: TInput;
  timeoutMs: number;
  onProgress?: (progress: TProgress) => void;
  resolve: (result: TResult) => void;
  reject: (error: Error) => void;
};

type TChild<TInput, TResult, TProgress> = {
  process: ChildProcess;
  task: TTask<TInput, TResult, TProgress> | null;
  timer?: NodeJS.Timeout;
  tasksDone: number;
  cpuSeconds: number;
  stderrTail: string;
  isReady: Promise<void>;
};

export type TTaskPool<TInput, TResult, TProgress> = {
  run(input: TInput, options: { timeoutMs: number; onProgress?: (progress: TProgress) => void }): Promise<TResult>;
  close(): Promise<void>;
};

/**
 * The kernel's limits on one child (setrlimit through util-linux `prlimit`, inherited by the
 * Ghostscript or qpdf it starts) and its V8 heap.
 * - `memoryBytes` is RLIMIT_DATA: since Linux 4.7 it counts every private writable mapping, so
 *   ArrayBuffers (what a flate bomb inflates into, which a heap limit misses), the JS heap and
 *   native buffers (sharp, glibc) all count. RLIMIT_AS is not used: it also counts V8's
 *   untouched PROT_NONE reservations (three 4 GB WebAssembly memories of the module loader
 *   alone, 14 GB in all), so any limit that contains a bomb starves V8 and libvips of
 *   address space on a normal file (a thread stack cannot be mapped: SIGSEGV).
 * - `cpuSeconds` is RLIMIT_CPU over the child's life: SIGXCPU at the limit, SIGKILL 1 s later.
 */
export type TChildLimits = { memoryBytes: number; cpuSeconds: number; openFiles: number; heapLimitMb: number };

/** `prlimit` options for a child under `limits` (no core files: a killed child leaves nothing). */
export function childPrlimitArgs(limits: TChildLimits): string[] {
  const cpu = Math.max(1, Math.ceil(limits.cpuSeconds));
  return [`--data=${Math.floor(limits.memoryBytes)}`, `--cpu=${cpu}:${cpu + 1}`, `--nofile=${Math.floor(limits.openFiles)}`, '--core=0'];
}

/**
 * Child processes for work on customers' files (inspection, conversion). Each runs under
 * `prlimit` (TChildLimits) with only the allow-listed environment (childProcessEnv: no database
 * URL, no Stripe or signing secrets), so a decompression bomb or a runaway file kills that
 * child, never the worker, and could not read a secret if it took over the parser. A child
 * that times out, hits a limit or crashes is thrown away and replaced; each is also replaced
 * after `maxTasksPerChild` tasks or once it has used half its CPU time, so every task starts
 * with at least half of it. Warm pools start their children at once and replace each as it
 * goes (loading the TypeScript loader and pdf-lib takes about a second), so the print
 * pipeline never waits for one.
 *
 * The task module listens for `{ id, input }` (see task-port.ts) and answers `{ id, progress }`,
 * then `{ id, result }` or `{ id, error }`; it posts `{ ready: true }` once loaded.
 */
export function createProcessPool<TInput, TResult, TProgress = unknown>(options: {
  moduleUrl: URL;
  size: number;
  limits: TChildLimits;
  maxTasksPerChild?: number;
  /** Start the children at once and keep them started (the worker), or on first use (tests). */
  isWarm?: boolean;
}): TTaskPool<TInput, TResult, TProgress> {
  const children = new Set<TChild<TInput, TResult, TProgress>>();
  const waiting: TTask<TInput, TResult, TProgress>[] = [];
  const maxTasks = options.maxTasksPerChild ?? 50;
  const isWarm = options.isWarm ?? true;
  let nextId = 1;
  let isClosed = false;

  function start(): TChild<TInput, TResult, TProgress> {
    const args = [
      ...childPrlimitArgs(options.limits),
      '--',
      process.execPath,
      // Keeps V8 from reserving 10 GB of address space per WebAssembly memory (bounds checks in
      // code replace the guard pages); not needed under RLIMIT_DATA, but keeps the child small.
      '--disable-wasm-trap-handler',
      `--max-old-space-size=${options.limits.heapLimitMb}`,
      '--import',
      TSX,
      fileURLToPath(options.moduleUrl),
    ];
    const child = spawn('prlimit', args, { env: childProcessEnv() as NodeJS.ProcessEnv, stdio: ['ignore', 'inherit', 'pipe', 'ipc'], serialization: 'advanced' });
    child.unref();
    child.channel?.unref();
    let markReady: () => void = () => undefined;
    const entry: TChild<TInput, TResult, TProgress> = {
      process: child,
      task: null,
      tasksDone: 0,
      cpuSeconds: 0,
      stderrTail: '',
      isReady: new Promise<void>((resolve) => (markReady = resolve)),
    };
    children.add(entry);
    child.stderr?.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      entry.stderrTail = (entry.stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL_CHARS);
    });
    (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
    child.on('message', (message: TTaskMessage<TResult, TProgress>) => {
      if ('ready' in message) return markReady();
      const task = entry.task;
      if (!task || task.id !== message.id) return;
      if ('progress' in message) return task.onProgress?.(message.progress);
      entry.cpuSeconds = message.cpuSeconds;
      finish(entry, () => ('result' in message ? task.resolve(message.result) : task.reject(Object.assign(new Error(message.error.message), message.error))));
    });
    child.on('error', (error) => discard(entry, new IsolatedTaskError(`The task process could not run: ${error.message}`, 'crashed')));
    // 'close', not 'exit': by then stderr has been read, and it says why a child died.
    child.on('close', (code, signal) => discard(entry, exitError(code, signal, entry.stderrTail)));
    return entry;
  }

  function retire(entry: TChild<TInput, TResult, TProgress>): void {
    children.delete(entry);
    clearTimeout(entry.timer);
    entry.process.kill('SIGKILL');
    if (isWarm && !isClosed) start();
  }

  function finish(entry: TChild<TInput, TResult, TProgress>, settle: () => void): void {
    clearTimeout(entry.timer);
    entry.task = null;
    entry.tasksDone += 1;
    settle();
    if (entry.tasksDone >= maxTasks || entry.cpuSeconds >= options.limits.cpuSeconds / 2) retire(entry);
    pump();
  }

  function discard(entry: TChild<TInput, TResult, TProgress>, error: IsolatedTaskError): void {
    if (!children.has(entry)) return;
    const task = entry.task;
    entry.task = null;
    retire(entry);
    task?.reject(error);
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
      for (const entry of children) {
        clearTimeout(entry.timer);
        entry.task?.reject(new Error('The task pool is closed.'));
        entry.process.kill('SIGKILL');
      }
      children.clear();
      await Promise.all(exits);
    },
  };
}

/** How V8 and the C libraries say an allocation failed, on the way down. */
const OUT_OF_MEMORY_OUTPUT = /out of memory|allocation failed|Cannot allocate memory|std::bad_alloc|memory allocation of/i;

/** Why a child ended without an answer, from how it ended and its last words. */
export function exitError(code: number | null, signal: NodeJS.Signals | null, stderrTail = ''): IsolatedTaskError {
  const how = signal ?? `exit code ${code}`;
  // SIGXCPU at the soft CPU limit, SIGKILL from the kernel at the hard one.
  if (signal === 'SIGXCPU' || signal === 'SIGKILL') return new IsolatedTaskError(`The task process was killed (${how}): it used up its CPU time.`, 'cpu_limit');
  // Our own exit after an ArrayBuffer allocation failed, or V8 aborting (SIGABRT, exit 134)
  // when the heap cannot grow within the limit.
  if (code === OUT_OF_MEMORY_EXIT_CODE || ((signal === 'SIGABRT' || signal === 'SIGTRAP' || code === 134) && OUT_OF_MEMORY_OUTPUT.test(stderrTail))) {
    return new IsolatedTaskError(`The task process was stopped (${how}): it reached its memory limit.`, 'out_of_memory');
  }
  if (OUT_OF_MEMORY_OUTPUT.test(stderrTail)) return new IsolatedTaskError(`The task process died (${how}) after an allocation failed: it reached its memory limit.`, 'out_of_memory');
  return new IsolatedTaskError(`The task process exited (${how}) without an answer.`, 'crashed');
}
