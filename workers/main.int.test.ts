import { afterAll, describe, expect, it } from 'vitest';
import { closeDb } from '@/db/client';
import { spawnWorker } from './testing/spawn-worker';

afterAll(async () => {
  await closeDb();
});

describe('the worker process', () => {
  it('stops cleanly on SIGTERM: its loops finish and it exits 0, not killed by the signal', async () => {
    const worker = spawnWorker();
    const started = Date.now();
    while (!/started: polling printers/.test(worker.output())) {
      if (Date.now() - started > 60_000) throw new Error(`The worker did not start:\n${worker.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    worker.child.kill('SIGTERM');
    const code = await worker.exited;
    expect(worker.child.signalCode, worker.output()).toBeNull();
    expect(code, worker.output()).toBe(0);
  });
});
