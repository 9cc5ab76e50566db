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

/** On the job's preview page: picks the reason, adds a note, confirms, and waits for the answer. */
async function rejectWithReason(page: Page, reason: string, note: string) {
  const form = page.getByTestId('reject-job-form');
  await form.getByLabel(reason).check();
  await form.getByRole('textbox').fill(note);
  page.once('dialog', (dialog) => void dialog.accept());
  await form.getByRole('button', { name: 'Reject and refund' }).click();
  // The page re-renders for the ended job: the reason, and that the customer is refunded.
  await expect(page.getByTestId('reject-unavailable')).toContainText(`This job has ended: ${reason}: ${note} The customer is refunded in full`);
}

/** Switches every printer of the shop on or off from its printers page (off: paid jobs wait in line, nothing prints). */
async function setAllPrintersEnabled(page: Page, shopId: string, isEnabled: boolean) {
  await page.goto(`/shop/${shopId}/printers`);
  const toggles = page.locator(`button[aria-label^="${isEnabled ? 'Enable' : 'Disable'} "]`);
  while ((await toggles.count()) > 0) {
    const before = await toggles.count();
    await toggles.first().click();
    await expect(toggles).toHaveCount(before - 1);
  }
}

test('the owner looks at an auto-accepted job’s pages and rejects it with a reason: the customer is refunded and told why', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, DEMO.owner);
  const shopId = await shopIdOf(page);
  const actions = new ServerActions();
  const customer = await signInOverHttp('customer', DEMO.customer);
  const admin = await signInOverHttp('admin', DEMO.admin);
  await setAutoAccept(page, shopId, true);
  try {
    // The printers go off between placing and paying, so the accepted job waits in line long enough to look at.
    const { order } = await createPaidOrderOverHttp({ actions, customer, admin, shopId, beforePay: () => setAllPrintersEnabled(page, shopId, false) });
    await page.goto(`/shop/${shopId}/queue`);
    const row = page.locator(`[data-testid="queue-job"][data-order-number="${order.number}"]`);
    await expect(row).toHaveAttribute('data-job-state', 'queued', { timeout: 30_000 });
    await page.screenshot({ path: 'test-results/screenshots/queue-with-preview.png', fullPage: true });
    await row.getByTestId('preview-job').click();

    // The pages, through signed links that work for this owner while the job is open.
    const thumbnail = page.getByTestId('preview-thumbnail').first();
    await expect(thumbnail).toBeVisible();
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const pdfUrl = (await page.getByTestId('preview-document-pdf').getAttribute('href'))!;
    const thumbnailUrl = (await thumbnail.getAttribute('src'))!;
    const pdf = await page.request.get(pdfUrl);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    // A thumbnail's link does not open the document, and nobody else's session opens it.
    expect((await page.request.get(thumbnailUrl.replace('purpose=job-thumbnail', 'purpose=job-document'))).status()).toBe(403);
    expect((await callRoute(customer, 'GET', pdfUrl)).status).toBe(403);
    await page.screenshot({ path: 'test-results/screenshots/job-preview-reject.png', fullPage: true });

    await rejectWithReason(page, 'Pages are unreadable or blank', 'page 1 is too faint to read');
    await poll('the rejected order refunded in full', async () => {
      const details = await jsonOf<{ order: { status: string }; refunds: { refund: { amountMinor: number } }[] }>(await callRoute(admin, 'GET', `/api/admin/orders/${order.id}`));
      return details.order.status === 'refunded' && details.refunds.length === 1 && details.refunds[0].refund.amountMinor === order.totalMinor;
    });
    // The links stop working with the job, well before they expire.
    expect((await page.request.get(pdfUrl)).status()).toBe(410);
    expect((await page.request.get(thumbnailUrl)).status()).toBe(410);

    // The customer's order page says why.
    const orderPage = await callRoute(customer, 'GET', `/orders/${order.id}`);
    expect(orderPage.text).toContain('Pages are unreadable or blank: page 1 is too faint to read');
    await page.goto(`/shop/${shopId}/queue`);
    await page.screenshot({ path: 'test-results/screenshots/queue-after-reject.png', fullPage: true });
  } finally {
    await setAllPrintersEnabled(page, shopId, true);
  }
});

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

    // Waiting jobs alert the shop (at once in the e2e stack): the dashboard says what to do.
    await page.goto(`/shop/${shopId}`);
    const waitingAlert = page.getByTestId('shop-alert').filter({ hasText: `${declined.order.number} is waiting for you to accept it` });
    await expect(waitingAlert).toBeVisible({ timeout: 15_000 });
    await expect(waitingAlert).toContainText('Open the queue: look at the pages');
    await expect(waitingAlert.getByTestId('alert-link')).toHaveAttribute('href', new RegExp(`^/shop/${shopId}/queue/[0-9a-f-]{36}$`));
    await page.screenshot({ path: 'test-results/screenshots/shop-dashboard-alerts.png', fullPage: true });
    await page.goto(`/shop/${shopId}/queue`);
    await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-connected', 'true');

    // Both appear on the open page by themselves, waiting for the owner.
    const acceptRow = page.locator(`[data-testid="queue-job"][data-order-number="${accepted.order.number}"]`);
    const declineRow = page.locator(`[data-testid="queue-job"][data-order-number="${declined.order.number}"]`);
    await expect(acceptRow).toHaveAttribute('data-job-state', 'awaiting_acceptance', { timeout: 30_000 });
    await expect(declineRow.getByTestId('job-state-label')).toHaveText('Waiting for you to accept');

    await acceptRow.getByRole('button', { name: 'Accept' }).click();
    await expect(acceptRow).toHaveAttribute('data-job-state', 'printed', { timeout: 90_000 });
    await expect(acceptRow).toHaveAttribute('data-order-status', 'ready');

    await declineRow.getByTestId('preview-job').click();
    await rejectWithReason(page, 'Our printers cannot do this job', 'Out of A4 today');
    await page.goto(`/shop/${shopId}/queue`);
    await expect(declineRow).toHaveAttribute('data-job-state', 'canceled', { timeout: 15_000 });
    await expect(declineRow).toContainText('Our printers cannot do this job: Out of A4 today');
    await poll('the declined order refunded in full', async () => {
      const details = await jsonOf<{ order: { status: string } }>(await callRoute(admin, 'GET', `/api/admin/orders/${declined.order.id}`));
      return details.order.status === 'refunded';
    });
    // Both jobs moved on: their waiting alerts are history.
    await page.goto(`/shop/${shopId}/alerts`);
    await expect(page.getByTestId('alert-history').getByTestId('shop-alert').filter({ hasText: declined.order.number })).toBeVisible();
    await expect(page.getByTestId('open-alerts').getByTestId('shop-alert').filter({ hasText: accepted.order.number })).toHaveCount(0);
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
