import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { expect, test } from '@playwright/test';
import { freePort } from '@/dev/lib/free-port';
import { verifyWebhookSignature } from '@/lib/webhooks/sign-webhook';
import { DEMO, signIn } from './fixtures/accounts';
import { ServerActions, signInOverHttp, type TSession } from './fixtures/http-client';
import { createPaidOrderOverHttp, poll, shopIdByName } from './fixtures/paid-order';

/**
 * The shop's own systems: the owner makes an API key on the settings page (shown once), uses it
 * over HTTP, and adds a webhook endpoint; a receiver on loopback (which fails its first answer)
 * gets the paid job signed, again after the failure, and once more when the owner replays it
 * from the delivery log, always with the same event id.
 */

const SHOP = 'Liffey Print Hub';

let actions: ServerActions;
let admin: TSession;
let customer: TSession;

test.beforeAll(async () => {
  actions = new ServerActions();
  [admin, customer] = await Promise.all([signInOverHttp('admin', DEMO.admin), signInOverHttp('customer', DEMO.customer)]);
});

type TReceived = { id: string; type: string; data: { orderId?: string }; isSigned: boolean };

function startReceiver(port: number, secret: () => string) {
  const received: TReceived[] = [];
  let failures = 1;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const event = JSON.parse(body) as Omit<TReceived, 'isSigned'>;
      const isSigned = verifyWebhookSignature(body, request.headers['nearprint-signature'] as string, secret());
      received.push({ ...event, isSigned });
      if (failures > 0 && event.type === 'job.paid') {
        failures -= 1;
        return response.writeHead(500).end('not now');
      }
      response.writeHead(isSigned ? 200 : 400).end();
    });
  });
  return { received, server, listening: new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)) };
}

test('an API key shown once, used and revoked; a webhook endpoint whose deliveries are retried, logged and replayed', async ({ page, request }) => {
  const shopId = await shopIdByName(admin, SHOP);
  await signIn(page, DEMO.owner);
  await page.goto(`/shop/${shopId}/settings`);

  // A write key and a read key, each shown once.
  const createKey = async (name: string, access: string) => {
    await page.getByLabel('Key name').fill(name);
    await page.getByLabel('Access').selectOption({ label: access });
    await page.getByRole('button', { name: 'Create API key' }).click();
    // The panel names the key it shows (the previous key's panel is replaced, not added to).
    await expect(page.getByRole('status').filter({ hasText: `Key for “${name}”` })).toBeVisible();
    const shown = page.getByTestId('api-key');
    await expect(shown).toHaveText(/^npk_/);
    return (await shown.textContent())!.trim();
  };
  const writeKey = await createKey('Till system', 'Read and write (accept, reject, hand over)');
  await expect(page.getByRole('status').filter({ hasText: 'it is not shown again' })).toBeVisible();
  const readKey = await createKey('Dashboard', 'Read only');
  await page.reload();
  await expect(page.getByTestId('api-key')).toHaveCount(0);
  await expect(page.getByTestId('api-key-row').filter({ hasText: 'Till system' })).toContainText(writeKey.slice(0, 12));
  await expect(page.getByTestId('api-key-row').filter({ hasText: 'Till system' })).not.toContainText(writeKey.slice(12));

  const api = (key: string, method: 'GET' | 'POST', path: string) =>
    request.fetch(`/api/v1/shops/${shopId}${path}`, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, data: method === 'POST' ? '{}' : undefined });
  expect((await api(writeKey, 'GET', '/jobs')).status()).toBe(200);
  expect((await api(readKey, 'GET', '/printers')).status()).toBe(200);
  const readOnWrite = await api(readKey, 'POST', `/jobs/${randomUUID()}/accept`);
  expect(readOnWrite.status(), await readOnWrite.text()).toBe(403);
  const dashboard = page.getByTestId('api-key-row').filter({ hasText: 'Dashboard' });
  page.once('dialog', (dialog) => void dialog.accept());
  await dashboard.getByRole('button', { name: 'Revoke key Dashboard' }).click();
  await expect(dashboard).toHaveAttribute('data-revoked', 'true');
  expect((await api(readKey, 'GET', '/printers')).status()).toBe(401);
  const openapi = await request.get('/api/v1/openapi.json');
  expect(((await openapi.json()) as { openapi: string }).openapi).toBe('3.1.0');

  // A receiver on loopback (the e2e stack opens loopback, as PRINTER_ALLOWED_NETWORKS does for printers).
  const port = await freePort();
  let secret = '';
  const receiver = startReceiver(port, () => secret);
  await receiver.listening;
  try {
    await page.getByLabel('Endpoint URL').fill(`http://127.0.0.1:${port}/nearprint`);
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const endpoint = page.getByTestId('webhook-endpoint-row').filter({ hasText: `127.0.0.1:${port}` });
    await expect(endpoint).toContainText('job.paid, job.printed, job.ready, job.failed, printer.offline');
    await endpoint.getByText('Signing secret').click();
    secret = (await endpoint.getByTestId('webhook-secret').textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);

    // A customer pays: job.paid arrives, fails once, and is retried with the same event id.
    const { order } = await createPaidOrderOverHttp({ actions, customer, admin, shopId });
    const paid = await poll(
      'job.paid delivered after a retry',
      async () => {
        const mine = receiver.received.filter((event) => event.type === 'job.paid' && event.data.orderId === order.id);
        return mine.length >= 2 && mine;
      },
      120_000,
    );
    expect(paid.every((event) => event.isSigned && event.id === paid[0].id)).toBe(true);

    await page.reload();
    const delivery = page.getByTestId('webhook-delivery-row').filter({ hasText: paid[0].id });
    await expect(delivery).toHaveAttribute('data-status', 'delivered');
    await expect(delivery).toContainText('2 attempts');
    await delivery.getByText('Attempts', { exact: true }).click();
    await expect(delivery).toContainText('HTTP 500');
    await page.screenshot({ path: 'test-results/shop-api-settings.png', fullPage: true });

    // Replayed from the log: the same event again.
    await delivery.getByRole('button', { name: 'Send again' }).click();
    await poll('the replay', async () => receiver.received.filter((event) => event.id === paid[0].id).length >= 3, 60_000);

    page.once('dialog', (dialog) => void dialog.accept());
    await endpoint.getByRole('button', { name: /Delete endpoint/ }).click();
    await expect(endpoint).toHaveCount(0);
  } finally {
    await new Promise<void>((resolve) => receiver.server.close(() => resolve()));
  }
  const till = page.getByTestId('api-key-row').filter({ hasText: 'Till system' });
  page.once('dialog', (dialog) => void dialog.accept());
  await till.getByRole('button', { name: 'Revoke key Till system' }).click();
  await expect(till).toHaveAttribute('data-revoked', 'true');
});
