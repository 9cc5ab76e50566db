import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createJob } from '@/lib/ipp/create-job';
import { findJobByName } from '@/lib/ipp/find-job-by-name';
import { getJobAttributes } from '@/lib/ipp/get-job-attributes';
import { getJobs } from '@/lib/ipp/get-jobs';
import { getPrinterStatus } from '@/lib/ipp/get-printer-status';
import type { TIppJob } from '@/lib/ipp/ipp-job';
import { ippRequest } from '@/lib/ipp/ipp-request';
import { printJob } from '@/lib/ipp/print-job';
import { sendDocument } from '@/lib/ipp/send-document';
import { colorDuplexPdfPrinter } from './printer-presets';
import { readSpool } from './read-spool';
import { startFaultProxy, type TFaultProxy } from './start-fault-proxy';
import { startPrinter, type TPrinterHandle } from './start-printer';

const PDF = 'application/pdf';

/** A real multi-page text PDF, a few KiB per page, so uploads can be cut part-way. */
async function textPdf(pages: number): Promise<Buffer> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  for (let index = 0; index < pages; index += 1) {
    const page = document.addPage();
    for (let line = 0; line < 40; line += 1) page.drawText(`Page ${index + 1}, line ${line + 1}: the quick brown fox`, { x: 40, y: 800 - line * 18, size: 11, font });
  }
  return Buffer.from(await document.save());
}

