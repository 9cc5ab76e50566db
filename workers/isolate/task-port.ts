/**
 * How a task module talks to the worker that runs it: over the IPC channel when it runs in a
 * child process (process-pool.ts), over `parentPort` when it runs in a thread.
 */
import { parentPort } from 'node:worker_threads';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each task module types its own messages
export type TTaskPort = { postMessage: (message: unknown) => void; onMessage: (handler: (message: any) => void) => void };

export function taskPort(): TTaskPort {
  if (parentPort) {
    const port = parentPort;
    return { postMessage: (message) => port.postMessage(message), onMessage: (handler) => port.on('message', handler) };
  }
  if (!process.send) throw new Error('A task module runs in a thread or in a child process with an IPC channel.');
  // The worker that started this child is gone (even killed with SIGKILL): nobody wants the answer.
  process.on('disconnect', () => process.exit(0));
  return {
    postMessage: (message) => void process.send!(message),
    onMessage: (handler) => process.on('message', handler),
  };
}
