import { Worker } from 'node:worker_threads';
import { IsolatedTaskError } from './run-in-thread';

const TSX_API = import.meta.resolve('tsx/esm/api');

type TTaskMessage<TResult, TProgress> =
  { ready: true } | { id: number; progress: TProgress } | { id: number; result: TResult } | { id: number; error: { name: string; message: string; code?: string; isExpected?: boolean } };

type TTask<TInput, TResult, TProgress> = {
  id: number;
  input: TInput;
  transfer: ArrayBuffer[];
  timeoutMs: number;
  onProgress?: (progress: TProgress) => void;
  resolve: (result: TResult) => void;
  reject: (error: Error) => void;
};

type TThread<TInput, TResult, TProgress> = { worker: Worker; task: TTask<TInput, TResult, TProgress> | null; timer?: NodeJS.Timeout; tasksDone: number; isReady: Promise<void> };

export type TThreadPool<TInput, TResult, TProgress> = {
  run(input: TInput, options: { timeoutMs: number; transfer?: ArrayBuffer[]; onProgress?: (progress: TProgress) => void }): Promise<TResult>;
  close(): Promise<void>;
};

/**
 * Long-lived threads for heavy work, as runInThread isolates it (own heap limit, deadline,
 * a crash takes down only the thread) but without paying the ~1.5 s it takes a fresh thread
 * to load the TypeScript loader, pdf-lib and friends: the print pipeline must answer in a
 * fraction of a second for a job to reach its printer within one. A thread that times out,
 * runs out of memory or crashes is thrown away and replaced; each is also replaced after
 * `maxTasksPerThread` tasks, so nothing one document left behind lives on for long.
 *
 * The task module listens for `{ id, input }` messages and answers `{ id, progress }`,
 * then `{ id, result }` or `{ id, error }`; it posts `{ ready: true }` once loaded.
 */
export function createThreadPool<TInput, TResult, TProgress = unknown>(options: {
  moduleUrl: URL;
  size: number;
  heapLimitMb: number;
  maxTasksPerThread?: number;
}): TThreadPool<TInput, TResult, TProgress> {
  const threads = new Set<TThread<TInput, TResult, TProgress>>();
  const waiting: TTask<TInput, TResult, TProgress>[] = [];
  const maxTasks = options.maxTasksPerThread ?? 50;
  let nextId = 1;
  let isClosed = false;

  function spawn(): TThread<TInput, TResult, TProgress> {
    const bootstrap = `import(${JSON.stringify(TSX_API)}).then(({ register }) => { register(); return import(${JSON.stringify(options.moduleUrl.href)}); })`;
    const worker = new Worker(bootstrap, { eval: true, resourceLimits: { maxOldGenerationSizeMb: options.heapLimitMb } });
    worker.unref();
    let markReady: () => void = () => undefined;
    const thread: TThread<TInput, TResult, TProgress> = { worker, task: null, tasksDone: 0, isReady: new Promise<void>((resolve) => (markReady = resolve)) };
    threads.add(thread);
    worker.on('message', (message: TTaskMessage<TResult, TProgress>) => {
      if ('ready' in message) return markReady();
      const task = thread.task;
      if (!task || task.id !== message.id) return;
      if ('progress' in message) return task.onProgress?.(message.progress);
      finish(thread, () => ('result' in message ? task.resolve(message.result) : task.reject(Object.assign(new Error(message.error.message), message.error))));
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const reason = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out_of_memory' : 'crashed';
      discard(thread, new IsolatedTaskError(reason === 'out_of_memory' ? 'The file needed more memory than allowed.' : error.message, reason));
    });
    worker.on('exit', (code) => discard(thread, new IsolatedTaskError(`The task thread exited (${code}) without an answer.`, 'crashed')));
    return thread;
  }

  function finish(thread: TThread<TInput, TResult, TProgress>, settle: () => void): void {
    clearTimeout(thread.timer);
    thread.task = null;
    thread.tasksDone += 1;
    settle();
    if (thread.tasksDone >= maxTasks) {
      threads.delete(thread);
      void thread.worker.terminate();
    }
    pump();
  }

  function discard(thread: TThread<TInput, TResult, TProgress>, error: IsolatedTaskError): void {
    if (!threads.has(thread)) return;
    threads.delete(thread);
    clearTimeout(thread.timer);
    const task = thread.task;
    thread.task = null;
    void thread.worker.terminate();
    task?.reject(error);
    pump();
  }

  function start(thread: TThread<TInput, TResult, TProgress>, task: TTask<TInput, TResult, TProgress>): void {
    thread.task = task;
    void thread.isReady.then(() => {
      if (thread.task !== task) return;
      thread.timer = setTimeout(() => discard(thread, new IsolatedTaskError(`The task took longer than ${Math.round(task.timeoutMs / 1000)} s.`, 'timeout')), task.timeoutMs);
      thread.worker.postMessage({ id: task.id, input: task.input }, task.transfer);
    });
  }

  function pump(): void {
    while (waiting.length && !isClosed) {
      const idle = [...threads].find((thread) => !thread.task) ?? (threads.size < options.size ? spawn() : null);
      if (!idle) return;
      start(idle, waiting.shift()!);
    }
  }

  // Warm: the first job should not wait for threads to load.
  for (let i = 0; i < options.size; i += 1) spawn();

  return {
    run(input, runOptions) {
      if (isClosed) return Promise.reject(new Error('The thread pool is closed.'));
      return new Promise<TResult>((resolve, reject) => {
        waiting.push({ id: nextId++, input, transfer: runOptions.transfer ?? [], timeoutMs: runOptions.timeoutMs, onProgress: runOptions.onProgress, resolve, reject });
        pump();
      });
    },
    async close() {
      isClosed = true;
      for (const task of waiting.splice(0)) task.reject(new Error('The thread pool is closed.'));
      await Promise.all([...threads].map((thread) => thread.worker.terminate()));
      threads.clear();
    },
  };
}
