import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeDb, db } from '@/db/client';
import { documentPages, documents } from '@/db/schema';
import { createTestUser } from '@/dev/test-support/fixtures';
import { makeSolidPagesPdf } from '@/lib/documents/fixtures/make-fixtures';
import { documentKeys, documentStore } from '@/lib/documents/storage/app-document-store';
import { isAppError } from '@/lib/errors/app-error';
import type { TJobOptions } from '@/lib/job-options/job-options';
import { layoutPreview, PREVIEW_RENDERS_PER_MINUTE } from './layout-preview';

let dataDir: string;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'nearprint-layout-preview-'));
  process.env.DATA_DIR = dataDir;
});

afterAll(async () => {
  await closeDb();
  await fs.rm(dataDir, { recursive: true, force: true });
});

const JOB: TJobOptions = { media: 'iso_a4_210x297mm', colorMode: 'auto', sides: 'two-sided-long-edge', copies: 1, pagesPerSheet: 2, finishing: 'none' };

/** A ready (inspected) document of `pageCount` A4 pages, its normalised PDF in the store. */
async function readyDocument(ownerId: string, pageCount: number): Promise<string> {
  const pdf = await makeSolidPagesPdf(Array.from({ length: pageCount }, (_, i) => (i % 2 ? [0, 0, 1] : [1, 0, 0])));
  const [row] = await db
    .insert(documents)
    .values({ ownerId, filename: 'report.pdf', detectedType: 'application/pdf', sizeBytes: pdf.byteLength, sha256: 'x', storageKey: 'unused', status: 'ready', pageCount, colorPageCount: pageCount })
    .returning({ id: documents.id });
  const pdfKey = documentKeys.pdf(row.id);
  await documentStore().put(pdfKey, pdf);
  await db.update(documents).set({ pdfKey }).where(eq(documents.id, row.id));
  await db.insert(documentPages).values(Array.from({ length: pageCount }, (_, i) => ({ documentId: row.id, pageNumber: i + 1, widthPt: 595.28, heightPt: 841.89, isColor: true })));
  return row.id;
}

async function refusalOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('layoutPreview', () => {
  it("draws the first sheets of the owner's job, caches them by documents and options, and redraws when the layout changes", async () => {
    const owner = await createTestUser();
    const documentId = await readyDocument(owner.id, 9);

    const first = await layoutPreview({ ownerId: owner.id, documentIds: [documentId], job: JOB });
    // 9 pages, 2 per side, two-sided: 3 sheets; the first 2 shown, front and back.
    expect(first.totalSheets).toBe(3);
    expect(first.images.map((i) => `${i.sheetNumber}:${i.side}:${i.isLandscape ? 'landscape' : 'portrait'}`)).toEqual([
      '1:front:landscape',
      '1:back:landscape',
      '2:front:landscape',
      '2:back:landscape',
    ]);
    expect(first.images[0].src).toMatch(/^data:image\/png;base64,/);

    // Copies do not change a sheet: the same preview, from the cache.
    const again = await layoutPreview({ ownerId: owner.id, documentIds: [documentId], job: { ...JOB, copies: 5 } });
    expect(again).toBe(first);

    const fourUp = await layoutPreview({ ownerId: owner.id, documentIds: [documentId], job: { ...JOB, pagesPerSheet: 4, sides: 'one-sided' } });
    expect(fourUp.key).not.toBe(first.key);
    expect(fourUp.totalSheets).toBe(3);
    expect(fourUp.images.map((i) => `${i.sheetNumber}:${i.side}:${i.isLandscape ? 'landscape' : 'portrait'}`)).toEqual(['1:single:portrait', '2:single:portrait']);
  });

  it("refuses someone else's document as not found, and a page range past the end as a bad request", async () => {
    const owner = await createTestUser();
    const stranger = await createTestUser();
    const documentId = await readyDocument(owner.id, 2);
    expect((await refusalOf(layoutPreview({ ownerId: stranger.id, documentIds: [documentId], job: JOB }))).code).toBe('not_found');
    expect((await refusalOf(layoutPreview({ ownerId: owner.id, documentIds: [documentId], job: { ...JOB, pageRanges: '5-7' } }))).code).toBe('bad_request');
  });

  it('limits how many previews one customer has drawn in a minute; cached ones are free', async () => {
    const owner = await createTestUser();
    const documentId = await readyDocument(owner.id, PREVIEW_RENDERS_PER_MINUTE + 1);
    const now = Date.now();
    const pageJob = (page: number) => ({ ...JOB, sides: 'one-sided' as const, pagesPerSheet: 1 as const, pageRanges: String(page) });
    for (let page = 1; page <= PREVIEW_RENDERS_PER_MINUTE; page++) await layoutPreview({ ownerId: owner.id, documentIds: [documentId], job: pageJob(page), now });
    const refused = await refusalOf(layoutPreview({ ownerId: owner.id, documentIds: [documentId], job: pageJob(PREVIEW_RENDERS_PER_MINUTE + 1), now: now + 1000 }));
    expect(refused.code).toBe('too_many_requests');
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    // A preview already drawn costs nothing; a minute later new ones are drawn again.
    await layoutPreview({ ownerId: owner.id, documentIds: [documentId], job: pageJob(1), now: now + 1000 });
    await layoutPreview({ ownerId: owner.id, documentIds: [documentId], job: pageJob(PREVIEW_RENDERS_PER_MINUTE + 1), now: now + 61_000 });
  });

  it('counts the minute over every web instance: a process that drew none refuses too', async () => {
    const owner = await createTestUser();
    const documentId = await readyDocument(owner.id, PREVIEW_RENDERS_PER_MINUTE + 1);
    const now = Date.now();
    const pageJob = (page: number) => ({ ...JOB, sides: 'one-sided' as const, pagesPerSheet: 1 as const, pageRanges: String(page) });
    for (let page = 1; page <= PREVIEW_RENDERS_PER_MINUTE; page++) await layoutPreview({ ownerId: owner.id, documentIds: [documentId], job: pageJob(page), now });
    // A fresh copy of the module, as another `next start` has: no cache, no counts of its own.
    vi.resetModules();
    const otherInstance = await import('./layout-preview');
    const refused = await otherInstance.layoutPreview({ ownerId: owner.id, documentIds: [documentId], job: pageJob(PREVIEW_RENDERS_PER_MINUTE + 1), now: now + 1000 }).then(
      () => null,
      (error: { code?: string; retryAfterSeconds?: number }) => error,
    );
    expect(refused?.code).toBe('too_many_requests');
    expect(refused?.retryAfterSeconds).toBe(59);
    // The same preview drawn by this instance's neighbour is drawn again here (the cache is the
    // process's own), and counts: a minute later it is drawn, not refused.
    const again = await otherInstance.layoutPreview({ ownerId: owner.id, documentIds: [documentId], job: pageJob(1), now: now + 61_000 });
    expect(again.images.length).toBeGreaterThan(0);
  });
});
