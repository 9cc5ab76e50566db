import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getJobAttributes } from '@/lib/ipp/get-job-attributes';
import { getPrinterStatus } from '@/lib/ipp/get-printer-status';
import { printJob } from '@/lib/ipp/print-job';
import { colorDuplexPdfPrinter, monoRasterPrinter } from './printer-presets';
import { readSpool } from './read-spool';
import { startPrinter, type TPrinterHandle } from './start-printer';

const run = promisify(execFile);

/** Attributes as ipptool (libcups, an independent IPP client) reads them; the first of duplicates wins. */
async function ipptoolAttributes(uri: string): Promise<Record<string, string>> {
  const output = await run('ipptool', ['-tv', uri, 'get-printer-attributes.test']).then(
    (result) => result.stdout,
    (error: { stdout?: string }) => error.stdout ?? '',
  );
  const attributes: Record<string, string> = {};
  for (const match of output.matchAll(/^\s+([a-z0-9-]+) \([^)]+\) = (.*)$/gm)) attributes[match[1]] ??= match[2];
  return attributes;
}

async function pdf(pages: number): Promise<Buffer> {
  const document = await PDFDocument.create();
  for (let page = 0; page < pages; page += 1) document.addPage();
  return Buffer.from(await document.save());
}

function isGroupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForState(uri: string, jobId: number, state: string) {
  for (let attempt = 0; attempt < 150; attempt += 1) {
    const job = await getJobAttributes(uri, jobId);
    if (job.state === state) return job;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`job ${jobId} never reached ${state}`);
}

