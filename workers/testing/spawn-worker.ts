import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FAST_PRINT_ENV } from './start-print-worker';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type TWorkerProcess = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

/**
 * The real worker (`workers/main.ts`) as a child process, with the test's database, document
 * store and Stripe emulator and the fast print settings, for tests that SIGKILL it or run
 * several at once. Its output is kept for the failure message.
 */
export function spawnWorker(options: { env?: Record<string, string>; args?: string[] } = {}): TWorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'workers/main.ts', ...(options.args ?? [])], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...FAST_PRINT_ENV, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}
