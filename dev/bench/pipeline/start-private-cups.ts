import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@/dev/lib/free-port';
import { runProcess } from '@/lib/documents/run-process';

export type TPrivateCups = { host: string; queue: string; submit: (file: string, title: string) => Promise<void>; stop: () => Promise<void> };

/**
 * A CUPS scheduler of its own (Debian's `cupsd`, config dir in a temp folder, listening on a
 * free loopback port, no authentication), with one IPP Everywhere queue (`lpadmin -m
 * everywhere`) per given printer, grouped in a class that jobs are sent to (CUPS gives each job
 * to the first idle printer of the class), so the benchmark compares Nearprint with what a shop
 * running CUPS would have, on the same number of printers of the same kind, in the same run.
 */
export async function startPrivateCups(printerUris: string[]): Promise<TPrivateCups> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'nearprint-cups-'));
  for (const dir of ['spool', 'tmp', 'cache', 'state', 'ppd']) await mkdir(path.join(root, dir));
  const port = await freePort();
  await writeFile(
    path.join(root, 'cupsd.conf'),
    [
      `Listen 127.0.0.1:${port}`,
      'LogLevel warn',
      'WebInterface No',
      'Browsing Off',
      'DefaultAuthType None',
      'MaxJobs 0',
      '<Location />',
      '  Order allow,deny',
      '  Allow all',
      '</Location>',
      '<Policy default>',
      '  <Limit All>',
      '    Order deny,allow',
      '    Allow all',
      '  </Limit>',
      '</Policy>',
      '',
    ].join('\n'),
  );
  await writeFile(
    path.join(root, 'cups-files.conf'),
    [
      `ServerRoot ${root}`,
      `RequestRoot ${root}/spool`,
      `TempDir ${root}/tmp`,
      `CacheDir ${root}/cache`,
      `StateDir ${root}/state`,
      `AccessLog ${root}/access_log`,
      `ErrorLog ${root}/error_log`,
      `PageLog ${root}/page_log`,
      'ServerBin /usr/lib/cups',
      'DataDir /usr/share/cups',
      ...(process.getuid?.() === 0 ? ['User lp', 'Group lp'] : []),
      '',
    ].join('\n'),
  );
  // Filters run as lp when cupsd runs as root; they need to reach the spool and temp dirs.
  await chmod(root, 0o777);
  for (const dir of ['spool', 'tmp', 'cache', 'state', 'ppd']) await chmod(path.join(root, dir), 0o777);
  const cupsd = spawn('cupsd', ['-f', '-c', path.join(root, 'cupsd.conf'), '-s', path.join(root, 'cups-files.conf')], { stdio: 'ignore' });
  // A missing cupsd is an 'error' event, which unhandled would end the bench before it cleans up.
  let spawnError: Error | undefined;
  cupsd.once('error', (error) => (spawnError = error));
  const host = `127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (spawnError) throw new Error(`Cannot run cupsd (${spawnError.message}): install the Debian packages cups cups-client cups-bsd (bash dev/system-deps.sh bench).`);
    const status = await runProcess('lpstat', ['-h', host, '-r'], { timeoutMs: 2_000, maxStdoutBytes: 65_536 }).catch(() => null);
    if (status && status.exitCode === 0 && status.stdout.toString().includes('is running')) break;
    if (Date.now() > deadline) throw new Error('The private cupsd did not start (is the Debian package `cups` installed?).');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const queue = 'nearprint_bench';
  for (const [index, printerUri] of printerUris.entries()) {
    const lpadmin = (args: string[]) => runProcess('lpadmin', ['-h', host, ...args], { timeoutMs: 30_000, maxStdoutBytes: 65_536 });
    const added = await lpadmin(['-p', `${queue}_${index + 1}`, '-E', '-v', printerUri, '-m', 'everywhere']);
    if (added.exitCode !== 0) throw new Error(`lpadmin failed: ${added.stderr}`);
    const joined = await lpadmin(['-p', `${queue}_${index + 1}`, '-c', queue]);
    if (joined.exitCode !== 0) throw new Error(`lpadmin -c failed: ${joined.stderr}`);
  }
  // A class starts rejecting jobs until it is enabled and accepting.
  await runProcess('cupsenable', ['-h', host, queue], { timeoutMs: 10_000, maxStdoutBytes: 65_536 });
  await runProcess('cupsaccept', ['-h', host, queue], { timeoutMs: 10_000, maxStdoutBytes: 65_536 });
  return {
    host,
    queue,
    submit: async (file, title) => {
      const result = await runProcess('lp', ['-h', host, '-d', queue, '-t', title, file], { timeoutMs: 30_000, maxStdoutBytes: 65_536 });
      if (result.exitCode !== 0) throw new Error(`lp failed: ${result.stderr}`);
    },
    stop: async () => {
      if (cupsd.exitCode === null && cupsd.signalCode === null && !spawnError) {
        cupsd.kill('SIGTERM');
        await new Promise((resolve) => cupsd.once('exit', resolve));
      }
      await rm(root, { recursive: true, force: true });
    },
  };
}
