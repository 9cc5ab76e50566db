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
    await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
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
    await expect(page.getByRole('alert')).toContainText('do not match');
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

  test('a customer calling an admin server action directly is refused', async ({ browser }) => {
    // Find the real action id the admin's page posts to, then replay it with a customer's session.
    const adminContext = await browser.newContext();
    const adminPage = await adminContext.newPage();
    await signIn(adminPage, DEMO.admin);
    await adminPage.goto('/admin/shops');
    const form = adminPage.locator('form[data-action="set-shop-status"]').first();
    await expect(form).toBeAttached();
    const fields = await form.evaluate((el) => {
      const data = new FormData(el as HTMLFormElement);
      return [...data.entries()].map(([k, v]) => [k, String(v)] as [string, string]);
    });
    await adminContext.close();

    const customerContext = await browser.newContext();
    const customerPage = await customerContext.newPage();
    await signIn(customerPage, DEMO.customer);
    const shopId = fields.find(([k]) => k === 'shopId')?.[1];
    expect(shopId).toBeTruthy();
    const multipart: Record<string, string> = Object.fromEntries(fields);
    multipart.status = 'suspended';
    multipart.reason = 'forged by a customer';
    const response = await customerPage.request.post('/admin/shops', { multipart });
    // However the action is reached, the shop must not change.
    await customerContext.close();
    const check = await browser.newContext();
    const checkPage = await check.newPage();
    await signIn(checkPage, DEMO.admin);
    await checkPage.goto('/admin/shops');
    await expect(checkPage.locator(`[data-shop-id="${shopId}"]`)).not.toContainText('forged by a customer');
    expect(response.status()).not.toBe(500);
    await check.close();
  });
});
