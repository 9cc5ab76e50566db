import { expect, test, type Page } from '@playwright/test';
import { DEMO, signIn } from './fixtures/accounts';
import { signInOverHttp } from './fixtures/http-client';
import { shopIdByName } from './fixtures/paid-order';

/**
 * The Content-Security-Policy holds and the pages still work under it: the search page with its
 * map, the order page, the shop's pages (its map and live stream) load with no violation
 * reported, and every page carries the security headers.
 */

/** Records every CSP violation the page reports, and console errors that mention the policy. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|CSP violation/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test('pages carry the security headers and a fresh nonce each time', async ({ request }) => {
  const first = await request.get('/sign-in');
  const second = await request.get('/sign-in');
  const policy = first.headers()['content-security-policy'];
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain('worker-src');
  expect(second.headers()['content-security-policy']).not.toBe(policy);
  expect(first.headers()).toMatchObject({ 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin', 'x-frame-options': 'DENY' });
  // Served over plain http here: no HSTS (it is sent when APP_URL is https).
  expect(first.headers()['strict-transport-security']).toBeUndefined();
  const api = await request.get('/api/me');
  expect(api.headers()['x-content-type-options']).toBe('nosniff');
});

test('the session cookie is HttpOnly and SameSite=Lax', async ({ request }) => {
  const response = await request.post('/api/auth/sign-in/email', { data: DEMO.customer, headers: { origin: new URL(test.info().project.use.baseURL!).origin } });
  expect(response.status()).toBe(200);
  const cookies = response.headersArray().filter((h) => h.name.toLowerCase() === 'set-cookie');
  const session = cookies.find((c) => /session_token=/.test(c.value));
  expect(session?.value).toMatch(/HttpOnly/i);
  expect(session?.value).toMatch(/SameSite=Lax/i);
});

test('search with its map: no CSP violation', async ({ page }) => {
  const violations = await watchViolations(page);
  await page.goto('/');
  const map = page.getByRole('region', { name: /Map of the shops found/ });
  await expect(map.locator('.np-marker').first()).toBeVisible();
  await expect(page.locator('canvas.maplibregl-canvas').first()).toBeVisible();
  expect(violations).toEqual([]);
});

test('the customer’s orders and an order page: no CSP violation', async ({ page }) => {
  const violations = await watchViolations(page);
  await signIn(page, DEMO.customer, '/orders');
  const firstOrder = page.locator('a[href^="/orders/"]').first();
  if (await firstOrder.count()) {
    await firstOrder.click();
    await expect(page.getByTestId('order-page')).toBeVisible();
    await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-connected', 'true');
  }
  expect(violations).toEqual([]);
});

test('the shop’s pages with the map and the live queue: no CSP violation', async ({ page }) => {
  const violations = await watchViolations(page);
  const shopId = await shopIdByName(await signInOverHttp('admin', DEMO.admin), 'Liffey Print Hub');
  await signIn(page, DEMO.owner, `/shop/${shopId}/profile`);
  await expect(page.locator('canvas.maplibregl-canvas').first()).toBeVisible();
  await page.goto(`/shop/${shopId}/queue`);
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-connected', 'true');
  expect(violations).toEqual([]);
});
