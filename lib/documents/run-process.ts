import { spawn } from 'node:child_process';
import { DocumentError } from './document-error';

export type TRunProcessOptions = {
  input?: Uint8Array;
  timeoutMs: number;
  /** Stdout beyond this is a hostile or runaway job: the process is killed. */
  maxStdoutBytes: number;
  /** Streams stdout to the caller instead of collecting it (the limit still applies). */
  onStdout?: (chunk: Buffer) => void;
  onStderrLine?: (line: string) => void;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
};

export type TRunProcessResult = {
  stdout: Buffer;
  stderr: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
};

const STDERR_TAIL_BYTES = 64 * 1024;

/**
 * Runs a tool with a hard timeout and an output cap, killing its whole process group
 * (soffice and gs may fork) so that a hostile file can never hang or flood the worker.
 * Rejects with the spawn error (e.g. ENOENT) when the tool is missing.
 */
export function runProcess(command: string, args: string[], options: TRunProcessOptions): Promise<TRunProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = '';
    let stderrPartial = '';
    let failure: Error | undefined;

    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const fail = (error: Error) => {
      if (!failure) failure = error;
      killGroup();
    };

    const timer = setTimeout(() => fail(new DocumentError('timeout', undefined, { details: `${command} exceeded ${options.timeoutMs} ms` })), options.timeoutMs);

    child.stdout.on('data', (chunk: Buffer) => {
      if (failure) return;
      stdoutBytes += chunk.length;
      if (stdoutBytes > options.maxStdoutBytes) {
        fail(new DocumentError('output_too_large', undefined, { details: `${command} wrote over ${options.maxStdoutBytes} bytes` }));
        return;
      }
      if (!options.onStdout) {
        chunks.push(chunk);
        return;
      }
      try {
        options.onStdout(chunk);
      } catch (error) {
        fail(error as Error);
      }
    });

    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      stderr = (stderr + text).slice(-STDERR_TAIL_BYTES);
      if (!options.onStderrLine) return;
      const lines = (stderrPartial + text).split('\n');
      stderrPartial = lines.pop() ?? '';
      for (const line of lines) options.onStderrLine(line);
    });

    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });

    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      if (failure) {
        reject(failure);
        return;
      }
      resolve({ stdout: Buffer.concat(chunks), stderr, exitCode, signal });
    });

    // The tool may exit before reading all input (e.g. it rejected the header): not our error.
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? Buffer.alloc(0));
  });
}
