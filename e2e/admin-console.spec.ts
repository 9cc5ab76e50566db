import fs from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { DEMO, signIn } from './fixtures/accounts';
import { callRoute, ServerActions, signInOverHttp, type TSession } from './fixtures/http-client';
import { createPaidOrderOverHttp, jsonOf, poll, shopIdByName, STRIPE_EMULATOR_URL } from './fixtures/paid-order';

/**
 * The admin console in Chromium: find an order, read its timeline, refund it (wrong amounts
 * are refused field by field), see disputes, schedule a platform fee, suspend a shop with a
 * reason its owner reads, and follow it all in the audit log.
 */

let admin: TSession;
let customer: TSession;
let actions: ServerActions;
let order: { id: string; number: string; totalMinor: number; stripeChargeId: string | null };

test.beforeAll(async () => {
  test.setTimeout(120_000);
  actions = new ServerActions();
  [admin, customer] = await Promise.all([signInOverHttp('admin', DEMO.admin), signInOverHttp('customer', DEMO.customer)]);
  ({ order } = await createPaidOrderOverHttp({ actions, customer, admin, shopId: await shopIdByName(admin, 'Grafton Copy Centre') }));
  // The demo printers print it within seconds; from then on its state stays put for the tests.
  await poll('the order to be printed', async () => (await jsonOf<{ order: { status: string } }>(await callRoute(admin, 'GET', `/api/admin/orders/${order.id}`))).order.status === 'ready', 90_000);
});

async function openOrder(page: Page) {
  await page.goto('/admin/orders');
  await page.getByLabel('Order number').fill(order.number.replace('NP-', '').toLowerCase());
  await page.getByRole('button', { name: 'Search' }).click();
  const rows = page.getByTestId('admin-orders').locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await rows.getByRole('link', { name: order.number }).click();
  await expect(page.getByRole('heading', { name: `Order ${order.number}` })).toBeVisible();
}

test('the dashboard draws its charts on the server, with words for screen readers', async ({ page }) => {
  await signIn(page, DEMO.admin);
  await expect(page).toHaveURL(/\/admin$/);
  for (const id of ['chart-orders', 'chart-volume', 'chart-refunds', 'chart-ready-time']) {
    await expect(page.getByTestId(id).locator('svg[role="img"]')).toBeVisible();
  }
  // The printer chart holds links to each shop, so it is a group (an image may not contain links).
  await expect(page.getByTestId('printer-status-chart').locator('svg[role="group"]')).toBeVisible();
  await expect(page.getByRole('img', { name: /Paid orders per day/ })).toBeVisible();
  await expect(page.getByTestId('stat-orders')).not.toContainText(/^Paid orders0$/);
  await expect(page.getByTestId('printer-status-chart')).toContainText(/\d+ online/);
  await page.getByRole('link', { name: '7 days' }).click();
  await expect(page).toHaveURL(/days=7/);
  await expect(page.getByTestId('chart-orders').locator('table tbody tr')).toHaveCount(7);
});

test('an admin finds an order by number, email and state, and reads its full timeline', async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.goto(`/admin/orders?email=${encodeURIComponent(DEMO.customer.email)}&status=ready`);
  await expect(page.getByTestId('admin-orders').locator(`tr[data-order-number="${order.number}"]`)).toBeVisible();
  await page.goto('/admin/orders?from=2025-02-10&to=2025-02-01');
  await expect(page.locator('[data-field-error="to"]')).toHaveText('The end date is before the start date');

  await openOrder(page);
  const timeline = page.getByTestId('admin-order-timeline');
  await expect(timeline).toContainText('Order placed');
  await expect(timeline).toContainText(/Payment confirmed: €\d+\.\d\d/);
  const paidEvent = timeline.locator('li[data-event-type="order.paid"]');
  await paidEvent.locator('summary').click();
  await expect(paidEvent.locator('pre')).toContainText('"amountMinor"');
  await expect(page.getByTestId('admin-order-total')).toBeVisible();
});

