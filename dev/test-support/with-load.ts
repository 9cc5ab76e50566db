/**
 * Runs a command while the machine is loaded with Ghostscript render loops, to check
 * that tests of exactly-once, money and races do not depend on timing.
 *
 *   npx tsx dev/test-support/with-load.ts [--loops 3] [--repeat N] [-- command args...]
 *   npm run test:loaded -- --repeat 20 -- npx vitest run --project integration lib/agent/agent-mode.int.test.ts
 *
 * The command runs N times in a row (default once) and stops at the first failure;
 * the exit code is the command's. Without a command it runs the exactly-once tests
 * (agent mode and the print worker kill test).
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { startMachineLoad } from './machine-load';

const DEFAULT_COMMAND = ['npx', 'vitest', 'run', '--project', 'integration', 'lib/agent/agent-mode.int.test.ts', 'workers/loops/print-worker-kill.int.test.ts'];
const USAGE = 'Usage: tsx dev/test-support/with-load.ts [--loops N] [--repeat N] [-- command args...]';

function positiveInteger(value: string, name: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || (name === 'repeat' && number === 0)) {
    console.error(`--${name} must be a whole number${name === 'repeat' ? ' of at least 1' : ''}, not "${value}".\n${USAGE}`);
    process.exit(2);
  }
  return number;
}

function log(message: string): void {
  console.log(`[with-load] ${message}`);
}

async function runOnce(command: string[]): Promise<number> {
  const child = spawn(command[0], command.slice(1), { stdio: 'inherit' });
  // Ctrl-C reaches the command directly (same terminal process group); other signals sent to us are passed on.
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, forward);
  try {
    return await new Promise<number>((resolve) => {
      child.once('error', (error) => {
        console.error(`[with-load] could not run ${command[0]}: ${error.message}`);
        resolve(127);
      });
      child.once('exit', (code, signal) => resolve(code ?? 128 + (signal ? (os.constants.signals[signal] ?? 0) : 0)));
    });
  } finally {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.off(signal, forward);
  }
}

async function main(): Promise<number> {
  const separator = process.argv.indexOf('--', 2);
  const own = separator === -1 ? process.argv.slice(2) : process.argv.slice(2, separator);
  const command = separator === -1 ? DEFAULT_COMMAND : process.argv.slice(separator + 1);
  const { values } = parseArgs({ args: own, options: { loops: { type: 'string', default: '3' }, repeat: { type: 'string', default: '1' }, help: { type: 'boolean' } } });
  if (values.help || command.length === 0) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const loops = positiveInteger(values.loops, 'loops');
  const repeat = positiveInteger(values.repeat, 'repeat');

  const load = await startMachineLoad({ ghostscriptLoops: loops });
  log(`${loops} Ghostscript render loop(s) running on ${os.availableParallelism()} CPU(s); command: ${command.join(' ')}`);
  let code = 0;
  try {
    for (let run = 1; run <= repeat; run += 1) {
      const startedAt = Date.now();
      code = await runOnce(command);
      const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
      log(`run ${run}/${repeat} ${code === 0 ? 'passed' : `failed (exit code ${code})`} in ${seconds} s; ${load.rendersDone()} renders so far`);
      if (code !== 0) break;
    }
  } finally {
    await load.stop();
  }
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[with-load] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
