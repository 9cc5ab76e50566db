import type { Writable } from 'node:stream';
import { DocumentError } from './document-error';
import { runProcess, type TRunProcessResult } from './run-process';

export type TRunGhostscriptOptions = {
  /** The PDF, fed on stdin: nothing of ours touches the disk. */
  input: Uint8Array;
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
 * Runs Ghostscript sandboxed (-dSAFER: no file access beyond its own resources) on a
 * PDF read from stdin, with the device output on stdout (`-o -`) and PostScript's own
 * stdout moved to stderr so it cannot corrupt the output stream.
 * Ghostscript exits 0 even when it could not open a file ("No pages will be
 * processed"), so callers must check what came out, not just the exit code.
 */
export async function runGhostscript(deviceArgs: string[], options: TRunGhostscriptOptions): Promise<TRunProcessResult> {
  const args = ['-dSAFER', '-dBATCH', '-dNOPAUSE', '-q', '-sstdout=%stderr', ...deviceArgs, '-o', '-', '-'];
  try {
    const result = await runProcess('gs', args, {
      input: options.input,
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
