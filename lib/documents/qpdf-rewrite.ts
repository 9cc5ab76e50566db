import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DocumentError } from './document-error';
import { runProcess } from './run-process';

export type TQpdfRewriteResult = { outcome: 'rewritten'; bytes: Buffer } | { outcome: 'needs_password' } | { outcome: 'failed'; details: string };

/**
 * Rewrites a PDF with qpdf: decrypts one that has only an owner password (it opens
 * without a password, so it is printable; pdf-lib cannot decrypt) and rebuilds a
 * damaged cross-reference table. qpdf cannot read a pipe (it seeks), so this is the
 * one place a PDF touches the disk: a private temp dir, removed afterwards.
 * Exit code 3 means "succeeded with warnings" (e.g. repaired).
 */
export async function qpdfRewrite(bytes: Uint8Array, options: { timeoutMs?: number } = {}): Promise<TQpdfRewriteResult> {
  const dir = await mkdtemp(path.join(tmpdir(), 'nearprint-qpdf-'));
  try {
    const input = path.join(dir, 'input.pdf');
    await writeFile(input, bytes, { mode: 0o600 });
    const result = await runProcess('qpdf', ['--decrypt', '--password=', '--object-streams=preserve', input, '-'], {
      timeoutMs: options.timeoutMs ?? 60_000,
      maxStdoutBytes: Math.max(64 * 1024 * 1024, bytes.length * 4),
    });
    if (/invalid password/i.test(result.stderr)) return { outcome: 'needs_password' };
    if ((result.exitCode === 0 || result.exitCode === 3) && result.stdout.length > 0) {
      return { outcome: 'rewritten', bytes: result.stdout };
    }
    return { outcome: 'failed', details: `qpdf exited ${result.exitCode}: ${result.stderr}` };
  } catch (error) {
    if (error instanceof DocumentError) throw error;
    return { outcome: 'failed', details: `qpdf could not run: ${String(error)}` };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