/** Polls until `read` returns something truthy; the printer does its work on its own time. */
async function eventually<T>(what: string, read: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The printer's own view, not through the proxy. */
async function jobsOnPrinter(printer: TPrinterHandle): Promise<TIppJob[]> {
  return getJobs(printer.uri, { whichJobs: 'all' });
}

/** ippeveprinter takes one job at a time and answers server-error-busy meanwhile. */
async function waitUntilIdle(printer: TPrinterHandle): Promise<TIppJob[]> {
  return eventually('the printer to finish its jobs', async () => {
    const jobs = await jobsOnPrinter(printer);
    return jobs.every((job) => ['completed', 'aborted', 'canceled'].includes(job.state)) && jobs;
  });
}

describe('IPP fault proxy in front of a real ippeveprinter', () => {
  let root: string;
  let document: Buffer;
  let printer: TPrinterHandle;
  let proxy: TFaultProxy;

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'nearprint-fault-proxy-'));
    document = await textPdf(12);
  });

  beforeEach(async (context) => {
    const name = context.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40);
    printer = await startPrinter(colorDuplexPdfPrinter({ name: `Faults ${name}`, spoolDir: path.join(root, name), pagesPerMinute: 1200, pagesPerMinuteColor: 1200 }));
    proxy = await startFaultProxy({ target: printer });
  });

  afterEach(async () => {
    await proxy.stop();
    await printer.stop();
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('with no fault, forwards requests and documents byte for byte and counts them', async () => {
    expect(proxy.uri).toMatch(/^ipp:\/\/127\.0\.0\.1:\d+\/ipp\/print$/);
    expect((await getPrinterStatus(proxy.uri)).state).toBe('idle');
    const job = await printJob({ uri: proxy.uri, jobName: 'np_plain', documentFormat: PDF, data: document });
    await eventually('completed', async () => (await getJobAttributes(proxy.uri, job.jobId)).state === 'completed');
    // A streamed (chunked) upload as well as a Buffer (Content-Length) one.
    await waitUntilIdle(printer);
    const streamed = await printJob({ uri: proxy.uri, jobName: 'np_streamed', documentFormat: PDF, data: Readable.from([document.subarray(0, 1000), document.subarray(1000)]) });
    await eventually('completed', async () => (await getJobAttributes(proxy.uri, streamed.jobId)).state === 'completed');

    const spool = await readSpool(printer.spoolDir);
    expect(spool.map((file) => file.name)).toEqual(['1-np_plain.pdf', '2-np_streamed.pdf']);
    for (const file of spool) expect((await readFile(file.path)).equals(document)).toBe(true);
    const stats = proxy.stats;
    expect(stats.requests).toMatchObject({ 'Get-Printer-Attributes': 1, 'Print-Job': 2 });
    expect(stats.documentsForwarded).toBe(2);
    expect(stats.uploads).toEqual([
      { operation: 'Print-Job', jobName: 'np_plain', jobId: 1, documentBytesForwarded: document.length, isChunked: false, outcome: 'forwarded' },
      { operation: 'Print-Job', jobName: 'np_streamed', jobId: 2, documentBytesForwarded: document.length, isChunked: true, outcome: 'forwarded' },
    ]);
  });

  it('resetUploadAfterBytes cuts the next uploads short: the client gets a reset, the printer never completes the job', async () => {
    proxy.setFaults({ resetUploadAfterBytes: { bytes: 2_000, times: 2 } });
    const cut = printJob({ uri: proxy.uri, jobName: 'np_cut_buffer', documentFormat: PDF, data: document });
    await expect(cut).rejects.toMatchObject({ code: 'unreachable', cause: expect.objectContaining({ code: 'ECONNRESET' }) });
    await waitUntilIdle(printer);
    const streamed = printJob({ uri: proxy.uri, jobName: 'np_cut_stream', documentFormat: PDF, data: Readable.from([document.subarray(0, 500), document.subarray(500)]) });
    await expect(streamed).rejects.toMatchObject({ code: 'unreachable' });
    const jobs = await waitUntilIdle(printer);

    // Observed: ippeveprinter keeps the bytes it got, runs the job on them and aborts it when they do not parse.
    for (const name of ['np_cut_buffer', 'np_cut_stream']) {
      const job = jobs.find((candidate) => candidate.jobName === name);
      if (job) expect(job.state).toBe('aborted');
    }
    for (const file of await readSpool(printer.spoolDir)) expect(file.size).toBe(2_000);
    expect(proxy.stats).toMatchObject({ uploadsReset: 2, documentsForwarded: 0 });

    // Both uses are spent: the third upload goes through whole.
    const whole = await printJob({ uri: proxy.uri, jobName: 'np_whole', documentFormat: PDF, data: document });
    await eventually('completed', async () => (await getJobAttributes(printer.uri, whole.jobId)).state === 'completed');
    const completed = (await jobsOnPrinter(printer)).filter((job) => job.state === 'completed').map((job) => job.jobName);
    expect(completed).toEqual(['np_whole']);
  });

  it('resetUploadAfterBytes cuts a Send-Document the same way', async () => {
    const created = await createJob({ uri: proxy.uri, jobName: 'np_send_cut' });
    proxy.setFaults({ resetUploadAfterBytes: 100 });
    await expect(sendDocument({ uri: proxy.uri, jobId: created.jobId, documentFormat: PDF, data: document })).rejects.toMatchObject({ code: 'unreachable' });
    const jobs = await waitUntilIdle(printer);
    expect(jobs.find((job) => job.jobId === created.jobId)?.state).toBe('aborted');
    expect(proxy.stats.uploads).toEqual([{ operation: 'Send-Document', jobName: null, jobId: created.jobId, documentBytesForwarded: 100, isChunked: false, outcome: 'reset' }]);
  });

  it('dropResponseOf Print-Job: the client gets a reset, but the printer has the whole document and prints it', async () => {
    proxy.setFaults({ dropResponseOf: 'Print-Job' });
    await expect(printJob({ uri: proxy.uri, jobName: 'np_dropped', documentFormat: PDF, data: document })).rejects.toMatchObject({
      code: 'unreachable',
      cause: expect.objectContaining({ code: 'ECONNRESET' }),
    });
    const found = await findJobByName(proxy.uri, 'np_dropped');
    expect(found).not.toBeNull();
    await eventually('completed', async () => (await getJobAttributes(proxy.uri, found!.jobId)).state === 'completed');
    const [file] = await readSpool(printer.spoolDir);
    expect((await readFile(file.path)).equals(document)).toBe(true);
    expect(proxy.stats).toMatchObject({ responsesDropped: 1, documentsForwarded: 1, uploads: [expect.objectContaining({ jobId: found!.jobId, outcome: 'response-dropped' })] });

    // One-shot: the next Print-Job is answered.
    await waitUntilIdle(printer);
    await expect(printJob({ uri: proxy.uri, jobName: 'np_answered', documentFormat: PDF, data: document })).resolves.toMatchObject({ jobName: 'np_answered' });
  });

  it('dropResponseOf Create-Job: the printer made the job, the client never learns its id', async () => {
    proxy.setFaults({ dropResponseOf: { operation: 'Create-Job', times: 1 } });
    await expect(createJob({ uri: proxy.uri, jobName: 'np_created_unseen' })).rejects.toMatchObject({ code: 'unreachable' });
    const job = await findJobByName(proxy.uri, 'np_created_unseen');
    expect(job?.state).toMatch(/^pending/);
    expect(proxy.stats.requests['Create-Job']).toBe(1);
  });

  it('onUploadForwarded can freeze the printer once it has the data: the client times out, the job prints after resume()', async () => {
    const seen: unknown[] = [];
    proxy.setFaults({
      onUploadForwarded: async (upload) => {
        seen.push(upload);
        await printer.pause();
      },
    });
    await expect(printJob({ uri: proxy.uri, jobName: 'np_frozen', documentFormat: PDF, data: document }, { timeoutMs: 1_500 })).rejects.toMatchObject({ code: 'timeout' });
    expect(seen).toEqual([{ operation: 'Print-Job', jobName: 'np_frozen', jobId: null, documentBytes: document.length }]);
    proxy.setFaults({ onUploadForwarded: null });
    // While frozen, asking the printer by name cannot help either.
    await expect(findJobByName(proxy.uri, 'np_frozen', { timeoutMs: 1_000 })).rejects.toMatchObject({ code: 'timeout' });

    await printer.resume();
    const job = await eventually('the job on the printer', () => findJobByName(proxy.uri, 'np_frozen'));
    await eventually('completed', async () => (await getJobAttributes(proxy.uri, job.jobId)).state === 'completed');
    const [file] = await readSpool(printer.spoolDir);
    expect((await readFile(file.path)).equals(document)).toBe(true);
  });

  it("forgetCompletedJobs 'attributes': a finished job is not found by id but stays in Get-Jobs; 'everything' hides it there too", async () => {
    const job = await printJob({ uri: proxy.uri, jobName: 'np_forgotten', documentFormat: PDF, data: document });
    await eventually('completed', async () => (await getJobAttributes(printer.uri, job.jobId)).state === 'completed');

    proxy.setFaults({ forgetCompletedJobs: 'attributes' });
    await expect(getJobAttributes(proxy.uri, job.jobId)).rejects.toMatchObject({ code: 'ipp_error', ippStatus: 'client-error-not-found' });
    // Also when the client does not ask for job-state: the proxy asks the printer itself.
    await expect(
      ippRequest({ uri: proxy.uri, operation: 'Get-Job-Attributes', operationAttributes: { 'job-id': job.jobId, 'requesting-user-name': 'test', 'requested-attributes': ['job-name'] } }),
    ).rejects.toMatchObject({ ippStatus: 'client-error-not-found' });
    expect(await findJobByName(proxy.uri, 'np_forgotten')).toMatchObject({ jobId: job.jobId, state: 'completed' });
    expect((await getJobs(proxy.uri, { whichJobs: 'completed' })).map((listed) => listed.jobName)).toEqual(['np_forgotten']);

    proxy.setFaults({ forgetCompletedJobs: 'everything' });
    expect(await findJobByName(proxy.uri, 'np_forgotten')).toBeNull();
    expect(await getJobs(proxy.uri, { whichJobs: 'completed' })).toEqual([]);
    await expect(getJobAttributes(proxy.uri, job.jobId)).rejects.toMatchObject({ ippStatus: 'client-error-not-found' });

    // The printer itself still knows it; switching the fault off shows it again.
    expect(await findJobByName(printer.uri, 'np_forgotten')).not.toBeNull();
    proxy.setFaults({ forgetCompletedJobs: null });
    expect((await getJobAttributes(proxy.uri, job.jobId)).state).toBe('completed');
    expect(proxy.stats.jobsHidden).toBe(5);
  });

  it('forgetCompletedJobs leaves jobs that are not finished alone', async () => {
    const slow = await startPrinter(colorDuplexPdfPrinter({ name: 'Faults slow', spoolDir: path.join(root, 'slow'), pagesPerMinute: 60, pagesPerMinuteColor: 60 }));
    const slowProxy = await startFaultProxy({ target: slow.uri });
    try {
      slowProxy.setFaults({ forgetCompletedJobs: 'everything' });
      const job = await printJob({ uri: slowProxy.uri, jobName: 'np_unfinished', documentFormat: PDF, data: document });
      expect((await getJobAttributes(slowProxy.uri, job.jobId)).state).toMatch(/^(pending|processing)$/);
      expect(await findJobByName(slowProxy.uri, 'np_unfinished')).toMatchObject({ jobId: job.jobId });
      expect(slowProxy.stats.jobsHidden).toBe(0);
    } finally {
      await slowProxy.stop();
      await slow.kill();
    }
  });

  it('a printer that is gone shows as a dropped connection through the proxy', async () => {
    await printer.kill();
    await expect(getPrinterStatus(proxy.uri, { timeoutMs: 2_000 })).rejects.toMatchObject({ code: 'unreachable' });
  });
});