test('an admin downloads the orders, audit log and payouts as CSV, with the filters on the page', async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.goto(`/admin/orders?email=${encodeURIComponent(DEMO.customer.email)}&status=ready`);
  const link = page.getByTestId('csv-export');
  await expect(link).toHaveText(/Download CSV \(\d+ rows?\)/);
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^nearprint-orders-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = (await fs.readFile(await download.path(), 'utf8'))
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\n');
  expect(lines[0]).toBe('Order,Placed (UTC),Paid (UTC),Status,Print job,Shop,Customer,Customer email,Currency,Total,Refunded,Order id');
  expect(lines.find((line) => line.startsWith(`${order.number},`))).toMatch(
    new RegExp(`,ready,printed,Grafton Copy Centre,.*,${DEMO.customer.email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')},EUR,\\d+\\.\\d\\d,0\\.00,${order.id}$`),
  );
  expect(lines.slice(1).every((line) => line.includes(`,${DEMO.customer.email},`) && line.includes(',ready,'))).toBe(true);

  // The same filters as the page, checked the same way: a bad one is a 400 with the field's message, not a file.
  const refused = await callRoute(admin, 'GET', '/api/admin/orders/export?from=2025-02-10&to=2025-02-01');
  expect(refused.status).toBe(400);
  const audit = await callRoute(admin, 'GET', '/api/admin/audit/export');
  expect(audit.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(audit.text.split('\n')[0]).toContain('When (UTC),Admin,Action,Target type,Target,Reason,Changes');
  const payouts = await callRoute(admin, 'GET', '/api/admin/payouts/export?status=nonsense');
  expect(payouts.status).toBe(400);
});

test('a refund starts empty, wrong amounts are refused on the field, its effect is shown before it is confirmed, then it is booked and audited', async ({ page }) => {
  await signIn(page, DEMO.admin);
  await openOrder(page);
  const euros = (minor: number) => `€${(minor / 100).toFixed(2)}`;
  const { order: detail } = await jsonOf<{ order: { platformFeeMinor: number } }>(await callRoute(admin, 'GET', `/api/admin/orders/${order.id}`));
  const form = page.getByTestId('refund-form');
  const amount = form.getByLabel(/Amount to refund/);
  const review = form.getByRole('button', { name: 'Review refund' });
  // Nothing prefilled: a stray click refunds nothing. The full amount is one tap away.
  await expect(amount).toHaveValue('');
  await expect(review).toBeDisabled();
  await form.getByRole('button', { name: `Full remaining: ${euros(order.totalMinor)}` }).click();
  await expect(amount).toHaveValue((order.totalMinor / 100).toFixed(2));

  await amount.fill('9999');
  await form.getByLabel(/Reason/).fill('Testing a wrong amount');
  await review.click();
  await expect(form.locator('[data-field-error="amount"]')).toHaveText(`At most ${euros(order.totalMinor)} can still be refunded`);
  await expect(amount).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByTestId('refund-preview')).toHaveCount(0);

  await amount.fill('abc');
  await review.click();
  await expect(form.locator('[data-field-error="amount"]')).toHaveText('Enter an amount like 0.10');

  await amount.fill('0.25');
  await form.getByLabel(/Reason/).fill('');
  await review.click();
  await expect(form.locator('[data-field-error="reason"]')).toContainText('Say why');

  // The effect, before anything happens: printed but not handed over, so the earning to be booked shrinks with the commission scaled.
  await form.getByLabel(/Reason/).fill('One page printed too light');
  await review.click();
  const preview = form.getByTestId('refund-preview');
  const feeAfter = Math.round((detail.platformFeeMinor * (order.totalMinor - 25)) / order.totalMinor);
  await expect(preview).toContainText(`Refund €0.25 on ${order.number}?`);
  await expect(preview.getByTestId('refund-preview-customer')).toContainText(`€0.25 (refunded in all: €0.25; still paid: ${euros(order.totalMinor - 25)})`);
  await expect(preview.getByTestId('refund-preview-shop')).toHaveText(
    `${euros(order.totalMinor - detail.platformFeeMinor)} → ${euros(order.totalMinor - 25 - feeAfter)} (−${euros(25 - (detail.platformFeeMinor - feeAfter))})`,
  );
  await expect(preview.getByTestId('refund-preview-fee')).toContainText(`${euros(detail.platformFeeMinor)} → ${euros(feeAfter)}`);
  await expect(amount).toHaveAttribute('readonly', '');
  // Reviewing changed nothing.
  expect((await jsonOf<{ ledger: { refundedMinor: number } }>(await callRoute(admin, 'GET', `/api/admin/orders/${order.id}`))).ledger.refundedMinor).toBe(0);

  await preview.getByRole('button', { name: 'Confirm refund of €0.25' }).click();
  await expect(form.getByRole('status')).toHaveText('Refund of €0.25 sent to Stripe.');
  // Empty again, not refilled with the remainder.
  await expect(amount).toHaveValue('');
  await expect(page.getByTestId('admin-order-refunded')).toHaveText('€0.25', { timeout: 15_000 });
  await expect(page.getByTestId('admin-order-timeline')).toContainText('Refund of €0.25: One page printed too light');
  await expect(page.getByTestId('admin-order-audit')).toContainText(`order.refund by ${DEMO.admin.email}`);

  await page.goto(`/admin/audit?action=order.refund&targetType=order&targetId=${order.id}`);
  const entry = page.getByTestId('audit-entries').locator('li').first();
  await expect(entry).toContainText('Reason: One page printed too light');
  // Read as a person would: the order's number, not its id, and the changed fields in money.
  await expect(entry.getByRole('link', { name: order.number })).toBeVisible();
  const changes = entry.getByTestId('audit-changes');
  await expect(changes.getByRole('row', { name: /^Refunded/ })).toHaveText(/Refunded\s*€0\.00\s*€0\.25/);
  await expect(changes.getByRole('row', { name: /^Amount/ })).toHaveText(/Amount\s*—\s*€0\.25/);
  await expect(entry).toContainText('"amountMinor": 25');
});

