import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, db } from '@/db/client';
import { documentPages, documents } from '@/db/schema';
import { createTestUser, eventually } from '@/dev/test-support/fixtures';
import { encryptPdf, makeBombPng, makeSolidPagesPdf } from '@/lib/documents/fixtures/make-fixtures';
import { documentStore } from '@/lib/documents/storage/app-document-store';
import { uploadDocument } from '@/lib/documents/upload-document';
import { isAppError } from '@/lib/errors/app-error';
import { claimDocumentForInspection, INSPECTION_LEASE_MS } from '@/lib/documents/inspection-queue';
import { createInspectionPool, inspectNextDocument, type TInspectionPool } from './document-inspector';

let dataDir: string;
let ownerId: string;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'nearprint-inspector-'));
  process.env.DATA_DIR = dataDir;
  ownerId = (await createTestUser('customer')).id;
});

afterAll(async () => {
  await closeDb();
  await fs.rm(dataDir, { recursive: true, force: true });
});

async function inspectAll() {
  while (await inspectNextDocument('test-worker')) {
    // keep going until nothing is waiting
  }
}

async function row(id: string) {
  const [document] = await db.select().from(documents).where(eq(documents.id, id));
  return document;
}

describe('document inspection in the worker', () => {
  it('keeps its claim while it reads a file, and a dead worker’s claim passes to another within the short lease', async () => {
    // Earlier test files may have left uploads waiting in the shared database: the claims below must be ours.
    await inspectAll();
    const uploaded = await uploadDocument({ ownerId, filename: 'slow.pdf', body: await makeSolidPagesPdf([[0, 0, 0]]) });
    // A file that takes longer to read than a third of the lease: the claim is renewed meanwhile.
    const real = createInspectionPool();
    const renewals: Date[] = [];
    const slow: TInspectionPool = {
      close: () => real.close(),
      run: async (input, options) => {
        const claimedUntil = (await row(uploaded.id)).leaseExpiresAt!;
        await eventually(
          'the claim renewed while reading',
          async () => {
            const until = (await row(uploaded.id)).leaseExpiresAt!;
            if (until > claimedUntil) renewals.push(until);
            return renewals.length > 0;
          },
          INSPECTION_LEASE_MS,
          200,
        );
        return real.run(input, options);
      },
    };
    try {
      expect(await inspectNextDocument('reading-worker', slow)).toBe(true);
    } finally {
      await slow.close();
    }
    expect(await row(uploaded.id)).toMatchObject({ status: 'ready', leaseOwner: null, leaseExpiresAt: null });

    // A worker killed mid-read renews nothing: once its claim runs out, the next worker takes the file.
    const orphan = await uploadDocument({ ownerId, filename: 'orphan.pdf', body: await makeSolidPagesPdf([[0, 0, 0]]) });
    expect((await claimDocumentForInspection('killed-worker'))?.id).toBe(orphan.id);
    expect(await claimDocumentForInspection('next-worker')).toBeNull();
    await db
      .update(documents)
      .set({ leaseExpiresAt: new Date(Date.now() - 1) })
      .where(eq(documents.id, orphan.id));
    expect(await claimDocumentForInspection('next-worker')).toMatchObject({ id: orphan.id, leaseOwner: 'next-worker', attempts: 2 });
    await db.update(documents).set({ status: 'uploaded', leaseOwner: null, leaseExpiresAt: null, attempts: 0 }).where(eq(documents.id, orphan.id));
    await inspectAll();
    expect(await row(orphan.id)).toMatchObject({ status: 'ready' });
  }, 120_000);

  it('inspects uploads in an isolated child process: pages, colour pages, thumbnails, normalised PDF', async () => {
    const pdf = await makeSolidPagesPdf([
      [0, 0, 0],
      [0.9, 0.1, 0.1],
      [0.5, 0.5, 0.5],
    ]);
    const uploaded = await uploadDocument({ ownerId, filename: '../../etc/report\u202Efdp.pdf', body: pdf });
    expect(uploaded.filename).not.toContain('/');
    expect(uploaded.status).toBe('uploaded');

    // A bad file queued with it must not disturb it: each fails on its own.
    const encrypted = await uploadDocument({ ownerId, filename: 'secret.pdf', body: encryptPdf(await makeSolidPagesPdf([[0, 0, 0]]), { userPassword: 'x' }) });
    await inspectAll();

    const ready = await row(uploaded.id);
    expect(ready).toMatchObject({ status: 'ready', pageCount: 3, colorPageCount: 1, pagesInspected: 3 });
    const pages = await db.select().from(documentPages).where(eq(documentPages.documentId, uploaded.id));
    expect(pages.sort((a, b) => a.pageNumber - b.pageNumber).map((p) => p.isColor)).toEqual([false, true, false]);
    expect(await documentStore().exists(ready.pdfKey!)).toBe(true);
    expect(await documentStore().exists(pages[0].thumbnailKey!)).toBe(true);

    const failed = await row(encrypted.id);
    expect(failed.status).toBe('failed');
    expect(failed.errorMessage).toMatch(/password/i);
  });

  it('refuses hostile files at upload with a clear message and stores nothing', async () => {
    for (const [filename, bytes, message] of [
      ['empty.pdf', new Uint8Array(), /empty/i],
      ['bomb.png', makeBombPng(60000, 60000), /./],
      ['lies.pdf', Buffer.from('MZ\x90\x00 this is an executable'), /./],
    ] as const) {
      const before = await db.select().from(documents).where(eq(documents.ownerId, ownerId));
      const error = await uploadDocument({ ownerId, filename, body: bytes }).catch((e) => e);
      if (filename === 'bomb.png' && !isAppError(error)) {
        // A bomb PNG passes the type check; inspection refuses it without decoding it.
        await inspectAll();
        const [bomb] = await db.select().from(documents).where(eq(documents.filename, 'bomb.png'));
        expect(bomb.status).toBe('failed');
        expect(bomb.errorMessage).toMatch(/too large|megapixel|pixels/i);
        continue;
      }
      expect(isAppError(error), filename).toBe(true);
      expect(error.message).toMatch(message);
      expect(await db.select().from(documents).where(eq(documents.ownerId, ownerId))).toHaveLength(before.length);
    }
  });
});
