/**
 * How a task module talks to the worker that runs it (process-pool.ts): over the child's IPC
 * channel. Answers carry the child's CPU time so far, so the pool replaces it before its
 * CPU limit could cut a task short.
 */
import { createRequire } from 'node:module';
import { isAllocationFailure } from '@/lib/documents/allocation-failure';
import { toDocumentError } from '@/lib/documents/document-error';
import { OUT_OF_MEMORY_EXIT_CODE } from './isolated-task-error';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each task module types its own messages
export type TTaskPort = { postMessage: (message: unknown) => void; onMessage: (handler: (message: any) => void) => void };

/** The port of this child process; `tag` names it in its logs. */
export function taskPort(tag: string): TTaskPort {
  if (!process.send) throw new Error('A task module runs in a child process with an IPC channel.');
  // The worker that started this child is gone (even killed with SIGKILL): nobody wants the answer.
  process.on('disconnect', () => process.exit(0));
  exitWhenInflatingFails(tag);
  return {
    postMessage: (message) => void process.send!(message),
    onMessage: (handler) => process.on('message', handler),
  };
}

/** Ends this child because memory ran out under its limit: the pool reports `out_of_memory`. */
function exitOutOfMemory(tag: string, error: unknown): never {
  process.stderr.write(`[${tag}] out of memory: ${String(error)}\n`);
  process.exit(OUT_OF_MEMORY_EXIT_CODE);
}

/**
 * pdf-lib inflates a stream into a buffer it doubles (DecodeStream.ensureBuffer), and its
 * parser swallows any error while it reads an object: a flate bomb whose buffer the memory
 * limit refused would come back as a "damaged" PDF, and be handed to qpdf to inflate again.
 * Here a refused (or impossibly large) buffer ends the child at once instead.
 */
function exitWhenInflatingFails(tag: string): void {
  const require = createRequire(import.meta.url);
  const { default: DecodeStream } = require('pdf-lib/cjs/core/streams/DecodeStream') as { default: { prototype: { ensureBuffer: (requested: number) => Uint8Array } } };
  const ensureBuffer = DecodeStream.prototype.ensureBuffer;
  DecodeStream.prototype.ensureBuffer = function (this: unknown, requested: number) {
    try {
      return ensureBuffer.call(this, requested);
    } catch (error) {
      if (error instanceof RangeError) exitOutOfMemory(tag, error);
      throw error;
    }
  };
}

function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** Sends the task's result. */
export function answer(port: TTaskPort, id: number, result: unknown): void {
  port.postMessage({ id, result, cpuSeconds: cpuSeconds() });
}

/**
 * Sends the task's failure as a DocumentError's code and message; a failed allocation instead
 * ends this child (OUT_OF_MEMORY_EXIT_CODE), which the pool reports as its memory limit.
 */
export function answerError(port: TTaskPort, id: number, error: unknown, tag: string): void {
  if (isAllocationFailure(error)) exitOutOfMemory(tag, error);
  const documentError = toDocumentError(error);
  if (!documentError.isExpected) console.error(`[${tag}] unexpected failure:`, documentError.details ?? documentError.message);
  port.postMessage({
    id,
    error: { name: 'DocumentError', message: documentError.message, code: documentError.code, isExpected: documentError.isExpected },
    cpuSeconds: cpuSeconds(),
  });
}
