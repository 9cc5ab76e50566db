import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument, rgb } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { colorDuplexPdfPrinter, monoRasterPrinter } from '@/dev/printers/printer-presets';
import { readSpool } from '@/dev/printers/read-spool';
import { startPrinter, type TPrinterHandle } from '@/dev/printers/start-printer';
import { cancelJob } from '@/lib/ipp/cancel-job';
import { compareRequestedOptions } from '@/lib/ipp/compare-requested-options';
import { createJob } from '@/lib/ipp/create-job';
import { findJobByName } from '@/lib/ipp/find-job-by-name';
import { getJobAttributes } from '@/lib/ipp/get-job-attributes';
import { getJobs } from '@/lib/ipp/get-jobs';
import { getPrinterStatus } from '@/lib/ipp/get-printer-status';
import type { TJobState } from '@/lib/ipp/ipp-job';
import type { TJobTemplate } from '@/lib/ipp/job-template';
import { printJob } from '@/lib/ipp/print-job';
import { sendDocument } from '@/lib/ipp/send-document';

const run = promisify(execFile);

async function makePdf(pages: number): Promise<Buffer> {
  const document = await PDFDocument.create();
  for (let page = 0; page < pages; page += 1) {
    const sheet = document.addPage([595.28, 841.89]);
    sheet.drawText(`Nearprint test page ${page + 1}`, { x: 72, y: 720, size: 24 });
    sheet.drawRectangle({ x: 72, y: 400, width: 200, height: 100, color: rgb(0.9, 0.1, 0.1) });
  }
  return Buffer.from(await document.save());
}

async function waitForJob(uri: string, jobId: number, states: TJobState[]) {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    const job = await getJobAttributes(uri, jobId);
    if (states.includes(job.state)) return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`job ${jobId} never reached ${states.join('/')}`);
}

