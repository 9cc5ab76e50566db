import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO, signIn } from './fixtures/accounts';
import { callRoute, ServerActions, signInOverHttp } from './fixtures/http-client';
import { createPaidOrderOverHttp, jsonOf, poll, shopIdByName } from './fixtures/paid-order';

/**
 * Every page of the app, as each role that uses it, checked with axe-core (WCAG 2.1 A and AA
 * rules): no serious or critical violation. The pages are read from the source tree, so a new
 * page fails the first test until it is listed here with the role that opens it.
 */

type TRole = 'anonymous' | 'customer' | 'owner' | 'admin';
type TFixtures = { shopId: string; orderId: string; jobId: string; mailId: string | null };

/** Each page template (as on disk, route groups left out) and where each role visits it. */
const PAGES: Record<string, { role: TRole; path: (f: TFixtures) => string }[]> = {
  '/': [
    { role: 'anonymous', path: () => '/' },
    { role: 'customer', path: () => '/?lat=53.3467&lng=-6.2593&pageCount=3' },
  ],
  '/sign-in': [{ role: 'anonymous', path: () => '/sign-in' }],
  '/sign-in/link': [{ role: 'anonymous', path: () => '/sign-in/link' }],
  '/sign-up': [{ role: 'anonymous', path: () => '/sign-up' }],
  '/shops/[shopId]': [{ role: 'anonymous', path: (f) => `/shops/${f.shopId}` }],
  '/order/new': [{ role: 'customer', path: (f) => `/order/new?shopId=${f.shopId}&pageCount=3` }],
  '/orders': [{ role: 'customer', path: () => '/orders' }],
  '/orders/[orderId]': [
    { role: 'customer', path: (f) => `/orders/${f.orderId}` },
    { role: 'admin', path: (f) => `/orders/${f.orderId}` },
  ],
  '/shop': [{ role: 'owner', path: () => '/shop' }],
  '/shop/new': [{ role: 'owner', path: () => '/shop/new' }],
  '/shop/[shopId]': [{ role: 'owner', path: (f) => `/shop/${f.shopId}` }],
  '/shop/[shopId]/profile': [{ role: 'owner', path: (f) => `/shop/${f.shopId}/profile` }],
  '/shop/[shopId]/hours': [{ role: 'owner', path: (f) => `/shop/${f.shopId}/hours` }],
  '/shop/[shopId]/prices': [{ role: 'owner', path: (f) => `/shop/${f.shopId}/prices` }],
  '/shop/[shopId]/printers': [{ role: 'owner', path: (f) => `/shop/${f.shopId}/printers` }],
  '/shop/[shopId]/queue': [{ role: 'owner', path: (f) => `/shop/${f.shopId}/queue` }],
  '/shop/[shopId]/queue/[jobId]': [{ role: 'owner', path: (f) => `/shop/${f.shopId}/queue/${f.jobId}` }],
  '/shop/[shopId]/earnings': [{ role: 'owner', path: (f) => `/shop/${f.shopId}/earnings` }],
  '/shop/[shopId]/settings': [{ role: 'owner', path: (f) => `/shop/${f.shopId}/settings` }],
  '/shop/[shopId]/alerts': [{ role: 'owner', path: (f) => `/shop/${f.shopId}/alerts` }],
  '/admin': [{ role: 'admin', path: () => '/admin' }],
  '/admin/shops': [{ role: 'admin', path: () => '/admin/shops' }],
  '/admin/shops/[shopId]': [{ role: 'admin', path: (f) => `/admin/shops/${f.shopId}` }],
  '/admin/orders': [{ role: 'admin', path: () => '/admin/orders' }],
  '/admin/orders/[orderId]': [{ role: 'admin', path: (f) => `/admin/orders/${f.orderId}` }],
  '/admin/payouts': [{ role: 'admin', path: () => '/admin/payouts' }],
  '/admin/fees': [{ role: 'admin', path: () => '/admin/fees' }],
  '/admin/disputes': [{ role: 'admin', path: () => '/admin/disputes' }],
  '/admin/reconciliation': [{ role: 'admin', path: () => '/admin/reconciliation' }],
  '/admin/audit': [{ role: 'admin', path: () => '/admin/audit' }],
  '/dev/mail': [{ role: 'anonymous', path: () => '/dev/mail' }],
  '/dev/mail/[mailId]': [{ role: 'anonymous', path: (f) => (f.mailId ? `/dev/mail/${f.mailId}` : '/dev/mail') }],
};

