import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { closeDb } from '@/db/client';
import { AppError } from '@/lib/errors/app-error';

// The web glue is marked server-only; vitest is not a React server.
vi.mock('server-only', () => ({}));

const { eventStreamResponse, openEventStreams } = await import('./event-stream');

afterAll(async () => {
  await closeDb();
});

/** Opens a stream as a browser would; `close()` is the tab going away. */
function open(userId: string, options: { reauthorize?: () => Promise<boolean>; perUser?: number; perProcess?: number; reauthorizeEveryMs?: number } = {}) {
  const tab = new AbortController();
  const response = eventStreamResponse(new Request('http://127.0.0.1/api/shops/x/events', { signal: tab.signal }), {
    scope: { shopId: randomUUID() },
    startAfterId: 0,
    userId,
    reauthorize: options.reauthorize ?? (async () => true),
    limits: { perUser: options.perUser ?? 3, perProcess: options.perProcess ?? 100, reauthorizeEveryMs: options.reauthorizeEveryMs ?? 60_000 },
  });
  const reader = response.body!.getReader();
  return { response, reader, close: () => tab.abort() };
}

function refusalOf(fn: () => unknown): AppError {
  try {
    fn();
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
    const streams = [open(user), open(user), open(user)];
    expect(openEventStreams(user)).toBe(3);
    const refused = refusalOf(() => open(user));
    expect(refused.status).toBe(429);
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.message).toMatch(/already have 3 live views open/);
    // Someone else is not affected.
    const other = open(randomUUID());
    streams[0].close();
    expect(openEventStreams(user)).toBe(2);
    const again = open(user);
    for (const stream of [...streams, other, again]) stream.close();
    expect(openEventStreams(user)).toBe(0);
  });

  it('caps the streams of the whole process', async () => {
    const before = openEventStreams();
    const streams = [open(randomUUID(), { perProcess: before + 2 }), open(randomUUID(), { perProcess: before + 2 })];
    const refused = refusalOf(() => open(randomUUID(), { perProcess: before + 2 }));
    expect(refused.status).toBe(429);
    expect(refused.message).toMatch(/Too many live views/);
    for (const stream of streams) stream.close();
    expect(openEventStreams()).toBe(before);
  });

  it('ends a stream once its session may no longer see it, and gives its place back', async () => {
    const user = randomUUID();
    let isSignedIn = true;
    let checks = 0;
    const stream = open(user, {
      reauthorizeEveryMs: 50,
      reauthorize: async () => {
        checks += 1;
        return isSignedIn;
      },
    });
    await stream.reader.read();
    while (checks < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(openEventStreams(user)).toBe(1);
    isSignedIn = false;
    expect(await readToEnd(stream.reader)).toContain('event: unauthorized');
    expect(openEventStreams(user)).toBe(0);
  });

  it('treats a failing check as a refusal', async () => {
    const user = randomUUID();
    const stream = open(user, { reauthorizeEveryMs: 0, reauthorize: () => Promise.reject(new Error('database down')) });
    await readToEnd(stream.reader);
    expect(openEventStreams(user)).toBe(0);
  });
});
