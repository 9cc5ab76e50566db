import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, db } from '@/db/client';
import { documents } from '@/db/schema';
import { createTestUser } from '@/dev/test-support/fixtures';
import { makeSolidPagesPdf } from '@/lib/documents/fixtures/make-fixtures';
import { uploadDocument } from '@/lib/documents/upload-document';
import { createInspectionPool, inspectNextDocument, type TInspectionPool } from './document-inspector';

/**
 * Hostile files against the real isolation: a child process under prlimit (address space,
 * CPU seconds, open files) with an allow-listed environment. Small limits keep the test quick;
 * the defaults are in INSPECTION_LIMITS.
 */
const GB = 1024 ** 3;
let dataDir: string;
let ownerId: string;
let pool: TInspectionPool;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'nearprint-isolation-'));
  process.env.DATA_DIR = dataDir;
  ownerId = (await createTestUser('customer')).id;
  pool = createInspectionPool({ heapLimitMb: 512, addressSpaceBytes: 2 * GB, cpuSeconds: 30, openFiles: 256 });
});

afterAll(async () => {
  await pool.close();
  await closeDb();
  await fs.rm(dataDir, { recursive: true, force: true });
});

/**
 * A zlib stream that inflates to `megabytes` MB of zeros from about 1 KB per MB: one
 * compressed megabyte (a non-final block ending byte-aligned, no back-references before it)
 * repeated, then the final empty block and the Adler-32 of all those zeros.
 */
function zerosBomb(megabytes: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(1024 * 1024), { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  const total = megabytes * 1024 * 1024;
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE((((total % 65521) << 16) | 1) >>> 0);
  return Buffer.concat([Buffer.from([0x78, 0x9c]), ...Array.from({ length: megabytes }, () => block), Buffer.from([0x03, 0x00]), adler]);
}

/**
 * A one-page PDF whose catalog sits in an object stream padded with `gigabytes` GB of spaces:
 * to find the catalog, a parser must inflate all of it (pdf-lib does, into one ArrayBuffer).
 */
function flateBombPdf(gigabytes: number): Buffer {
  const options = { level: 9, finishFlush: constants.Z_SYNC_FLUSH };
  const index = '1 0 ';
  const first = Buffer.alloc(1024 * 1024, 0x20);
  first.write(`${index}<< /Type /Catalog /Pages 2 0 R >>`, 'latin1');
  const spaces = deflateRawSync(Buffer.alloc(1024 * 1024, 0x20), options);
  // Each block comes from a fresh compressor, so it refers to nothing before it and repeats
  // validly; readers stop at the size they were told or the end, never at the checksum.
  const bomb = Buffer.concat([Buffer.from([0x78, 0x9c]), deflateRawSync(first, options), ...Array.from({ length: gigabytes * 1024 - 1 }, () => spaces), Buffer.from([0x03, 0x00, 0, 0, 0, 0])]);
  return Buffer.concat([
    Buffer.from(`%PDF-1.7\n4 0 obj\n<< /Type /ObjStm /N 1 /First ${index.length} /Filter /FlateDecode /Length ${bomb.length} >>\nstream\n`, 'latin1'),
    bomb,
    Buffer.from(
      '\nendstream\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\ntrailer\n<< /Size 5 /Root 1 0 R >>\n%%EOF\n',
      'latin1',
    ),
  ]);
}

/** A real 20000×20000 RGB PNG: 1.2 GB of pixels in about 1.2 MB. */
function hugePng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  // Every row is filter byte 0 and black pixels: all zeros.
  const idat = zerosBomb(Math.ceil((height * (width * 3 + 1)) / (1024 * 1024)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

async function inspect(filename: string, body: Uint8Array, inspectionPool: TInspectionPool = pool) {
  const uploaded = await uploadDocument({ ownerId, filename, body });
  // Earlier test files may have left documents waiting in the shared database: inspect until ours is done.
  for (let turn = 0; turn < 100; turn += 1) {
    const [row] = await db.select().from(documents).where(eq(documents.id, uploaded.id));
    if (row.status !== 'uploaded' && row.status !== 'inspecting') return row;
    expect(await inspectNextDocument('isolation-test', inspectionPool)).toBe(true);
  }
  throw new Error('the document was never inspected');
}

describe('inspection in an isolated child process', () => {
  it('contains a flate bomb inside a PDF: the child hits its address-space limit, the worker lives, the document fails clearly', { timeout: 240_000 }, async () => {
    const bomb = flateBombPdf(3);
    expect(bomb.length).toBeLessThan(5 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    const row = await inspect('bomb.pdf', bomb);
    console.log(`[isolation] flate bomb: ${row.errorCode}: ${row.errorMessage}`);
    expect(row.status).toBe('failed');
    expect(row.errorCode).toMatch(/^(out_of_memory|resource_limit|damaged)$/);
    expect(row.errorMessage).toMatch(/memory or time|damaged/);
    // The worker (this process) never held the inflated bytes.
    expect(process.memoryUsage().rss - before).toBeLessThan(256 * 1024 * 1024);
  });

  it('refuses a 20000×20000 PNG with a clear message, without decoding it in the worker', async () => {
    const png = hugePng(20000, 20000);
    expect(png.length).toBeLessThan(3 * 1024 * 1024);
    const row = await inspect('huge.png', png);
    console.log(`[isolation] 20000×20000 PNG: ${row.errorCode}: ${row.errorMessage}`);
    expect(row.status).toBe('failed');
    expect(row.errorMessage).toMatch(/20000×20000|too large|memory or time/);
  });

  it('kills a child that runs past its CPU time; the next document is inspected normally', { timeout: 120_000 }, async () => {
    const slow = createInspectionPool({ heapLimitMb: 512, addressSpaceBytes: 2 * GB, cpuSeconds: 1, openFiles: 256 });
    try {
      // One CPU second is not even enough to load the code: SIGXCPU.
      const row = await inspect('slow.pdf', await makeSolidPagesPdf([[0, 0, 0]]), slow);
      expect(row).toMatchObject({ status: 'failed', errorCode: 'resource_limit' });
      expect(row.errorMessage).toMatch(/more memory or time to read than we allow/);
    } finally {
      await slow.close();
    }
    const good = await inspect(
      'good.pdf',
      await makeSolidPagesPdf([
        [0, 0, 0],
        [1, 0, 0],
      ]),
    );
    expect(good).toMatchObject({ status: 'ready', pageCount: 2, colorPageCount: 1 });
  });

  it('gives the child no secrets: only the allow-listed environment', async () => {
    const { childProcessEnv } = await import('@/lib/config/child-env');
    process.env.STRIPE_SECRET_KEY = 'sk_test_isolation';
    expect(Object.keys(childProcessEnv())).not.toContain('STRIPE_SECRET_KEY');
    expect(Object.keys(childProcessEnv())).not.toContain('DATABASE_URL');
    delete process.env.STRIPE_SECRET_KEY;
  });
});