test('a dispute Stripe reports shows with its order', async ({ page }) => {
  const { order: disputedOrder } = await createPaidOrderOverHttp({ actions, customer, admin, shopId: await shopIdByName(admin, 'Grafton Copy Centre') });
  const disputed = await fetch(`${STRIPE_EMULATOR_URL}/_emulator/charges/${disputedOrder.stripeChargeId}/dispute`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ reason: 'product_not_received' }),
  });
  expect(disputed.status).toBe(200);
  await signIn(page, DEMO.admin);
  const row = page.getByTestId('admin-disputes').locator('tr', { hasText: disputedOrder.number });
  await expect
    .poll(async () => {
      await page.goto('/admin/disputes');
      return row.count();
    })
    .toBe(1);
  await expect(row).toContainText('product not received');
  await expect(row).toContainText('needs response');
  await row.getByRole('link', { name: disputedOrder.number }).click();
  await expect(page.getByTestId('admin-order-timeline')).toContainText('The payment was disputed');
});

test('a platform fee is reviewed before it is scheduled: refused for the past, its effect shown, refused when stale, and withdrawn', async ({ page, browser }) => {
  await signIn(page, DEMO.admin);
  await page.goto('/admin/fees');
  const form = page.getByTestId('fee-rule-form');
  await form.getByLabel('Percentage of each order (%)').fill('12.5');
  await form.getByLabel(/Fixed amount/).fill('0.20');
  await form.getByLabel('Starts').fill('2020-01-01T00:00');
  await form.getByRole('button', { name: 'Review change' }).click();
  await expect(form.locator('[data-field-error="effectiveFrom"]')).toContainText('future');

  await form.getByLabel('Percentage of each order (%)').fill('75');
  await form.getByRole('button', { name: 'Review change' }).click();
  await expect(form.locator('[data-field-error="percent"]')).toHaveText('At most 50%');

  // The review: the fee it replaces and the new one, on example orders; nothing is written yet.
  await form.getByLabel('Percentage of each order (%)').fill('12.5');
  await form.getByLabel('Starts').fill('2040-06-01T09:00');
  await form.getByRole('button', { name: 'Review change' }).click();
  const preview = form.getByTestId('fee-preview');
  await expect(preview).toContainText('→ 12.5% + €0.20 per order');
  // An order of €20.00: the fee goes from what is in force then to €2.50 + €0.20.
  await expect(preview.getByTestId('fee-preview-examples').locator('tr', { hasText: 'Order of €20.00' })).toContainText('€2.70');
  await expect(preview.getByTestId('fee-preview-recent')).toContainText('active now');
  await expect(page.getByTestId('fee-history').locator('tr[data-state="scheduled"]', { hasText: '12.5% + €0.20' })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/fee-confirmation.png', fullPage: true });

  // Without the tick: refused, the review stays.
  await preview.getByRole('button', { name: 'Schedule fee' }).click();
  await expect(form.locator('[data-field-error="confirm"]')).toBeVisible();

  // Another admin changes the schedule meanwhile: this review is stale and is refused.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, DEMO.admin);
  await otherPage.goto('/admin/fees');
  const otherForm = otherPage.getByTestId('fee-rule-form');
  await otherForm.getByLabel('Percentage of each order (%)').fill('11');
  await otherForm.getByLabel('Starts').fill('2041-01-01T00:00');
  await otherForm.getByRole('button', { name: 'Review change' }).click();
  await otherForm.getByLabel(/I checked the effect/).check();
  await otherForm.getByRole('button', { name: 'Schedule fee' }).click();
  await expect(otherForm.getByRole('status')).toContainText('Scheduled: 11% of each order');
  await other.close();

  await preview.getByLabel(/I checked the effect/).check();
  await preview.getByRole('button', { name: 'Schedule fee' }).click();
  await expect(form.getByRole('alert')).toContainText('The fee schedule changed since you reviewed this');
  await expect(page.getByTestId('fee-history').locator('tr[data-state="scheduled"]', { hasText: '12.5% + €0.20' })).toHaveCount(0);

  // Reviewed again (it now ends when the 11% starts), it is scheduled.
  await form.getByRole('button', { name: 'Review change' }).click();
  await expect(preview).toContainText('until');
  await preview.getByLabel(/I checked the effect/).check();
  await preview.getByRole('button', { name: 'Schedule fee' }).click();
  await expect(form.getByRole('status')).toContainText('Scheduled: 12.5% + €0.20 per order');
  const row = page.getByTestId('fee-history').locator('tr[data-state="scheduled"]', { hasText: '12.5% + €0.20' });
  await expect(row).toBeVisible();
  await expect(page.getByTestId('current-fee')).not.toContainText('12.5%');
  await row.getByRole('button', { name: 'Withdraw' }).click();
  await expect(row).toHaveCount(0);
  const eleven = page.getByTestId('fee-history').locator('tr[data-state="scheduled"]', { hasText: '11% of each order' });
  await eleven.getByRole('button', { name: 'Withdraw' }).click();
  await expect(eleven).toHaveCount(0);
});

test('a suspended shop leaves search, its owner reads why, and the audit log has both steps', async ({ page, browser }) => {
  const shopName = 'Smithfield Digital Print';
  const shopId = await shopIdByName(admin, shopName);
  const inSearch = async () => {
    const result = await jsonOf<{ results: { shop: { id: string } }[] }>(await callRoute(admin, 'GET', '/api/shops/search?lat=53.3487&lng=-6.2780&radiusKm=2&pageSize=50'));
    return result.results.some((r) => r.shop.id === shopId);
  };
  expect(await inSearch()).toBe(true);

  await signIn(page, DEMO.admin);
  await page.goto(`/admin/shops/${shopId}`);
  await expect(page.getByRole('heading', { name: shopName })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Printers \(\d+\)/ })).toBeVisible();
  const form = page.locator('form[data-action="set-shop-status"]');
  await form.getByRole('button', { name: 'Suspend' }).click();
  await expect(form.locator('[data-field-error="reason"]')).toHaveText('Tell the owner why the shop is suspended');
  await form.getByLabel('Reason shown to the owner').fill('Your printers reported the wrong paper sizes');
  await form.getByLabel('Let them finish printing').check();
  await form.getByRole('button', { name: 'Suspend' }).click();
  await expect(page.getByTestId('admin-shop-detail')).toHaveAttribute('data-shop-status', 'suspended');
  expect(await inSearch()).toBe(false);

  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  await signIn(owner, { email: 'owner+smithfield-digital-print@nearprint.local', password: DEMO.owner.password });
  await owner.goto(`/shop/${shopId}`);
  await expect(owner.getByText('Your printers reported the wrong paper sizes')).toBeVisible();
  await ownerContext.close();

  await page.locator('form[data-action="set-shop-status"]').getByRole('button', { name: 'Reinstate' }).click();
  await expect(page.getByTestId('admin-shop-detail')).toHaveAttribute('data-shop-status', 'active');
  expect(await inSearch()).toBe(true);

  await page.goto(`/admin/audit?targetType=shop&targetId=${shopId}`);
  const entries = page.getByTestId('audit-entries').locator('li');
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0)).toHaveAttribute('data-action', 'shop.reinstate');
  await expect(entries.nth(1)).toHaveAttribute('data-action', 'shop.suspend');
  await expect(entries.nth(1).getByTestId('audit-changes')).toContainText('Your printers reported the wrong paper sizes');
});

