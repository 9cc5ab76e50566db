import { expect, test } from '@playwright/test';
import { DEMO, signIn, uniqueEmail } from './fixtures/accounts';

test.describe('accounts', () => {
  test('a new customer signs up and lands on the search page, signed in', async ({ page }) => {
    await page.goto('/sign-up');
    await page.getByLabel('Your name').fill('Niamh New');
    await page.getByLabel('Email').fill(uniqueEmail('niamh'));
    await page.getByLabel('Password').fill('a good long password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByTestId('signed-in-as')).toContainText('Niamh New');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();
  });

  test('bad sign-up input gets field messages, not an error page', async ({ page }) => {
    await page.goto('/sign-up');
    await page.getByLabel('Your name').fill('Dup');
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.locator('[data-field-error="email"]')).toContainText('valid email');
    await expect(page.locator('[data-field-error="password"]')).toContainText('at least 8');

    await page.getByLabel('Email').fill(DEMO.customer.email);
    await page.getByLabel('Password').fill('long enough password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.locator('[data-field-error="email"]')).toContainText('already exists');
  });

  test('a wrong password is refused with a message', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(DEMO.customer.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'do not match' })).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in/);
  });

  for (const [role, account, home, marker] of [
    ['customer', DEMO.customer, /\/$/, 'customer-home'],
    ['shop owner', DEMO.owner, /\/shop$/, 'shop-home'],
    ['admin', DEMO.admin, /\/admin$/, 'admin-home'],
  ] as const) {
    test(`the demo ${role} signs in and lands on their home`, async ({ page }) => {
      await signIn(page, account);
      await expect(page).toHaveURL(home);
      await expect(page.getByTestId(marker)).toBeVisible();
    });
  }
});

test.describe('role guards are enforced on the server', () => {
  test('anonymous visitors are sent to sign in and come back', async ({ page }) => {
    await page.goto('/shop');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fshop/);
    await page.getByLabel('Email').fill(DEMO.owner.email);
    await page.getByLabel('Password').fill(DEMO.owner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/shop$/);
  });

  test('a customer opening admin and shop pages gets 403', async ({ page }) => {
    await signIn(page, DEMO.customer);
    for (const path of ['/admin', '/shop']) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole('heading', { name: 'This page is not for your account' })).toBeVisible();
    }
  });

  test('route handlers refuse anonymous and wrong-role requests', async ({ page, request }) => {
    expect((await request.get('/api/me')).status()).toBe(401);
    await signIn(page, DEMO.customer);
    const admin = await page.request.get('/api/admin/shops');
    expect(admin.status()).toBe(403);
    expect(await admin.json()).toMatchObject({ error: { code: 'forbidden' } });
  });

  test('a customer replaying an admin server action directly changes nothing', async ({ browser }) => {
    // Capture the real form an admin's browser would post (action id and all) for one shop.
    const adminContext = await browser.newContext();
    const adminPage = await adminContext.newPage();
    await signIn(adminPage, DEMO.admin);
    await adminPage.goto('/admin/shops');
    const card = adminPage.locator('[data-testid="admin-shop"]', { hasText: 'Inchicore Digital' });
    const form = card.locator('form[data-action="set-shop-status"]');
    await form.locator('input[name="reason"]').fill('replayed');
    const fields: Record<string, string> = Object.fromEntries(await form.evaluate((el) => [...new FormData(el as HTMLFormElement).entries()].map(([k, v]) => [k, String(v)])));
    expect(fields.status).toBe('suspended');
    const shopStatus = async () => {
      const response = await adminPage.request.get('/api/admin/shops');
      const { shops } = (await response.json()) as { shops: { id: string; status: string }[] };
      return shops.find((s) => s.id === fields.shopId)?.status;
    };
    expect(await shopStatus()).toBe('active');

    // The same POST from a customer's session: refused by the action itself.
    const customerContext = await browser.newContext();
    const customerPage = await customerContext.newPage();
    await signIn(customerPage, DEMO.customer);
    const forged = await customerPage.request.post('/admin/shops', { multipart: fields, maxRedirects: 0 });
    expect(forged.status()).not.toBe(500);
    expect(await shopStatus()).toBe('active');
    await customerContext.close();

    // Control: the identical POST from the admin's session does act, so the replay was real.
    await adminPage.request.post('/admin/shops', { multipart: fields, maxRedirects: 0 });
    await expect.poll(shopStatus).toBe('suspended');
    await adminPage.goto('/admin/shops');
    await card.getByRole('button', { name: 'Reinstate' }).click();
    await expect.poll(shopStatus).toBe('active');
    await adminContext.close();
  });
});
