import { Worker } from 'node:worker_threads';

/** tsx's loader, registered inside the thread so it can import the project's TypeScript. */
const TSX_API = import.meta.resolve('tsx/esm/api');

export class IsolatedTaskError extends Error {
  constructor(
    message: string,
    readonly reason: 'out_of_memory' | 'timeout' | 'crashed',
  ) {
    super(message);
  }
}

/**
 * Runs a task module in its own thread with a heap limit and a deadline, so a hostile file
 * that makes a parser explode takes down that thread, not the worker and its other jobs.
 * The module posts `{ progress }` messages and finally `{ result }` or `{ error }`.
 */
export function runInThread<TInput, TResult, TProgress = unknown>(options: {
  moduleUrl: URL;
  input: TInput;
  transfer?: ArrayBuffer[];
  heapLimitMb: number;
  timeoutMs: number;
  onProgress?: (progress: TProgress) => void;
}): Promise<TResult> {
  const bootstrap = `import(${JSON.stringify(TSX_API)}).then(({ register }) => { register(); return import(${JSON.stringify(options.moduleUrl.href)}); })`;
  const worker = new Worker(bootstrap, { eval: true, workerData: options.input, transferList: options.transfer, resourceLimits: { maxOldGenerationSizeMb: options.heapLimitMb } });
  return new Promise<TResult>((resolve, reject) => {
    let isSettled = false;
    const settle = (fn: () => void) => {
      if (isSettled) return;
      isSettled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(() => settle(() => reject(new IsolatedTaskError(`The task took longer than ${Math.round(options.timeoutMs / 1000)} s.`, 'timeout'))), options.timeoutMs);
    worker.on('message', (message: { progress?: TProgress; result?: TResult; error?: { name: string; message: string; code?: string; isExpected?: boolean } }) => {
      if (message.progress !== undefined) options.onProgress?.(message.progress);
      else if (message.error) settle(() => reject(Object.assign(new Error(message.error!.message), message.error)));
      else settle(() => resolve(message.result as TResult));
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const reason = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out_of_memory' : 'crashed';
      settle(() => reject(new IsolatedTaskError(reason === 'out_of_memory' ? 'The file needed more memory than allowed.' : error.message, reason)));
    });
    worker.on('exit', (code) => settle(() => reject(new IsolatedTaskError(`The task thread exited (${code}) without an answer.`, 'crashed'))));
  });
}
