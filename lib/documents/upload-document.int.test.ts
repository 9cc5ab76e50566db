import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, db } from '@/db/client';
import { documents, uploadSlots } from '@/db/schema';
import { createTestUser } from '@/dev/test-support/fixtures';
import { env } from '@/lib/config/env';
import { AppError } from '@/lib/errors/app-error';
import { uploadDocument } from './upload-document';

let dataDir: string;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'nearprint-upload-'));
  process.env.DATA_DIR = dataDir;
});

afterAll(async () => {
  await closeDb();
  await fs.rm(dataDir, { recursive: true, force: true });
});

const MB = 1024 * 1024;
const CHUNK = 64 * 1024;

/**
 * A request body as a client streams it (chunked: no length), generated as it is pulled, that
 * counts what the server took from it. `hold` keeps it open after `heldAfter` bytes until released.
 */
function clientBody(totalBytes: number, options: { heldAfter?: number } = {}) {
  let pulled = 0;
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const head = new TextEncoder().encode('%PDF-1.7\n');
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (options.heldAfter !== undefined && pulled >= options.heldAfter) await held;
        if (pulled >= totalBytes) return controller.close();
        const chunk = new Uint8Array(Math.min(CHUNK, totalBytes - pulled)).fill(0x20);
        if (pulled === 0) chunk.set(head);
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => pulled, release };
}

