import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startMachineLoad } from './machine-load';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function isGroupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function eventually<T>(what: string, read: () => T | null | undefined | false, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('startMachineLoad', () => {
  it('runs real Ghostscript render loops in their own process groups until stop()', async () => {
    const load = await startMachineLoad({ ghostscriptLoops: 2, pages: 2, resolutionDpi: 72 });
    try {
      expect(load.pgids).toHaveLength(2);
      expect(load.pgids.every(isGroupAlive)).toBe(true);
      expect(existsSync(load.fixture)).toBe(true);
      await eventually('a few renders', () => load.rendersDone() >= 4);
    } finally {
      await load.stop();
    }
    expect(load.pgids.some(isGroupAlive)).toBe(false);
    expect(existsSync(path.dirname(load.fixture))).toBe(false);
    await load.stop();
  });

  it('does not outlive a process that is SIGKILLed', async () => {
    const script = `import('./dev/test-support/machine-load.ts').then((m) => m.startMachineLoad({ ghostscriptLoops: 1, pages: 2, resolutionDpi: 72 })).then((load) => { console.log(JSON.stringify({ pgids: load.pgids, fixture: load.fixture })); setInterval(() => {}, 1000); });`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const started = await eventually('the load to start', () => output.includes('}') && (JSON.parse(output.trim()) as { pgids: number[]; fixture: string }));
      expect(started.pgids.every(isGroupAlive)).toBe(true);
      expect(existsSync(started.fixture)).toBe(true);

      child.kill('SIGKILL');
      await eventually('the reaper to kill the loops and remove the fixture', () => !started.pgids.some(isGroupAlive) && !existsSync(path.dirname(started.fixture)), 10_000);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
