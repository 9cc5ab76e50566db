import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, db } from '@/db/client';
import { documents } from '@/db/schema';
import { createTestUser } from '@/dev/test-support/fixtures';

// Set before the config is first read (it is parsed once per process).
const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'nearprint-file-route-'));
process.env.DATA_DIR = dataDir;
process.env.DOCUMENT_LINK_SECRET ??= 'file-route-test-secret-0123456789abcdef';

const { GET } = await import('./route');
const { documentLink } = await import('@/lib/documents/document-access');
const { documentKeys, documentStore } = await import('@/lib/documents/storage/app-document-store');

let documentId: string;

beforeAll(async () => {
  const owner = await createTestUser('customer');
  const [document] = await db
    .insert(documents)
    .values({ ownerId: owner.id, filename: 'a.pdf', detectedType: 'pdf', sizeBytes: 10, sha256: '0'.repeat(64), storageKey: 'documents/x/original.pdf', status: 'ready' })
    .returning();
  documentId = document.id;
  const png = await sharp({ create: { width: 20, height: 28, channels: 3, background: { r: 0, g: 0, b: 255 } } })
    .png()
    .toBuffer();
  await documentStore().put(documentKeys.thumbnail(documentId, 2), png);
});

afterAll(async () => {
  await closeDb();
  await fs.rm(dataDir, { recursive: true, force: true });
});

const get = (url: string) => GET(new Request(new URL(url, 'http://127.0.0.1')), { params: Promise.resolve({ documentId }) });

describe('GET /api/documents/:id/file – thumbnails', () => {
  it('serves the thumbnail the worker stored, through a link that signs its page', async () => {
    const response = await get(documentLink(documentId, 'thumbnail', { page: 2 }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect((await sharp(Buffer.from(await response.arrayBuffer())).metadata()).width).toBe(20);
  });

  it('refuses a link whose page was changed (403), and says 404 for a page with no thumbnail', async () => {
    const link = documentLink(documentId, 'thumbnail', { page: 2 });
    expect((await get(link.replace('page=2', 'page=3'))).status).toBe(403);
    expect((await get(link.replace('page=2&', ''))).status).toBe(403);
    expect((await get(documentLink(documentId, 'thumbnail', { page: 5 }))).status).toBe(404);
  });

  it.each(['0', '-1', 'abc', '1.5', '', '1e9'])('answers page=%j with 400, never 500', async (page) => {
    const link = documentLink(documentId, 'thumbnail', { page: 2 });
    const response = await get(link.replace('page=2', `page=${encodeURIComponent(page)}`));
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/page number/);
  });
});
