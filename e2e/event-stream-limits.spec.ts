import { expect, test } from '@playwright/test';
import { DEMO_SHOPS } from '@/db/seed-data';
import { E2E_BASE_URL } from '../playwright.config';
import { DEMO } from './fixtures/accounts';
import { callRoute, signInOverHttp, type TSession } from './fixtures/http-client';
import { shopIdByName } from './fixtures/paid-order';

/**
 * Live streams (SSE) against the real server: capped per user (429 with Retry-After beyond),
 * and a stream ends on its own within 30 s of its session signing out.
 */
let shopId: string;

test.beforeAll(async () => {
  const admin = await signInOverHttp('admin', DEMO.admin);
  shopId = await shopIdByName(admin, DEMO_SHOPS.find((shop) => shop.isDemoOwner)!.name);
});

async function openStream(session: TSession) {
  const tab = new AbortController();
  const response = await fetch(`${E2E_BASE_URL}/api/shops/${shopId}/events`, { headers: { cookie: session.cookie!, accept: 'text/event-stream' }, signal: tab.signal });
  return { response, close: () => tab.abort() };
}

test('a user gets a few live streams at once; the next is refused with 429 and Retry-After', async () => {
  const admin = await signInOverHttp('admin', DEMO.admin);
  const open: Awaited<ReturnType<typeof openStream>>[] = [];
  let refused: Response | null = null;
  while (!refused && open.length < 20) {
    const stream = await openStream(admin);
    if (stream.response.status === 429) refused = stream.response;
    else {
      expect(stream.response.status).toBe(200);
      await stream.response.body!.getReader().read();
      open.push(stream);
    }
  }
  expect(refused?.status).toBe(429);
  expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
  expect((await refused!.json()).error.message).toMatch(/live views open/);
  expect(open.length).toBe(6);
  for (const stream of open) stream.close();
  // Closing a tab gives its place back.
  await expect
    .poll(
      async () => {
        const stream = await openStream(admin);
        stream.close();
        return stream.response.status;
      },
      { timeout: 15_000 },
    )
    .toBe(200);
});

test('a stream ends within 30 s of its session signing out', async () => {
  test.setTimeout(90_000);
  const session = await signInOverHttp('admin (to sign out)', DEMO.admin);
  const stream = await openStream(session);
  expect(stream.response.status).toBe(200);
  const reader = stream.response.body!.getReader();
  await reader.read();
  const signOut = await callRoute(session, 'POST', '/api/auth/sign-out', { body: '{}', headers: { 'content-type': 'application/json' } });
  expect(signOut.status).toBe(200);
  const signedOutAt = Date.now();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  const seconds = (Date.now() - signedOutAt) / 1000;
  console.log(`[sse] the stream ended ${seconds.toFixed(1)} s after sign-out`);
  expect(text).toContain('event: unauthorized');
  expect(seconds).toBeLessThan(30);
  // Reconnecting with the old cookie is refused.
  expect((await openStream(session)).response.status).toBe(401);
});