describe('job operations against real ippeveprinter printers', () => {
  let root: string;
  let colour: TPrinterHandle;
  let mono: TPrinterHandle;
  let slow: TPrinterHandle;
  const consoleLog = vi.spyOn(console, 'log');

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'nearprint-ipp-jobs-'));
    [colour, mono, slow] = await Promise.all([
      startPrinter(colorDuplexPdfPrinter({ name: 'Jobs Colour', port: 18623, spoolDir: path.join(root, 'colour'), pagesPerMinute: 600, pagesPerMinuteColor: 600 })),
      startPrinter(monoRasterPrinter({ name: 'Jobs Mono', port: 18624, spoolDir: path.join(root, 'mono'), pagesPerMinute: 600 })),
      startPrinter(colorDuplexPdfPrinter({ name: 'Jobs Slow', port: 18625, spoolDir: path.join(root, 'slow'), pagesPerMinute: 60, pagesPerMinuteColor: 60 })),
    ]);
  });

  afterAll(async () => {
    await Promise.all([colour, mono, slow].map((printer) => printer?.stop()));
    await rm(root, { recursive: true, force: true });
    expect(consoleLog).not.toHaveBeenCalled();
  });

  it('prints a PDF: the document arrives, Get-Jobs finds it by name, Get-Job-Attributes reports completion', async () => {
    const requested: TJobTemplate = {
      media: 'iso_a3_297x420mm',
      sides: 'two-sided-long-edge',
      printColorMode: 'color',
      copies: 2,
      finishings: ['staple'],
    };
    const pdf = await makePdf(2);
    const job = await printJob({ uri: colour.uri, jobName: 'np_job_pdf', userName: 'shop-42', documentFormat: 'application/pdf', data: pdf, attributes: requested });
    expect(job).toMatchObject({ jobName: 'np_job_pdf', unsupportedAttributes: [] });
    expect(['pending', 'processing']).toContain(job.state);

    const found = await findJobByName(colour.uri, 'np_job_pdf');
    expect(found).toMatchObject({ jobId: job.jobId, originatingUserName: 'shop-42' });
    expect(await findJobByName(colour.uri, 'np_job_missing')).toBeNull();

    const done = await waitForJob(colour.uri, job.jobId, ['completed']);
    expect(done).toMatchObject({ state: 'completed', stateReasons: ['job-completed-successfully'], impressions: 4, impressionsCompleted: 4 });
    expect(compareRequestedOptions(requested, done.reported)).toEqual([]);

    const completed = await getJobs(colour.uri, { whichJobs: 'completed' });
    expect(completed.map((entry) => entry.jobName)).toContain('np_job_pdf');
    expect((await getJobs(colour.uri, { whichJobs: 'all', requestingUserName: 'someone-else' })).length).toBe(0);

    const [spooled] = (await readSpool(colour.spoolDir)).filter((file) => file.jobId === job.jobId);
    expect(spooled).toMatchObject({ name: `${job.jobId}-np_job_pdf.pdf`, format: 'pdf', size: pdf.length });
    expect(await readFile(spooled.path)).toEqual(pdf);
  });

  it('prints PWG raster made by Ghostscript on the raster-only printer, and refuses PDF there', async () => {
    const pdfFile = path.join(root, 'three.pdf');
    const rasterFile = path.join(root, 'three.pwg');
    await writeFile(pdfFile, await makePdf(3));
    await run('gs', ['-q', '-dSAFER', '-dBATCH', '-dNOPAUSE', '-sDEVICE=pwgraster', '-r300', `-sOutputFile=${rasterFile}`, pdfFile]);

    const job = await printJob({
      uri: mono.uri,
      jobName: 'np_job_raster',
      documentFormat: 'image/pwg-raster',
      data: createReadStream(rasterFile),
      attributes: { media: 'iso_a4_210x297mm', printColorMode: 'monochrome' },
    });
    expect(await waitForJob(mono.uri, job.jobId, ['completed'])).toMatchObject({ impressions: 3, impressionsCompleted: 3 });
    const [spooled] = (await readSpool(mono.spoolDir)).filter((file) => file.jobId === job.jobId);
    expect(spooled).toMatchObject({ format: 'pwg-raster', size: (await readFile(rasterFile)).length });

    await expect(printJob({ uri: mono.uri, jobName: 'np_job_pdf_on_mono', documentFormat: 'application/pdf', data: await makePdf(1) })).rejects.toMatchObject({
      code: 'ipp_error',
      unsupportedAttributes: ['document-format'],
      message: expect.stringMatching(/^The printer does not support this kind of document\./),
    });
    await expect(
      printJob({ uri: mono.uri, jobName: 'np_job_a3', documentFormat: 'image/pwg-raster', data: await readFile(rasterFile), attributes: { media: 'iso_a3_297x420mm' } }),
    ).rejects.toMatchObject({ code: 'ipp_error', ippStatus: 'client-error-attributes-or-values-not-supported', unsupportedAttributes: ['media'] });
  });

  it('creates a job, then sends its document', async () => {
    const created = await createJob({ uri: colour.uri, jobName: 'np_job_two_step', attributes: { media: 'iso_a4_210x297mm', copies: 1 } });
    expect(created.state).toBe('pending-held');
    const sent = await sendDocument({ uri: colour.uri, jobId: created.jobId, documentFormat: 'application/pdf', data: await makePdf(1) });
    expect(sent.jobId).toBe(created.jobId);
    expect(await waitForJob(colour.uri, created.jobId, ['completed'])).toMatchObject({ impressionsCompleted: 1 });
  });

  it('cancels a job mid-print; meanwhile the busy printer refuses a second job', async () => {
    const job = await printJob({ uri: slow.uri, jobName: 'np_job_cancel', documentFormat: 'application/pdf', data: await makePdf(10) });
    await waitForJob(slow.uri, job.jobId, ['processing']);
    expect(await getPrinterStatus(slow.uri)).toMatchObject({ state: 'processing', queuedJobCount: 1 });

    const busy = await printJob({ uri: slow.uri, jobName: 'np_job_second', documentFormat: 'application/pdf', data: await makePdf(1) }).catch((error: unknown) => error);
    expect(busy).toMatchObject({ code: 'ipp_error', ippStatus: 'server-error-busy', isRetryable: true });

    await cancelJob(slow.uri, job.jobId);
    const canceled = await waitForJob(slow.uri, job.jobId, ['canceled', 'completed']);
    expect(canceled.state).toBe('canceled');
    expect(canceled.impressionsCompleted).toBeLessThan(10);
    await expect(cancelJob(slow.uri, job.jobId)).rejects.toMatchObject({ code: 'ipp_error', ippStatus: 'client-error-not-possible' });
    await expect(getJobAttributes(slow.uri, 9999)).rejects.toMatchObject({ code: 'ipp_error', ippStatus: 'client-error-not-found' });
  });
});