describe('dev printers (ippeveprinter)', () => {
  let root: string;
  const started: TPrinterHandle[] = [];
  const start = async (...args: Parameters<typeof startPrinter>) => {
    const handle = await startPrinter(...args);
    started.push(handle);
    return handle;
  };

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'nearprint-dev-printers-'));
  });

  afterEach(async () => {
    await Promise.all(started.splice(0).map((handle) => handle.stop()));
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('starts a colour duplex PDF printer and a mono raster-only printer that report what they are', async () => {
    const colour = await start(colorDuplexPdfPrinter({ name: 'Int Colour', port: 18610, spoolDir: path.join(root, 'colour'), geoLocation: { lat: 51.5, lon: -0.12 } }));
    const mono = await start(monoRasterPrinter({ name: 'Int Mono', port: 18611, spoolDir: path.join(root, 'mono') }));
    expect(colour.uri).toBe('ipp://localhost:18610/ipp/print');

    const colourAttributes = await ipptoolAttributes(colour.uri);
    expect(colourAttributes).toMatchObject({
      'color-supported': 'true',
      'print-color-mode-supported': 'auto,color,monochrome',
      'document-format-supported': 'application/pdf,image/pwg-raster,image/jpeg,application/octet-stream',
      'sides-supported': 'one-sided,two-sided-long-edge,two-sided-short-edge',
      'media-ready': 'iso_a4_210x297mm,iso_a3_297x420mm',
      'finishings-supported': 'none,staple,punch',
      'pages-per-minute': '30',
      'pages-per-minute-color': '20',
      'printer-geo-location': 'geo:51.5,-0.12',
    });

    const monoAttributes = await ipptoolAttributes(mono.uri);
    expect(monoAttributes).toMatchObject({
      'color-supported': 'false',
      'print-color-mode-supported': 'monochrome',
      'sides-supported': 'one-sided',
      'printer-make-and-model': 'Nearprint MonoLaser 1100',
    });
    expect(monoAttributes['document-format-supported'].split(',')).not.toContain('application/pdf');
    expect(monoAttributes).not.toHaveProperty('pages-per-minute-color');
  });

  it('prints at the spec speed, reporting impressions, and keeps the document', async () => {
    const printer = await start(colorDuplexPdfPrinter({ name: 'Int Speed', port: 18612, spoolDir: path.join(root, 'speed'), pagesPerMinute: 120 }));
    const startedAt = Date.now();
    const job = await printJob({
      uri: printer.uri,
      jobName: 'np_speed',
      documentFormat: 'application/pdf',
      data: await pdf(3),
      attributes: { printColorMode: 'monochrome', copies: 2 },
    });
    const done = await waitForState(printer.uri, job.jobId, 'completed');
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(6 * 500);
    expect(done).toMatchObject({ impressions: 6, impressionsCompleted: 6 });
    expect(await readSpool(printer.spoolDir)).toMatchObject([{ name: '1-np_speed.pdf', jobId: 1, format: 'pdf' }]);
  });

  it('aborts a job whose document it cannot read', async () => {
    const printer = await start(colorDuplexPdfPrinter({ name: 'Int Broken', port: 18613, spoolDir: path.join(root, 'broken') }));
    const job = await printJob({ uri: printer.uri, jobName: 'np_broken', documentFormat: 'application/pdf', data: Buffer.from('%PDF-1.7 not really') });
    const aborted = await waitForState(printer.uri, job.jobId, 'aborted');
    expect(aborted.stateMessage).toMatch(/Unable to print the document/);
  });

  it('starts again on the same port and spool directory after stop()', async () => {
    const spec = colorDuplexPdfPrinter({ name: 'Int Restart', port: 18614, spoolDir: path.join(root, 'restart'), pagesPerMinute: 600 });
    const first = await startPrinter(spec);
    const job = await printJob({ uri: first.uri, jobName: 'np_before', documentFormat: 'application/pdf', data: await pdf(1) });
    await waitForState(first.uri, job.jobId, 'completed');
    await first.stop();
    expect(isGroupAlive(first.pid)).toBe(false);
    await expect(getPrinterStatus(first.uri, { timeoutMs: 1_000 })).rejects.toMatchObject({ code: 'unreachable' });

    const second = await start(first.spec);
    expect(second.port).toBe(18614);
    expect((await getPrinterStatus(second.uri)).state).toBe('idle');
    const again = await printJob({ uri: second.uri, jobName: 'np_after', documentFormat: 'application/pdf', data: await pdf(1) });
    expect(again.jobId).toBe(1);
    await waitForState(second.uri, again.jobId, 'completed');
    expect((await readSpool(second.spoolDir)).map((file) => file.name)).toEqual(['1-np_after.pdf', '1-np_before.pdf']);
  });

  it('kill() makes a printer vanish mid-job, print command included', async () => {
    const printer = await startPrinter(colorDuplexPdfPrinter({ name: 'Int Kill', port: 18615, spoolDir: path.join(root, 'kill'), pagesPerMinute: 60 }));
    const job = await printJob({ uri: printer.uri, jobName: 'np_kill', documentFormat: 'application/pdf', data: await pdf(20) });
    await waitForState(printer.uri, job.jobId, 'processing');
    await printer.kill();
    expect(isGroupAlive(printer.pid)).toBe(false);
    await expect(getJobAttributes(printer.uri, job.jobId, { timeoutMs: 1_000 })).rejects.toMatchObject({ code: 'unreachable' });
  });

  it('pause() freezes the printer mid-job, resume() lets it finish, and stop() or kill() end a paused printer', async () => {
    const printer = await start(colorDuplexPdfPrinter({ name: 'Int Pause', spoolDir: path.join(root, 'pause'), pagesPerMinute: 120 }));
    const job = await printJob({ uri: printer.uri, jobName: 'np_pause', documentFormat: 'application/pdf', data: await pdf(4) });
    await waitForState(printer.uri, job.jobId, 'processing');
    await printer.pause();
    await expect(getPrinterStatus(printer.uri, { timeoutMs: 1_000 })).rejects.toMatchObject({ code: 'timeout' });
    await printer.resume();
    expect((await waitForState(printer.uri, job.jobId, 'completed')).impressionsCompleted).toBe(4);

    await printer.pause();
    await printer.stop();
    expect(isGroupAlive(printer.pid)).toBe(false);

    const killed = await start(monoRasterPrinter({ name: 'Int Pause Kill', spoolDir: path.join(root, 'pause-kill') }));
    await killed.pause();
    await killed.kill();
    expect(isGroupAlive(killed.pid)).toBe(false);
    await expect(killed.resume()).rejects.toThrow(/not running/);
  });

  it('refuses a port that is already taken', async () => {
    const printer = await start(monoRasterPrinter({ name: 'Int Taken', port: 18616, spoolDir: path.join(root, 'taken-1') }));
    await expect(startPrinter(monoRasterPrinter({ name: 'Int Taken 2', port: printer.port, spoolDir: path.join(root, 'taken-2') }))).rejects.toThrow(/port 18616 is already in use/);
  });
});
