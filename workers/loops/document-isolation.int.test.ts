import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import { constants, deflateRawSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, db } from '@/db/client';
import { CHILD_ENV_ALLOW_LIST } from '@/lib/config/child-env';
import { documents } from '@/db/schema';
import { createTestUser } from '@/dev/test-support/fixtures';
import { makeBlankPdf, makeRawPng, makeSolidPagesPdf } from '@/lib/documents/fixtures/make-fixtures';
import { uploadDocument } from '@/lib/documents/upload-document';
import { IsolatedTaskError } from '../isolate/isolated-task-error';
import { createProcessPool } from '../isolate/process-pool';
import { createInspectionPool, inspectionLimits, inspectNextDocument, ISOLATED_FAILURE_MESSAGES, type TInspectionPool } from './document-inspector';

/**
 * Hostile files against the real isolation: a child process under prlimit (memory, CPU
 * seconds, open files) with an allow-listed environment. A 1 GB memory limit keeps the test
 * quick; the defaults are in lib/config/isolation-settings.ts.
 */
const GB = 1024 ** 3;
const MB = 1024 ** 2;
const TEST_LIMITS = { heapLimitMb: 512, memoryBytes: 1 * GB, cpuSeconds: 60, openFiles: 256 };
let dataDir: string;
let ownerId: string;
let pool: TInspectionPool;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'nearprint-isolation-'));
  process.env.DATA_DIR = dataDir;
  ownerId = (await createTestUser('customer')).id;
  pool = createInspectionPool(TEST_LIMITS);
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
  // Every row is filter byte 0 and black pixels: all zeros.
  return makeRawPng(width, height, { colorType: 2, idat: zerosBomb(Math.ceil((height * (width * 3 + 1)) / (1024 * 1024))) });
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
  it('contains a flate bomb inside a PDF: the child is stopped by its memory limit, the worker lives, the document fails clearly', { timeout: 240_000 }, async () => {
    const bomb = flateBombPdf(3);
    expect(bomb.length).toBeLessThan(5 * MB);
    const before = process.memoryUsage().rss;
    const errors = captureErrors();
    const started = Date.now();
    const row = await inspect('bomb.pdf', bomb);
    const elapsedMs = Date.now() - started;
    errors.stop();
    const after = process.memoryUsage().rss;
    console.log(
      `[isolation] flate bomb (${(bomb.length / MB).toFixed(1)} MB inflating to 3 GB): ${row.errorCode} in ${elapsedMs} ms; worker RSS ${Math.round(before / MB)} → ${Math.round(after / MB)} MB; ${errors.text.match(/\[inspector\][^\n]*/)?.[0]}`,
    );
    expect(row).toMatchObject({ status: 'failed', errorCode: 'out_of_memory', errorMessage: ISOLATED_FAILURE_MESSAGES.out_of_memory });
    expect(row.errorMessage).toMatch(/needs more memory to open than we allow/);
    // The reason came from the child's death at its limit, not from a parser's error message.
    expect(errors.text).toMatch(/The task process was stopped \(exit code 75\): it reached its memory limit|reached its memory limit/);
    // The worker (this process) never held the inflated bytes.
    expect(after - before).toBeLessThan(256 * MB);
    // And it goes on: the next document is inspected normally.
    const good = await inspect('after-bomb.pdf', await makeSolidPagesPdf([[0, 0, 0]]));
    expect(good).toMatchObject({ status: 'ready', pageCount: 1 });
  });

  it('contains the same bomb under the default limits', { timeout: 240_000 }, async () => {
    const limits = inspectionLimits();
    const defaults = createInspectionPool(limits, { isWarm: false });
    const before = process.memoryUsage().rss;
    const started = Date.now();
    try {
      const row = await inspect('bomb-defaults.pdf', flateBombPdf(3), defaults);
      console.log(
        `[isolation] flate bomb, default limits (${limits.memoryBytes / MB} MB, heap ${limits.heapLimitMb} MB): ${row.errorCode} in ${Date.now() - started} ms; worker RSS ${Math.round(before / MB)} → ${Math.round(process.memoryUsage().rss / MB)} MB`,
      );
      expect(row).toMatchObject({ status: 'failed', errorCode: 'out_of_memory', errorMessage: ISOLATED_FAILURE_MESSAGES.out_of_memory });
    } finally {
      await defaults.close();
    }
  });

  it('refuses a 20000×20000 PNG with a clear message, from its header, in the child', { timeout: 120_000 }, async () => {
    const png = hugePng(20000, 20000);
    expect(png.length).toBeLessThan(3 * MB);
    const before = process.memoryUsage().rss;
    const row = await inspect('huge.png', png);
    console.log(`[isolation] 20000×20000 PNG (${(png.length / MB).toFixed(1)} MB): ${row.errorCode}: ${row.errorMessage}`);
    expect(row).toMatchObject({ status: 'failed', errorCode: 'image_too_large' });
    expect(row.errorMessage).toBe('This image is 20000×20000 pixels, over the 100-megapixel limit. Resize it and upload it again.');
    expect(process.memoryUsage().rss - before).toBeLessThan(256 * MB);
    const good = await inspect('after-png.pdf', await makeSolidPagesPdf([[1, 0, 0]]));
    expect(good).toMatchObject({ status: 'ready', pageCount: 1, colorPageCount: 1 });
  });

  it('stops the child, not the worker, when a 20000×20000 PNG is decoded whole past the header check', { timeout: 120_000 }, async () => {
    // The same PNG, in a child under the same limits, given to a decoder without our header check.
    const decoder = createProcessPool<{ bytes: Uint8Array }, { bytes: number }>({
      moduleUrl: new URL('../testing/decode-image-task.ts', import.meta.url),
      size: 1,
      limits: TEST_LIMITS,
      isWarm: false,
    });
    const before = process.memoryUsage().rss;
    const started = Date.now();
    try {
      const failure = await decoder.run({ bytes: hugePng(20000, 20000) }, { timeoutMs: 60_000 }).catch((error: unknown) => error);
      console.log(`[isolation] 20000×20000 PNG decoded whole: ${(failure as Error).message} in ${Date.now() - started} ms`);
      expect(failure).toBeInstanceOf(IsolatedTaskError);
      expect(failure).toMatchObject({ reason: 'out_of_memory', message: 'The task process was stopped (exit code 75): it reached its memory limit.' });
      expect(process.memoryUsage().rss - before).toBeLessThan(256 * MB);
    } finally {
      await decoder.close();
    }
  });

  it('kills a child that runs past its CPU time (SIGXCPU); the next document is inspected normally', { timeout: 120_000 }, async () => {
    const slow = createInspectionPool({ ...TEST_LIMITS, cpuSeconds: 2 });
    const errors = captureErrors();
    try {
      // A thousand pages take about 4 CPU seconds to read, parse and thumbnail; the child has 2.
      const row = await inspect('slow.pdf', await makeBlankPdf(1000), slow);
      expect(row).toMatchObject({ status: 'failed', errorCode: 'cpu_limit', errorMessage: ISOLATED_FAILURE_MESSAGES.cpu_limit });
      expect(errors.text).toMatch(/killed \(SIGXCPU\): it used up its CPU time/);
    } finally {
      errors.stop();
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

  it('gives the child no secrets, only the allow-listed environment, and its OS limits', async () => {
    const secrets = { STRIPE_SECRET_KEY: 'sk_test_isolation', AUTH_SECRET: 'a'.repeat(32), DATABASE_URL: 'postgres://secret@db/x' };
    const saved = Object.fromEntries(Object.keys(secrets).map((name) => [name, process.env[name]]));
    Object.assign(process.env, secrets);
    const child = createProcessPool<Record<string, never>, { env: string[]; limits: string }>({
      moduleUrl: new URL('../testing/describe-child-task.ts', import.meta.url),
      size: 1,
      limits: TEST_LIMITS,
      isWarm: false,
    });
    try {
      const seen = await child.run({}, { timeoutMs: 60_000 });
      expect(seen.env.every((name) => (CHILD_ENV_ALLOW_LIST as readonly string[]).includes(name))).toBe(true);
      expect(seen.env).not.toContain('DATABASE_URL');
      expect(seen.env).not.toContain('STRIPE_SECRET_KEY');
      expect(seen.limits).toMatch(new RegExp(`^Max data size\\s+${GB}\\s+${GB}\\s+bytes`, 'm'));
      expect(seen.limits).toMatch(/^Max cpu time\s+60\s+61\s+seconds/m);
      expect(seen.limits).toMatch(/^Max open files\s+256\s+256\s+files/m);
      expect(seen.limits).toMatch(/^Max core file size\s+0\s+0\s+bytes/m);
    } finally {
      await child.close();
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});

/** What the worker logs meanwhile (the inspector says why a child died). */
function captureErrors(): { readonly text: string; stop: () => void } {
  const original = console.error;
  let text = '';
  console.error = (...args: unknown[]) => {
    text += `${args.map(String).join(' ')}\n`;
    original(...args);
  };
  return {
    get text() {
      return text;
    },
    stop: () => {
      console.error = original;
    },
  };
}
