import { describe, expect, it } from 'vitest';
import { runProcess } from './run-process';

describe('runProcess', () => {
  it('pipes input through and collects output and exit code', async () => {
    const result = await runProcess('cat', [], { input: Buffer.from('hello'), timeoutMs: 5000, maxStdoutBytes: 100 });
    expect(result).toMatchObject({ exitCode: 0 });
    expect(result.stdout.toString()).toBe('hello');
  });

  it('kills the whole process group on timeout', async () => {
    const started = Date.now();
    await expect(runProcess('sh', ['-c', 'sleep 30 & sleep 30'], { timeoutMs: 200, maxStdoutBytes: 100 })).rejects.toMatchObject({
      code: 'timeout',
    });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('kills a process that writes more than allowed', async () => {
    await expect(runProcess('yes', [], { timeoutMs: 5000, maxStdoutBytes: 1024 * 1024 })).rejects.toMatchObject({
      code: 'output_too_large',
    });
  });

  it('streams stdout and stderr lines to callbacks', async () => {
    const chunks: Buffer[] = [];
    const lines: string[] = [];
    await runProcess('sh', ['-c', 'printf abc; printf "one\\ntwo\\n" >&2'], {
      timeoutMs: 5000,
      maxStdoutBytes: 100,
      onStdout: (chunk) => chunks.push(chunk),
      onStderrLine: (line) => lines.push(line),
    });
    expect(Buffer.concat(chunks).toString()).toBe('abc');
    expect(lines).toEqual(['one', 'two']);
  });

  it('rejects when the tool is missing', async () => {
    await expect(runProcess('no-such-tool-here', [], { timeoutMs: 1000, maxStdoutBytes: 10 })).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('runs the tool under OS limits with only the allow-listed environment (no secrets)', async () => {
    process.env.DATABASE_URL = 'postgres://secret@db/x';
    process.env.STRIPE_SECRET_KEY = 'sk_test_secret';
    try {
      const result = await runProcess('sh', ['-c', 'echo "db=$DATABASE_URL stripe=$STRIPE_SECRET_KEY path=${PATH:+set}"; ulimit -n; ulimit -v; ulimit -t'], {
        timeoutMs: 5000,
        maxStdoutBytes: 10_000,
        limits: { openFiles: 64, addressSpaceBytes: 1024 ** 3, cpuSeconds: 7 },
      });
      expect(result.stdout.toString().trim().split('\n')).toEqual(['db= stripe= path=set', '64', String(1024 ** 2), '7']);
    } finally {
      delete process.env.DATABASE_URL;
      delete process.env.STRIPE_SECRET_KEY;
    }
  });

  it('bounds a big runtime by its data segment instead of its address space (LibreOffice)', async () => {
    const result = await runProcess('sh', ['-c', 'ulimit -d; ulimit -v'], {
      timeoutMs: 5000,
      maxStdoutBytes: 10_000,
      limits: { addressSpaceBytes: Infinity, dataBytes: 2 * 1024 ** 3 },
    });
    expect(result.stdout.toString().trim().split('\n')).toEqual([String(2 * 1024 ** 2), 'unlimited']);
  });
});
