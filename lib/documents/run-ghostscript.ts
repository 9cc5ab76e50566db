import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { DocumentError } from './document-error';
import { runProcess, type TRunProcessResult } from './run-process';

export type TRunGhostscriptOptions = {
  /**
   * The PDF: bytes (written to a private scratch file for the run, removed after it) or a file
   * already on disk. Never stdin: Ghostscript copies a PDF on stdin before it can start, which
   * for a 31 MB photo job took it over a minute of mostly system time (against 3 s for the file).
   */
  input: Uint8Array | { path: string };
  timeoutMs?: number;
  maxOutputBytes?: number;
  onStdout?: (chunk: Buffer) => void;
  /** The device output piped here as it comes, page by page, instead of being collected. */
  stdoutTo?: Writable;
  onStderrLine?: (line: string) => void;
};

export const GHOSTSCRIPT_DEFAULT_TIMEOUT_MS = 5 * 60_000;
export const GHOSTSCRIPT_DEFAULT_MAX_OUTPUT_BYTES = 1024 ** 3;

/**
 * Runs Ghostscript sandboxed (-dSAFER: no file access beyond its own resources and its input)
 * on a PDF file, with the device output on stdout (`-o -`) and PostScript's own
 * stdout moved to stderr so it cannot corrupt the output stream.
 * Ghostscript exits 0 even when it could not open a file ("No pages will be
 * processed"), so callers must check what came out, not just the exit code.
 */
export async function runGhostscript(deviceArgs: string[], options: TRunGhostscriptOptions): Promise<TRunProcessResult> {
  if (!(options.input instanceof Uint8Array)) return runGhostscriptOnFile(deviceArgs, options.input.path, options);
  const folder = await mkdtemp(path.join(tmpdir(), 'nearprint-gs-'));
  try {
    const inputPath = path.join(folder, 'input.pdf');
    await writeFile(inputPath, options.input, { mode: 0o600 });
    return await runGhostscriptOnFile(deviceArgs, inputPath, options);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function runGhostscriptOnFile(deviceArgs: string[], inputPath: string, options: TRunGhostscriptOptions): Promise<TRunProcessResult> {
  // -dSAFER still lets Ghostscript read the file named on its command line, and nothing else of ours.
  const args = ['-dSAFER', '-dBATCH', '-dNOPAUSE', '-q', '-sstdout=%stderr', ...deviceArgs, '-o', '-', inputPath];
  try {
    const result = await runProcess('gs', args, {
      timeoutMs: options.timeoutMs ?? GHOSTSCRIPT_DEFAULT_TIMEOUT_MS,
      maxStdoutBytes: options.maxOutputBytes ?? GHOSTSCRIPT_DEFAULT_MAX_OUTPUT_BYTES,
      onStdout: options.onStdout,
      stdoutTo: options.stdoutTo,
      onStderrLine: options.onStderrLine,
    });
    if (result.exitCode !== 0) {
      throw new DocumentError('conversion_failed', undefined, {
        details: `gs ${deviceArgs.join(' ')} exited ${result.exitCode ?? result.signal}: ${result.stderr}`,
      });
    }
    return result;
  } catch (error) {
    if (error instanceof DocumentError) throw error;
    throw new DocumentError('conversion_failed', undefined, { cause: error, details: `gs could not run: ${String(error)}` });
  }
}
