import { readdir, readFile } from 'node:fs/promises';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, db } from '@/db/client';
import { documents, workerCapabilities } from '@/db/schema';
import { createTestUser, eventually } from '@/dev/test-support/fixtures';
import { makeDocx } from '@/lib/documents/fixtures/make-fixtures';
import { flatPresentation, flatSpreadsheet, flatTextDocument, saveWithLibreOffice } from '@/lib/documents/fixtures/make-office-files';
import { pdfInfo } from '@/lib/documents/fixtures/poppler';
import { convertOfficeToPdf, networkIsolationPrefix } from '@/lib/documents/normalise/convert-office-to-pdf';
import { CAPABILITIES_TTL_MS, forgetWorker, officeAvailability, probeOffice, recordWorkerCapabilities } from '@/lib/documents/office-availability';
import { runProcess } from '@/lib/documents/run-process';
import { documentStore } from '@/lib/documents/storage/app-document-store';
import { uploadDocument } from '@/lib/documents/upload-document';
import { isAppError } from '@/lib/errors/app-error';
import { createInspectionPool, inspectionLimits, inspectNextDocument, type TInspectionPool } from './document-inspector';
import { runWorkerCapabilities } from './worker-capabilities';

/**
 * Real Office files, written in the test by LibreOffice from generated content, through the
 * real pipeline: upload, then inspection in the isolated child, where LibreOffice (isolated in
 * turn: prlimit, its own network namespace, a locked profile) makes the PDF that is priced and printed.
 */
let dataDir: string;
let ownerId: string;
let pool: TInspectionPool;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'nearprint-office-'));
  process.env.DATA_DIR = dataDir;
  ownerId = (await createTestUser('customer')).id;
  pool = createInspectionPool(inspectionLimits(), { isWarm: false });
  startCapabilities();
});

let capabilities: { stop: () => Promise<void> } | undefined;

/** This test inspects as a worker would, so it says what it can do as a worker does (the real loop). */
function startCapabilities() {
  const controller = new AbortController();
  const loop = runWorkerCapabilities(controller.signal, 'office-test');
  capabilities = { stop: () => (controller.abort(), loop) };
}

afterAll(async () => {
  await capabilities?.stop();
  await pool.close();
  await closeDb();
  await fs.rm(dataDir, { recursive: true, force: true });
});

async function uploadAndInspect(filename: string, body: Uint8Array) {
  const uploaded = await uploadDocument({ ownerId, filename, body });
  // Earlier test files may have left documents waiting in the shared database: inspect until ours is done.
  for (let turn = 0; turn < 100; turn += 1) {
    const [row] = await db.select().from(documents).where(eq(documents.id, uploaded.id));
    if (row.status !== 'uploaded' && row.status !== 'inspecting') return row;
    expect(await inspectNextDocument('office-test', pool)).toBe(true);
  }
  throw new Error('the document was never inspected');
}

/** Processes whose command line names `needle` (LibreOffice left behind with a profile under it). */
async function processesMentioning(needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const pid of (await readdir('/proc')).filter((name) => /^\d+$/.test(name))) {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(needle)) found.push(`${pid}: ${cmdline.replace(/\0/g, ' ')}`);
  }
  return found;
}

/** Long enough that a face with other metrics than Calibri's breaks the pages elsewhere. */
const LONG_PARAGRAPH = 'The quick brown fox jumps over the lazy dog while the printer hums along in the corner of the shop, waiting for the next job to arrive. '.repeat(3);

