/**
 * A benchmark stopped mid-run leaves nothing behind: `kill <pid>` (SIGTERM to the bench alone,
 * not its process group) while bench:pipeline runs its worker and printers. Afterwards no
 * process of that run is alive (the worker, the ippeveprinters: found by the run's scratch
 * folder in their command lines or environment), the scratch folder is gone, and so is the
 * scratch database on PostgreSQL.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { eventually } from '@/dev/test-support/fixtures';

/** Pids whose command line or environment mentions `text` (our own process and the test runner left out). */
function processesMentioning(text: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const seen = readFileSync(`/proc/${pid}/cmdline`, 'utf8') + readFileSync(`/proc/${pid}/environ`, 'utf8');
      if (seen.includes(text)) pids.push(pid);
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return pids;
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('benchmark cleanup', () => {
  it('bench:pipeline killed mid-run stops its worker and printers and drops its scratch database and folder', async () => {
    const server = process.env.TEST_DATABASE_URL;
    const backend = server ? ['--backend', 'postgis', '--database-url', server] : ['--backend', 'pglite'];
    const bench = spawn(process.execPath, ['--import', 'tsx', 'dev/bench/pipeline/bench-pipeline.ts', '--quick', ...backend], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    bench.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    bench.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => bench.once('exit', (code) => resolve(code)));

    // Mid-run: the worker and the printers are up and the first jobs are being paid.
    const started = await eventually('the bench to start its worker', async () => /worker pid (\d+); scratch (\S+)\./.exec(output), 180_000, 200);
    const [, workerPid, scratch] = started;
    expect(processesMentioning(scratch).length).toBeGreaterThan(1);
    bench.kill('SIGTERM');
    const code = await exited;

    expect(code, output.slice(-2000)).not.toBe(0);
    await eventually('every process of the run to be gone', async () => !isAlive(Number(workerPid)) && processesMentioning(scratch).length === 0, 30_000);
    const left = existsSync(scratch) ? readdirSync(scratch, { recursive: true }).join(', ') : '';
    expect(existsSync(scratch), `left in ${scratch}: ${left}\n${output.slice(-2000)}`).toBe(false);
    if (server) {
      const admin = postgres(server, { max: 1, onnotice: () => {} });
      try {
        // The drop is the bench's last step; on a loaded server it may still be finishing as the process goes.
        const name = `nearprint_bench_pipeline_${bench.pid}`;
        await eventually(`the scratch database ${name} to be dropped`, async () => (await admin`select datname from pg_database where datname = ${name}`).length === 0, 30_000, 250).catch(
          (error: Error) => {
            throw new Error(`${error.message}\n${output.slice(-2000)}`);
          },
        );
      } finally {
        await admin.end();
      }
    }
  }, 240_000);
});
