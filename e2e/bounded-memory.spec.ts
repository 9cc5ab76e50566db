import { expect, test } from '@playwright/test';
import { E2E_BASE_URL } from '../playwright.config';
import { uniqueEmail } from './fixtures/accounts';
import { callRoute, signUpOverHttp, type TSession } from './fixtures/http-client';
import { onePagePdf } from './fixtures/paid-order';
import { floodPost, residentBytes, sampleResident, serverProcessIds } from './fixtures/server-memory';

/**
 * Hostile bodies against the real server (`next start`), watching its resident memory: a
 * 200 MB chunked upload and a 2 GB webhook body are refused while they stream, alone and eight
 * at once, and the process grows by less than 64 MB and comes back down afterwards.
 */
const MB = 1024 * 1024;
const PDF_HEAD = new TextEncoder().encode('%PDF-1.7\n');
const port = Number(new URL(E2E_BASE_URL).port);

test.describe.configure({ mode: 'serial' });

const customers: TSession[] = [];
let pids: number[] = [];
let baseline = 0;

const upload = (customer: TSession) => floodPost(`${E2E_BASE_URL}/api/documents`, 200 * MB, { cookie: customer.cookie!, origin: E2E_BASE_URL, 'x-filename': 'flood.pdf' }, PDF_HEAD);
const webhook = () => floodPost(`${E2E_BASE_URL}/api/stripe/webhook`, 2 * 1024 * MB, { 'stripe-signature': 't=1,v1=00', 'content-type': 'application/json' });

async function settledResident(): Promise<number> {
  // The lowest of a few samples: what the process holds, not a moment of garbage.
  let lowest = Infinity;
  for (let i = 0; i < 10; i += 1) {
    lowest = Math.min(lowest, residentBytes(pids));
    await new Promise((r) => setTimeout(r, 200));
  }
  return lowest;
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  // Three customers: each may run three uploads at once (UPLOAD_MAX_CONCURRENT), eight in all.
  for (let i = 0; i < 3; i += 1) customers.push(await signUpOverHttp(`flooder ${i}`, { name: `Flooder ${i}`, email: uniqueEmail('flood'), password: 'flood-password-1' }));
  pids = serverProcessIds(port);
  // Warm the routes (their code loads on first use), then measure.
  const warm = await callRoute(customers[0], 'POST', '/api/documents', { body: Buffer.from(await onePagePdf()), headers: { 'x-filename': 'warm.pdf' } });
  expect(warm.status).toBe(201);
  expect((await upload(customers[0])).status).toBe(413);
  expect((await webhook()).status).toBe(413);
  baseline = await settledResident();
});

test('a 200 MB chunked upload is refused while streaming; memory stays within 64 MB', async () => {
  const sampler = sampleResident(pids);
  const result = await upload(customers[0]);
  const peak = sampler.stop();
  expect(result.status).toBe(413);
  expect(JSON.parse(result.body).error.message).toMatch(/larger than the 100 MB limit/);
  expect(result.sentBytes).toBeLessThan(150 * MB);
  console.log(`[memory] one 200 MB upload: baseline ${(baseline / MB).toFixed(0)} MB, peak +${((peak - baseline) / MB).toFixed(1)} MB, sent ${(result.sentBytes / MB).toFixed(0)} MB`);
  expect(peak - baseline).toBeLessThan(64 * MB);
});

test('a 2 GB webhook body is refused while streaming; memory stays within 64 MB', async () => {
  const sampler = sampleResident(pids);
  const result = await webhook();
  const peak = sampler.stop();
  expect(result.status).toBe(413);
  expect(result.sentBytes).toBeLessThan(64 * MB);
  console.log(`[memory] one 2 GB webhook: peak +${((peak - baseline) / MB).toFixed(1)} MB, sent ${(result.sentBytes / MB).toFixed(1)} MB`);
  expect(peak - baseline).toBeLessThan(64 * MB);
});

test('eight of each at once, three times over: all refused, memory within 64 MB, and it does not pile up', async () => {
  test.setTimeout(300_000);
  const peaks: number[] = [];
  const afters: number[] = [];
  for (let round = 0; round < 3; round += 1) {
    const sampler = sampleResident(pids);
    const [uploads, webhooks] = await Promise.all([Promise.all(Array.from({ length: 8 }, (_, i) => upload(customers[i % 3]))), Promise.all(Array.from({ length: 8 }, () => webhook()))]);
    peaks.push(sampler.stop() - baseline);
    expect(uploads.map((r) => r.status)).toEqual(Array(8).fill(413));
    expect(webhooks.map((r) => r.status)).toEqual(Array(8).fill(413));
    for (const result of uploads) expect(result.sentBytes).toBeLessThan(150 * MB);
    for (const result of webhooks) expect(result.sentBytes).toBeLessThan(64 * MB);
    afters.push((await settledResident()) - baseline);
  }
  console.log(
    `[memory] eight uploads + eight webhooks at once, per round: peak ${peaks.map((b) => `+${(b / MB).toFixed(1)}`).join(', ')} MB; afterwards ${afters.map((b) => `+${(b / MB).toFixed(1)}`).join(', ')} MB`,
  );
  for (const peak of peaks) expect(peak).toBeLessThan(64 * MB);
  // What one flood takes is reused by the next, not kept on top of it (the old reader kept ~100 MB per upload).
  expect(afters.at(-1)!).toBeLessThan(64 * MB);
});
