import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { closeDb } from '@/db/client';
import { AppError } from '@/lib/errors/app-error';
import { EVENT_STREAM_START } from '@/lib/events/event-cursor';

// The web glue is marked server-only; vitest is not a React server.
vi.mock('server-only', () => ({}));

const { eventStreamResponse, openEventStreams } = await import('./event-stream');
const { claimStreamLease, countStreamLeases, releaseStreamLease } = await import('@/lib/events/stream-leases');

afterAll(async () => {
  await closeDb();
});

/** Opens a stream as a browser would; `close()` is the tab going away. */
async function open(userId: string, options: { reauthorize?: () => Promise<boolean>; perUser?: number; perProcess?: number; reauthorizeEveryMs?: number; leaseMs?: number } = {}) {
  const tab = new AbortController();
  const response = await eventStreamResponse(new Request('http://127.0.0.1/api/shops/x/events', { signal: tab.signal }), {
    scope: { shopId: randomUUID() },
    startAfter: EVENT_STREAM_START,
    userId,
    reauthorize: options.reauthorize ?? (async () => true),
    limits: { perUser: options.perUser ?? 3, perProcess: options.perProcess ?? 100, reauthorizeEveryMs: options.reauthorizeEveryMs ?? 60_000, leaseMs: options.leaseMs ?? 45_000 },
  });
  const reader = response.body!.getReader();
  return { response, reader, close: () => tab.abort() };
}

async function refusalOf(fn: () => Promise<unknown>): Promise<AppError> {
  try {
    await fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

async function readToEnd(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<string> {
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text;
    text += new TextDecoder().decode(value);
  }
}

describe('event streams', () => {
  it('caps the streams one user holds: the next is refused with 429 until one closes', async () => {
    const user = randomUUID();
    const streams = [await open(user), await open(user), await open(user)];
    expect(await countStreamLeases(user)).toBe(3);
    const refused = await refusalOf(() => open(user));
    expect(refused.status).toBe(429);
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.message).toMatch(/already have 3 live views open/);
    // Someone else is not affected.
    const other = await open(randomUUID());
    streams[0].close();
    await expect.poll(() => countStreamLeases(user)).toBe(2);
    const again = await open(user);
    for (const stream of [...streams, other, again]) stream.close();
    await expect.poll(() => countStreamLeases(user)).toBe(0);
  });

  it("counts a user's streams on every instance: places taken elsewhere leave none here", async () => {
    const user = randomUUID();
    // Two streams served by another web instance (its leases are all this one can see of them).
    const elsewhere = [await claimStreamLease(user, 3), await claimStreamLease(user, 3)];
    const here = await open(user);
    const refused = await refusalOf(() => open(user));
    expect(refused.status).toBe(429);
    expect(refused.message).toMatch(/already have 3 live views open/);
    for (const claim of elsewhere) if (claim.isGranted) await releaseStreamLease(claim.leaseId);
    const next = await open(user);
    here.close();
    next.close();
    await expect.poll(() => countStreamLeases(user)).toBe(0);
  });

  it('lets a stream whose instance died stop counting once its lease runs out', async () => {
    const user = randomUUID();
    // An instance killed while serving three streams never gives their places back.
    for (let i = 0; i < 3; i++) await claimStreamLease(user, 3, 300);
    expect((await refusalOf(() => open(user))).status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await countStreamLeases(user)).toBe(0);
    const stream = await open(user);
    expect(await countStreamLeases(user)).toBe(1);
    stream.close();
  });

  it('gives the last place to exactly one of many tabs opening at once', async () => {
    const user = randomUUID();
    const claims = await Promise.all(Array.from({ length: 20 }, () => claimStreamLease(user, 6)));
    expect(claims.filter((claim) => claim.isGranted)).toHaveLength(6);
    expect(await countStreamLeases(user)).toBe(6);
    for (const claim of claims) if (claim.isGranted) await releaseStreamLease(claim.leaseId);
  });

  it('renews its lease while it runs, so a long stream keeps its place', async () => {
    const user = randomUUID();
    // The stream polls once a second and renews at most that often: 1.5 s leases outlive 3 s only if renewed.
    const stream = await open(user, { perUser: 1, leaseMs: 1500, reauthorizeEveryMs: 100 });
    await stream.reader.read();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await countStreamLeases(user)).toBe(1);
    expect((await refusalOf(() => open(user, { perUser: 1 }))).status).toBe(429);
    stream.close();
    await expect.poll(() => countStreamLeases(user)).toBe(0);
  });

  it('caps the streams of the whole process', async () => {
    const before = openEventStreams();
    const streams = [await open(randomUUID(), { perProcess: before + 2 }), await open(randomUUID(), { perProcess: before + 2 })];
    const refused = await refusalOf(() => open(randomUUID(), { perProcess: before + 2 }));
    expect(refused.status).toBe(429);
    expect(refused.message).toMatch(/Too many live views/);
    for (const stream of streams) stream.close();
    expect(openEventStreams()).toBe(before);
  });

  it('ends a stream once its session may no longer see it, and gives its place back', async () => {
    const user = randomUUID();
    let isSignedIn = true;
    let checks = 0;
    const stream = await open(user, {
      reauthorizeEveryMs: 50,
      reauthorize: async () => {
        checks += 1;
        return isSignedIn;
      },
    });
    await stream.reader.read();
    while (checks < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await countStreamLeases(user)).toBe(1);
    isSignedIn = false;
    expect(await readToEnd(stream.reader)).toContain('event: unauthorized');
    await expect.poll(() => countStreamLeases(user)).toBe(0);
  });

  it('treats a failing check as a refusal', async () => {
    const user = randomUUID();
    const stream = await open(user, { reauthorizeEveryMs: 0, reauthorize: () => Promise.reject(new Error('database down')) });
    await readToEnd(stream.reader);
    await expect.poll(() => countStreamLeases(user)).toBe(0);
  });
});
