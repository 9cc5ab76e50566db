import { expect, test, type Page } from '@playwright/test';
import { DEMO, signIn } from './fixtures/accounts';
import { ServerActions, signInOverHttp, callRoute } from './fixtures/http-client';
import { createPaidOrderOverHttp, jsonOf, poll } from './fixtures/paid-order';

/**
 * The shop's side of the pipeline in Chromium: with automatic acceptance off, paid jobs wait
 * on the queue page for the owner, who accepts one (it prints, live) and declines another
 * (the customer is refunded in full); agent tokens are created (shown once) and revoked in
 * the settings, and the agent API refuses a revoked token.
 */

const SHOP = 'Grafton Copy Centre';

async function shopIdOf(page: Page): Promise<string> {
  const response = await page.request.get('/api/shops/search?lat=53.3413&lng=-6.2602&radiusKm=2&pageSize=50&sort=nearest');
  const body = (await response.json()) as { results: { shop: { id: string; name: string } }[] };
  return body.results.find((r) => r.shop.name === SHOP)!.shop.id;
}

async function setAutoAccept(page: Page, shopId: string, isOn: boolean) {
  await page.goto(`/shop/${shopId}/settings`);
  const state = page.getByTestId('auto-accept-state');
  const isCurrentlyOn = (await state.textContent())!.includes('straight into your queue');
  if (isCurrentlyOn === isOn) return;
  await page.getByRole('button', { name: isOn ? 'Accept jobs automatically' : 'Accept each job myself' }).click();
  await expect(state).toContainText(isOn ? 'straight into your queue' : 'You accept or decline each paid job first');
}

test('the owner accepts and declines jobs on the live queue, and manages agent tokens', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, DEMO.owner);
  const shopId = await shopIdOf(page);
  const actions = new ServerActions();
  const customer = await signInOverHttp('customer', DEMO.customer);
  const admin = await signInOverHttp('admin', DEMO.admin);

  await setAutoAccept(page, shopId, false);
  try {
    await page.goto(`/shop/${shopId}/queue`);
    await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-connected', 'true');
    const accepted = await createPaidOrderOverHttp({ actions, customer, admin, shopId });
    const declined = await createPaidOrderOverHttp({ actions, customer, admin, shopId });

    // Both appear on the open page by themselves, waiting for the owner.
    const acceptRow = page.locator(`[data-testid="queue-job"][data-order-number="${accepted.order.number}"]`);
    const declineRow = page.locator(`[data-testid="queue-job"][data-order-number="${declined.order.number}"]`);
    await expect(acceptRow).toHaveAttribute('data-job-state', 'awaiting_acceptance', { timeout: 30_000 });
    await expect(declineRow.getByTestId('job-state-label')).toHaveText('Waiting for you to accept');

    await acceptRow.getByRole('button', { name: 'Accept' }).click();
    await expect(acceptRow).toHaveAttribute('data-job-state', 'printed', { timeout: 90_000 });
    await expect(acceptRow).toHaveAttribute('data-order-status', 'ready');

    page.once('dialog', (dialog) => void dialog.accept('Out of A4 today'));
    await declineRow.getByRole('button', { name: 'Decline' }).click();
    await expect(declineRow).toHaveAttribute('data-job-state', 'canceled', { timeout: 15_000 });
    await expect(declineRow).toContainText('The shop declined the job: Out of A4 today');
    await poll('the declined order refunded in full', async () => {
      const details = await jsonOf<{ order: { status: string } }>(await callRoute(admin, 'GET', `/api/admin/orders/${declined.order.id}`));
      return details.order.status === 'refunded';
    });
  } finally {
    await setAutoAccept(page, shopId, true);
  }

  // Agent tokens: shown once, work until revoked, refused after.
  await page.goto(`/shop/${shopId}/settings`);
  await page.getByLabel('Computer name').fill('Back office PC');
  await page.getByRole('button', { name: 'Create agent token' }).click();
  const token = (await page.getByTestId('agent-token').textContent())!.trim();
  expect(token).toMatch(/^npa_/);
  const me = await page.request.get('/api/agent/me', { headers: { authorization: `Bearer ${token}` } });
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ shopId, shopName: SHOP });

  await page.reload();
  await expect(page.getByTestId('agent-token')).toHaveCount(0);
  const row = page
    .getByTestId('agent-token-row')
    .filter({ hasText: 'Back office PC' })
    .filter({ has: page.getByRole('button', { name: 'Revoke Back office PC' }) })
    .first();
  page.once('dialog', (dialog) => void dialog.accept());
  await row.getByRole('button', { name: 'Revoke Back office PC' }).click();
  await expect(page.getByTestId('agent-token-row').filter({ hasText: 'Revoked' }).first()).toBeVisible();
  const refused = await page.request.get('/api/agent/me', { headers: { authorization: `Bearer ${token}` } });
  expect(refused.status()).toBe(401);
  const noToken = await page.request.post('/api/agent/dispatch', { data: { op: 'claim', limit: 1 } });
  expect(noToken.status()).toBe(401);
});