describe('Office documents through the real pipeline', { timeout: 240_000 }, () => {
  it('finds LibreOffice runnable here (each worker asks, and tells the web app through the database)', async () => {
    expect(await probeOffice()).toMatchObject({ isAvailable: true, version: expect.stringMatching(/^LibreOffice \d/) });
    expect(await probeOffice('/nonexistent')).toEqual({ isAvailable: false, version: null });
  });

  it('accepts Office uploads while a worker that has LibreOffice renews its word, whatever the web host has', async () => {
    await eventually('the running worker’s word', async () => (await officeAvailability()).isAvailable);
    // Stopped, it takes its word back. (Workers that earlier test files killed may still have
    // their word in the shared database, within its TTL: none of them runs now.)
    await capabilities!.stop();
    await db.delete(workerCapabilities);
    try {
      await expectOfficeRulesHold();
    } finally {
      // The tests below inspect Office files as the running worker.
      startCapabilities();
    }
    await eventually('the worker’s word again', async () => (await officeAvailability()).isAvailable);
  });

  async function expectOfficeRulesHold() {
    expect(await officeAvailability()).toEqual({ isAvailable: false, version: null });
    // A worker without LibreOffice converts no Office file.
    await recordWorkerCapabilities('worker-without-office', { isAvailable: false, version: null });
    expect((await officeAvailability()).isAvailable).toBe(false);
    // One that has it and stopped renewing (killed) is not believed after the TTL.
    await recordWorkerCapabilities('killed-worker', { isAvailable: true, version: 'LibreOffice 7.4.7.2' });
    expect(await officeAvailability()).toEqual({ isAvailable: true, version: 'LibreOffice 7.4.7.2' });
    await db
      .update(workerCapabilities)
      .set({ seenAt: new Date(Date.now() - CAPABILITIES_TTL_MS - 1000) })
      .where(eq(workerCapabilities.workerId, 'killed-worker'));
    expect((await officeAvailability()).isAvailable).toBe(false);
    const refusal = await uploadDocument({ ownerId, filename: 'cv.docx', body: await saveWithLibreOffice(flatTextDocument({ pages: 1 }), 'docx') }).catch((error: unknown) => error);
    expect(isAppError(refusal) && refusal.message).toMatch(/can't be converted for printing right now/);
    await forgetWorker('killed-worker');
    await forgetWorker('worker-without-office');
  }

  it('counts the pages of a .docx and an .odt with forced page breaks, an .xlsx by its sheets and a .pptx by its slides', async () => {
    const cases = [
      { filename: 'report.docx', body: await saveWithLibreOffice(flatTextDocument({ pages: 4 }), 'docx'), pages: 4, type: 'docx' },
      { filename: 'letter.odt', body: await saveWithLibreOffice(flatTextDocument({ pages: 3 }), 'odt'), pages: 3, type: 'odt' },
      { filename: 'budget.xlsx', body: await saveWithLibreOffice(flatSpreadsheet({ sheets: 3 }), 'xlsx'), pages: 3, type: 'xlsx' },
      { filename: 'talk.pptx', body: await saveWithLibreOffice(flatPresentation({ slides: 5 }), 'pptx'), pages: 5, type: 'pptx' },
    ];
    for (const { filename, body, pages, type } of cases) {
      const row = await uploadAndInspect(filename, body);
      expect({ filename, status: row.status, errorMessage: row.errorMessage, detectedType: row.detectedType, pageCount: row.pageCount }).toEqual({
        filename,
        status: 'ready',
        errorMessage: null,
        detectedType: type,
        pageCount: pages,
      });
      // What is stored is what prints: LibreOffice's PDF, re-serialised, with every page.
      const pdf = pdfInfo(new Uint8Array(await documentStore().get(row.pdfKey!)));
      expect(pdf.pageCount).toBe(pages);
      if (type === 'pptx') expect(pdf.sizes.every(([width, height]) => width > height)).toBe(true);
    }
  });

  it('keeps the pagination of a document set in Calibri: Carlito stands in with the same metrics', async () => {
    const layout = (font: string) => flatTextDocument({ pages: 1, font, paragraph: LONG_PARAGRAPH, paragraphsPerPage: 40 });
    const calibri = await uploadAndInspect('calibri.docx', await saveWithLibreOffice(layout('Calibri'), 'docx'));
    const carlito = await uploadAndInspect('carlito.docx', await saveWithLibreOffice(layout('Carlito'), 'docx'));
    // The check can tell: a face with other metrics (DejaVu Sans, wider) needs another page.
    const dejavu = await uploadAndInspect('dejavu.docx', await saveWithLibreOffice(layout('DejaVu Sans'), 'docx'));
    expect([calibri.status, carlito.status, dejavu.status]).toEqual(['ready', 'ready', 'ready']);
    expect(calibri.pageCount).toBe(3);
    expect(carlito.pageCount).toBe(calibri.pageCount);
    expect(dejavu.pageCount).toBeGreaterThan(calibri.pageCount!);
  });

  it('tells the customer an Office file is damaged when LibreOffice cannot open it', async () => {
    // A Word file by its zip's parts (so the upload takes it), with no document Word could read.
    const row = await uploadAndInspect('damaged.docx', makeDocx());
    expect(row).toMatchObject({ status: 'failed', errorCode: 'office_damaged', errorMessage: expect.stringContaining('This Office document is damaged') });
  });

  it('stops a conversion past its time limit, kills every LibreOffice process and says so', async () => {
    // 36,000 lines of text: LibreOffice needs about 10 s to lay out its 316 pages, well past 2 s,
    // by when soffice.bin (forked by oosplash) is surely running.
    const slow = await saveWithLibreOffice(flatTextDocument({ pages: 1, paragraphsPerPage: 6000, paragraph: 'The quick brown fox jumps over the lazy dog. '.repeat(6) }), 'docx');
    process.env.OFFICE_CONVERSION_TIMEOUT_MS = '2000';
    try {
      const row = await uploadAndInspect('slow.docx', slow);
      expect(row).toMatchObject({ status: 'failed', errorCode: 'office_timeout', errorMessage: expect.stringContaining('took longer than the 2 seconds we allow') });
    } finally {
      delete process.env.OFFICE_CONVERSION_TIMEOUT_MS;
    }
    // Left alone, soffice.bin would run for seconds more: gone at once means the group was killed.
    await eventually('no LibreOffice process left on the profiles', async () => (await processesMentioning(path.join(dataDir, 'office-profiles'))).length === 0, 3000);
  });

  it('runs one conversion per profile at a time: more conversions than profiles all succeed', async () => {
    const profileRoot = path.join(dataDir, 'office-profiles');
    const docx = await saveWithLibreOffice(flatTextDocument({ pages: 2 }), 'docx');
    const pdfs = await Promise.all(Array.from({ length: 4 }, () => convertOfficeToPdf(docx, 'docx', { profileRoot })));
    expect(pdfs.map((pdf) => pdfInfo(pdf).pageCount)).toEqual([2, 2, 2, 2]);
    expect((await readdir(profileRoot)).sort()).toEqual(['slot-0', 'slot-0.lock', 'slot-1', 'slot-1.lock']);
  });

  it('gives LibreOffice no network: its namespace has only a loopback interface', async () => {
    const prefix = networkIsolationPrefix();
    expect(prefix[0]).toBe('unshare');
    const [first, ...rest] = [...prefix, 'cat', '/proc/net/dev'];
    const { stdout } = await runProcess(first, rest, { timeoutMs: 5000, maxStdoutBytes: 64 * 1024 });
    const interfaces = [...stdout.toString('utf8').matchAll(/^\s*([\w.-]+):/gm)].map((match) => match[1]);
    expect(interfaces).toEqual(['lo']);
  });
});