test('the reconciliation report compares the ledger with Stripe', async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.goto('/admin/reconciliation');
  const report = page.getByTestId('reconciliation-report');
  await expect(report).toBeVisible({ timeout: 30_000 });
  await expect(report).toContainText(/\d+ payments · \d+ payouts/);
  await expect(report).toContainText('balanced');
});

// Last: it ends the order the other tests use.
test('cancelling with refund asks for a reason and a tick, then stops the order and refunds the rest', async ({ page }) => {
  await signIn(page, DEMO.admin);
  await openOrder(page);
  const form = page.getByTestId('cancel-order-form');
  await form.getByRole('button', { name: 'Cancel order with refund' }).click();
  await expect(form.locator('[data-field-error="reason"]')).toContainText('Say why');
  await expect(form.locator('[data-field-error="confirm"]')).toHaveText('Tick the box to confirm');
  await form.getByLabel('Reason (the customer and the shop see it)').fill('The customer is abroad and cannot collect');
  await form.getByLabel(/Stop printing this order/).check();
  await form.getByRole('button', { name: 'Cancel order with refund' }).click();
  await expect(page.getByTestId('admin-order')).toHaveAttribute('data-status', 'refunded', { timeout: 15_000 });
  await expect(page.getByTestId('admin-order-refundable')).toHaveText('€0.00');
  await expect(page.getByTestId('admin-order-audit')).toContainText('order.cancel');
  await expect(page.getByTestId('refund-form')).toHaveCount(0);
});
