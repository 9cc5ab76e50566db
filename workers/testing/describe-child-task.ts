/**
 * A task module for tests of the isolation (process-pool.ts): answers what the child sees, its
 * environment's variable names and its OS limits (/proc/self/limits).
 */
import { readFileSync } from 'node:fs';
import { answer, taskPort } from '../isolate/task-port';

const port = taskPort('describe-child');

port.onMessage(({ id }: { id: number }) => {
  answer(port, id, { env: Object.keys(process.env).sort(), limits: readFileSync('/proc/self/limits', 'utf8') });
});

port.postMessage({ ready: true });