/** The app's own error pages, reached the way people reach them. */
const ERROR_PAGES: { name: string; role: TRole; path: () => string }[] = [
  { name: 'not found', role: 'customer', path: () => `/orders/${randomUUID()}` },
  { name: 'forbidden', role: 'owner', path: () => '/admin' },
];

const ROLES: TRole[] = ['anonymous', 'customer', 'owner', 'admin'];
const ACCOUNTS = { customer: DEMO.customer, owner: DEMO.owner, admin: DEMO.admin } as const;

function pageTemplates(): string[] {
  const root = path.join(process.cwd(), 'app');
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(path.join(dir, entry.name)) : entry.name === 'page.tsx' ? [dir] : []));
  return walk(root)
    .map(
      (dir) =>
        '/' +
        path
          .relative(root, dir)
          .split(path.sep)
          .filter((segment) => segment && !/^\(.*\)$/.test(segment))
          .join('/'),
    )
    .sort();
}

/** axe's serious and critical findings on the page as it is now, one line each with where. */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.slice(0, 5).map((n) => `${v.impact} ${v.id}: ${n.target.join(' ')} – ${n.failureSummary?.split('\n').slice(1, 2).join('') ?? v.help}`));
}

async function pageAs(browser: Browser, role: TRole): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (role !== 'anonymous') await signIn(page, ACCOUNTS[role]);
  return page;
}

let fixtures: TFixtures;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const [admin, customer] = await Promise.all([signInOverHttp('admin', DEMO.admin), signInOverHttp('customer', DEMO.customer)]);
  const shopId = await shopIdByName(admin, 'Liffey Print Hub');
  const { order } = await createPaidOrderOverHttp({ actions: new ServerActions(), customer, admin, shopId });
  const jobId = await poll('the order to have a print job', async () => {
    const details = await jsonOf<{ jobs: { job: { id: string } }[] }>(await callRoute(admin, 'GET', `/api/admin/orders/${order.id}`));
    return details.jobs[0]?.job.id;
  });
  const mailList = await callRoute(admin, 'GET', '/dev/mail');
  const mailId = /\/dev\/mail\/([0-9a-f-]{36})/.exec(mailList.text)?.[1] ?? null;
  fixtures = { shopId, orderId: order.id, jobId, mailId };
});

test('every page in the source is checked', () => {
  expect(
    pageTemplates().filter((template) => !PAGES[template]),
    'pages without an entry: add them to PAGES',
  ).toEqual([]);
  expect(
    Object.keys(PAGES).filter((template) => !pageTemplates().includes(template)),
    'entries for pages that no longer exist',
  ).toEqual([]);
});

for (const role of ROLES) {
  test(`every page ${role === 'anonymous' ? 'open to anyone' : `of the ${role}`} has no serious or critical accessibility violation`, async ({ browser }) => {
    test.setTimeout(180_000);
    const page = await pageAs(browser, role);
    const visits = [
      ...Object.entries(PAGES).flatMap(([template, entries]) => entries.filter((e) => e.role === role).map((e) => ({ name: template, path: e.path(fixtures) }))),
      ...ERROR_PAGES.filter((e) => e.role === role).map((e) => ({ name: e.name, path: e.path() })),
    ];
    const found: string[] = [];
    for (const visit of visits) {
      const response = await page.goto(visit.path);
      expect(response?.status(), `${visit.path} as ${role}`).toBeLessThan(500);
      await page.locator('main').first().waitFor();
      for (const violation of await seriousViolations(page)) found.push(`${visit.name} (${visit.path}): ${violation}`);
    }
    expect(found).toEqual([]);
  });
}
