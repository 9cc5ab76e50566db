import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { E2E_BASE_URL } from '../playwright.config';
import { DEMO, uniqueEmail } from './fixtures/accounts';
import { callRoute, formOf, ServerActions, signInOverHttp, signUpOverHttp, type TSession } from './fixtures/http-client';
import { jsonOf, onePagePdf, poll, shopIdByName, TEST_JOB } from './fixtures/paid-order';

/**
 * The security hardening as an attacker meets it, against the built app: the sign-in limiter on
 * both ways in, redirects after sign-in, an owner and an unpaid order, and what a customer's
 * quote carries. (lib/auth/sign-in-throttle.int.test.ts proves the right password works after
 * the wait with a test clock; here the wait would be minutes.)
 */

const SIGN_IN_ACTION = { file: 'app/(auth)/actions.ts', exportName: 'signInAction' };
const TOO_MANY = /^Too many sign-in attempts\. Try again in \d+ minutes?\.$/;

let actions: ServerActions;

test.beforeAll(() => {
  actions = new ServerActions();
});

/** One POST to better-auth's endpoint, without the fixtures' wait-and-retry on 429. */
async function signInOverEndpoint(email: string, password: string, xForwardedFor?: string): Promise<{ status: number; message: string }> {
  const response = await fetch(`${E2E_BASE_URL}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: E2E_BASE_URL, ...(xForwardedFor ? { 'x-forwarded-for': xForwardedFor } : {}) },
    body: JSON.stringify({ email, password }),
    redirect: 'manual',
  });
  const body = (await response.json().catch(() => ({}))) as { message?: string };
  return { status: response.status, message: body.message ?? '' };
}

async function signInThroughAction(email: string, password: string, options: { next?: string; xForwardedFor?: string } = {}) {
  const anonymous: TSession = { label: 'anonymous', cookie: null };
  const result = await actions.call(
    anonymous,
    SIGN_IN_ACTION,
    [{}, formOf({ email, password, ...(options.next ? { next: options.next } : {}) })],
    options.xForwardedFor ? { 'x-forwarded-for': options.xForwardedFor } : undefined,
  );
  return { error: (result.value as { error?: string } | undefined)?.error, redirect: result.redirect?.split(';')[0] ?? null, status: result.status };
}

const someAddress = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}`;

for (const changeAddress of [false, true]) {
  test(`100 wrong passwords through the HTTP endpoint ${changeAddress ? 'with a new X-Forwarded-For each' : 'from one address'}: the limiter engages`, async () => {
    test.setTimeout(120_000);
    const account = { name: 'Limiter', email: uniqueEmail('limiter-http'), password: 'the right password 123' };
    await signUpOverHttp('limiter', account);
    const statuses: number[] = [];
    let message = '';
    for (let attempt = 0; attempt < 100; attempt++) {
      const result = await signInOverEndpoint(account.email, `wrong ${attempt}`, changeAddress ? someAddress() : undefined);
      statuses.push(result.status);
      if (result.status === 429) message = result.message;
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(95);
    expect(message).toMatch(TOO_MANY);
    // While locked, the right password is not even checked.
    expect((await signInOverEndpoint(account.email, account.password)).status).toBe(429);
  });

  test(`100 wrong passwords through the sign-in form’s server action ${changeAddress ? 'with a new X-Forwarded-For each' : 'from one address'}: the limiter engages`, async () => {
    test.skip(!actions.has(SIGN_IN_ACTION), 'the build exposes no sign-in action');
    test.setTimeout(120_000);
    const account = { name: 'Limiter', email: uniqueEmail('limiter-action'), password: 'the right password 123' };
    await signUpOverHttp('limiter', account);
    const errors: string[] = [];
    for (let attempt = 0; attempt < 100; attempt++) {
      const result = await signInThroughAction(account.email, `wrong ${attempt}`, { xForwardedFor: changeAddress ? someAddress() : undefined });
      errors.push(result.error ?? '');
    }
    expect(errors.filter((e) => /do not match/.test(e))).toHaveLength(5);
    expect(errors.filter((e) => TOO_MANY.test(e))).toHaveLength(95);
    const locked = await signInThroughAction(account.email, account.password);
    expect(locked.error).toMatch(TOO_MANY);
    expect(locked.redirect).toBeNull();
  });
}

test('after sign-in, next= with control characters or another site falls back to the home page', async () => {
  test.skip(!actions.has(SIGN_IN_ACTION), 'the build exposes no sign-in action');
  for (const next of ['/\t/evil.example', '/%09/evil.example', '/%0a/evil.example', '//evil.example', '/\\evil.example', 'https://evil.example/']) {
    const result = await signInThroughAction(DEMO.customer.email, DEMO.customer.password, { next });
    expect(result.redirect, `next=${JSON.stringify(next)}`).toBe('/');
  }
  expect((await signInThroughAction(DEMO.customer.email, DEMO.customer.password, { next: '/orders' })).redirect).toBe('/orders');
});

test('an owner cannot follow an order at their shop before it is paid; the customer’s quote carries no platform fee', async () => {
  const [customer, owner, admin] = await Promise.all([signInOverHttp('customer', DEMO.customer), signInOverHttp('owner', DEMO.owner), signInOverHttp('admin', DEMO.admin)]);
  const shopId = await shopIdByName(admin, 'Liffey Print Hub');
  const uploaded = await jsonOf<{ document: { id: string } }>(
    await callRoute(customer, 'POST', '/api/documents', {
      body: Buffer.from(await onePagePdf()),
      headers: { 'content-type': 'application/pdf', 'x-filename': `unpaid-${randomUUID().slice(0, 8)}.pdf` },
    }),
  );
  await poll(
    'the document to be inspected',
    async () => (await jsonOf<{ document: { status: string } }>(await callRoute(customer, 'GET', `/api/documents/${uploaded.document.id}`))).document.status === 'ready',
  );
  const quote = await actions.call(customer, { file: 'app/order/actions.ts', exportName: 'quoteOrderAction' }, [{ shopId, job: TEST_JOB, documentIds: [uploaded.document.id] }]);
  const quoted = quote.value as { ok: boolean; data: { totalMinor: number } };
  expect(quoted.ok).toBe(true);
  expect(quote.text).not.toMatch(/platformFee|shopEarning/);
  const placed = await actions.call(customer, { file: 'app/order/actions.ts', exportName: 'placeOrderAction' }, [
    { shopId, job: TEST_JOB, documentIds: [uploaded.document.id], expectedTotalMinor: quoted.data.totalMinor },
  ]);
  const orderId = (placed.value as { data: { orderId: string } }).data.orderId;

  expect((await callRoute(owner, 'GET', `/api/orders/${orderId}/events`)).status).toBe(404);
  expect((await callRoute(customer, 'GET', `/api/orders/${orderId}/events`)).status).toBe(200);
  expect((await callRoute(admin, 'GET', `/api/orders/${orderId}/events`)).status).toBe(200);
  const orderPage = await callRoute(customer, 'GET', `/orders/${orderId}`);
  expect(orderPage.status).toBe(200);
  expect(orderPage.text).not.toMatch(/platformFee|shopEarning/);
});