async function storedFiles(): Promise<string[]> {
  const root = path.join(dataDir, 'files');
  const entries = await fs.readdir(root, { recursive: true }).catch(() => [] as string[]);
  return entries.filter((entry) => /\.(pdf|tmp|txt)$/.test(entry)).sort();
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('uploadDocument: streamed, counted, capped', () => {
  it('stores a chunked upload as it streams, with its size and sha256', async () => {
    const owner = await createTestUser('customer');
    const body = clientBody(3 * MB);
    const document = await uploadDocument({ ownerId: owner.id, filename: 'big.pdf', body: body.stream });
    expect(document).toMatchObject({ sizeBytes: 3 * MB, detectedType: 'pdf', status: 'uploaded' });
    const stored = await fs.readFile(path.join(dataDir, 'files', ...document.storageKey.split('/')));
    expect(stored.length).toBe(3 * MB);
    expect(document.sha256).toBe(createHash('sha256').update(stored).digest('hex'));
    expect(await db.select().from(uploadSlots).where(eq(uploadSlots.ownerId, owner.id))).toEqual([]);
  });

  it('refuses a 200 MB chunked upload as soon as it passes the limit, keeping no partial bytes', async () => {
    const owner = await createTestUser('customer');
    const before = await storedFiles();
    const body = clientBody(200 * MB);
    const error = await refusal(uploadDocument({ ownerId: owner.id, filename: 'huge.pdf', body: body.stream }));
    expect(error.status).toBe(413);
    expect(error.message).toMatch(/larger than the 100 MB limit/);
    // Read one chunk past the limit, not the rest of the 200 MB.
    expect(body.pulled()).toBeLessThanOrEqual(env().UPLOAD_MAX_BYTES + CHUNK);
    expect(await storedFiles()).toEqual(before);
    expect(await db.select().from(documents).where(eq(documents.ownerId, owner.id))).toEqual([]);
    expect(await db.select().from(uploadSlots).where(eq(uploadSlots.ownerId, owner.id))).toEqual([]);
  });

  it('refuses a declared Content-Length over the limit before reading a byte', async () => {
    const owner = await createTestUser('customer');
    const body = clientBody(200 * MB);
    const error = await refusal(uploadDocument({ ownerId: owner.id, filename: 'huge.pdf', body: body.stream, declaredBytes: 200 * MB }));
    expect(error.status).toBe(413);
    expect(body.pulled()).toBe(0);
  });

  it('refuses an unsupported file from its head, before storing anything', async () => {
    const owner = await createTestUser('customer');
    const before = await storedFiles();
    const exe = new Uint8Array(5 * MB);
    exe.set([0x4d, 0x5a, 0x90, 0x00]);
    const error = await refusal(uploadDocument({ ownerId: owner.id, filename: 'lies.pdf', body: new Blob([exe]).stream() }));
    expect(error.status).toBe(422);
    expect(await storedFiles()).toEqual(before);
  });

  it(`lets a customer run only UPLOAD_MAX_CONCURRENT uploads at once (429 with Retry-After), counted in the database`, async () => {
    const owner = await createTestUser('customer');
    const cap = env().UPLOAD_MAX_CONCURRENT;
    const bodies = Array.from({ length: cap }, () => clientBody(2 * MB, { heldAfter: 1 * MB + CHUNK }));
    const running = bodies.map((body, i) => uploadDocument({ ownerId: owner.id, filename: `slow-${i}.pdf`, body: body.stream }));
    // Each holds a slot (a row) while its client is still sending.
    for (;;) {
      const slots = await db.select().from(uploadSlots).where(eq(uploadSlots.ownerId, owner.id));
      if (slots.length === cap) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const extra = clientBody(1 * MB);
    const busy = await refusal(uploadDocument({ ownerId: owner.id, filename: 'one-too-many.pdf', body: extra.stream }));
    expect(busy.status).toBe(429);
    expect(busy.retryAfterSeconds).toBeGreaterThan(0);
    expect(busy.message).toMatch(new RegExp(`already have ${cap} uploads in progress`));
    expect(extra.pulled()).toBe(0);
    // Another customer is not affected.
    const other = await createTestUser('customer');
    await expect(uploadDocument({ ownerId: other.id, filename: 'other.pdf', body: clientBody(MB).stream })).resolves.toMatchObject({ sizeBytes: MB });

    for (const body of bodies) body.release();
    await Promise.all(running);
    await expect(uploadDocument({ ownerId: owner.id, filename: 'after.pdf', body: clientBody(MB).stream })).resolves.toMatchObject({ sizeBytes: MB });
  });

  it("ignores a dead process's slots once their lease ran out", async () => {
    const owner = await createTestUser('customer');
    const cap = env().UPLOAD_MAX_CONCURRENT;
    await db.insert(uploadSlots).values(Array.from({ length: cap }, () => ({ ownerId: owner.id, reservedBytes: MB, leaseExpiresAt: new Date(Date.now() - 1000) })));
    await expect(uploadDocument({ ownerId: owner.id, filename: 'after-crash.pdf', body: clientBody(MB).stream })).resolves.toMatchObject({ sizeBytes: MB });
    expect(await db.select().from(uploadSlots).where(eq(uploadSlots.ownerId, owner.id))).toEqual([]);
  });

  it('keeps each customer within UPLOAD_DAILY_BYTES: 413 past what is left, 429 with Retry-After once used up', async () => {
    const owner = await createTestUser('customer');
    const daily = env().UPLOAD_DAILY_BYTES;
    const earlier = (sizeBytes: number, hoursAgo: number) => ({
      ownerId: owner.id,
      filename: 'earlier.pdf',
      detectedType: 'pdf',
      sizeBytes,
      sha256: '0'.repeat(64),
      storageKey: `documents/${crypto.randomUUID()}/original.pdf`,
      createdAt: new Date(Date.now() - hoursAgo * 3600_000),
    });
    // Uploads from yesterday do not count; today's leave 2 MB.
    await db.insert(documents).values([earlier(100 * MB, 30), ...Array.from({ length: Math.floor((daily - 2 * MB) / (100 * MB)) }, () => earlier(100 * MB, 2))]);
    const usedSoFar = Math.floor((daily - 2 * MB) / (100 * MB)) * 100 * MB;
    await db.insert(documents).values(earlier(daily - 2 * MB - usedSoFar, 1));

    const over = clientBody(5 * MB);
    const tooMuch = await refusal(uploadDocument({ ownerId: owner.id, filename: 'over.pdf', body: over.stream }));
    expect(tooMuch.status).toBe(413);
    expect(tooMuch.message).toMatch(/what is left of today's upload allowance \(2 MB of 2 GB\)/);
    expect(over.pulled()).toBeLessThanOrEqual(2 * MB + CHUNK);

    await uploadDocument({ ownerId: owner.id, filename: 'fits.pdf', body: clientBody(2 * MB).stream });
    const usedUp = await refusal(uploadDocument({ ownerId: owner.id, filename: 'more.pdf', body: clientBody(MB).stream }));
    expect(usedUp.status).toBe(429);
    expect(usedUp.message).toMatch(/used today's upload allowance of 2 GB/);
    // The oldest of today's uploads (2 h ago) leaves the 24-hour window in about 22 hours.
    expect(usedUp.retryAfterSeconds).toBeGreaterThan(21 * 3600);
    expect(usedUp.retryAfterSeconds).toBeLessThanOrEqual(22 * 3600);
  });
});
