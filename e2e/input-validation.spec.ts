import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { DEMO } from './fixtures/accounts';
import { ANONYMOUS, callRoute, signInOverHttp, type TSession } from './fixtures/http-client';
import { shopIdByName } from './fixtures/paid-order';

/**
 * Every route and page with a dynamic segment, read from the source tree as the authorization
 * matrix does, called with ids that are not ids: pseudo-UUIDs PostgreSQL refuses as a uuid,
 * the nil UUID, garbage, an injection attempt, bad percent-encoding. As anyone, the answer is a
 * 4xx (or a redirect to sign-in), never a 500; a page the caller may open answers 404.
 */

const ROLES = ['anonymous', 'customer', 'owner', 'admin'] as const;
type TRole = (typeof ROLES)[number];

const BAD_IDS = [
  '------------------------------------',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-fffffffffffff',
  '12345678-1234-1234-1234-123456789abc',
  'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz',
  'garbage',
  '-1',
  '0',
  '1e400',
  "1'%20or%20'1'='1",
  '%E0%A4%A',
  '%00',
];

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const ROOT = process.cwd();

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

/** `/api/orders/[orderId]/events` for every route.ts or page.tsx under app/ with a dynamic segment. */
function discover(fileName: 'route.ts' | 'page.tsx'): { template: string; methods: string[] }[] {
  return walk(path.join(ROOT, 'app'))
    .filter((file) => path.basename(file) === fileName)
    .map((file) => ({
      template:
        '/' +
        path
          .relative(path.join(ROOT, 'app'), path.dirname(file))
          .split(path.sep)
          .filter((segment) => !/^\(.*\)$/.test(segment))
          .join('/'),
      methods:
        fileName === 'page.tsx'
          ? ['GET']
          : [...fs.readFileSync(file, 'utf8').matchAll(/^export\s+(?:async\s+)?(?:const|function)\s+([A-Z]+)\b/gm)].map((m) => m[1]).filter((m) => HTTP_METHODS.includes(m)),
    }))
    .filter((entry) => /\[/.test(entry.template))
    .sort((a, b) => a.template.localeCompare(b.template));
}

function isDecodable(value: string): boolean {
  try {
    decodeURIComponent(value);
    return true;
  } catch {
    return false;
  }
}

const fill = (template: string, value: string) => template.replace(/\[(?:\.\.\.)?[A-Za-z]+\]/g, value);

let sessions: Record<TRole, TSession>;

test.beforeAll(async () => {
  const [customer, owner, admin] = await Promise.all([signInOverHttp('customer', DEMO.customer), signInOverHttp('owner', DEMO.owner), signInOverHttp('admin', DEMO.admin)]);
  sessions = { anonymous: ANONYMOUS, customer, owner, admin };
});

test('the source has routes and pages with id parameters to check', () => {
  const routes = discover('route.ts').map((r) => r.template);
  const pages = discover('page.tsx').map((p) => p.template);
  expect(routes).toEqual(expect.arrayContaining(['/api/documents/[documentId]', '/api/orders/[orderId]/events', '/api/shops/[shopId]/events', '/api/agent/jobs/[jobId]/output']));
  expect(pages).toEqual(expect.arrayContaining(['/orders/[orderId]', '/shop/[shopId]', '/admin/orders/[orderId]', '/admin/shops/[shopId]']));
});

test('route handlers answer ids that are not ids with a 4xx, never a 500', async () => {
  test.setTimeout(240_000);
  const wrong: string[] = [];
  for (const route of discover('route.ts')) {
    for (const method of route.methods) {
      for (const bad of BAD_IDS) {
        const url = fill(route.template, bad);
        for (const role of ROLES) {
          const body = method === 'GET' ? undefined : { body: '{}', headers: { 'content-type': 'application/json' } };
          const result = await callRoute(sessions[role], method, url, body);
          if (result.status >= 500 || result.status < 400) wrong.push(`${method} ${url} as ${role}: ${result.status} ${result.text.slice(0, 120)}`);
        }
      }
    }
  }
  expect(wrong).toEqual([]);
});

/** Who may open each area of pages: they get the 404; everyone else a redirect to sign-in or a 403/404. */
const PAGE_ROLE: Record<string, TRole> = { orders: 'customer', shop: 'owner', admin: 'admin' };

test('pages answer ids that are not ids with a 404 for those who may open them, never a 500', async () => {
  test.setTimeout(240_000);
  const wrong: string[] = [];
  for (const page of discover('page.tsx')) {
    const entitled = PAGE_ROLE[page.template.split('/')[1]];
    for (const bad of BAD_IDS) {
      const url = fill(page.template, bad);
      for (const role of ROLES) {
        const result = await callRoute(sessions[role], 'GET', url);
        // A path that is not even valid percent-encoding is refused before any page runs (400).
        const isOk = role === entitled ? result.status === 404 || (result.status === 400 && !isDecodable(bad)) : result.status < 500 && result.status !== 200;
        if (!isOk) wrong.push(`GET ${url} as ${role}: ${result.status}`);
      }
    }
  }
  for (const bad of [...BAD_IDS, '']) {
    const result = await callRoute(sessions.customer, 'GET', `/order/new?shopId=${bad}`);
    if (result.status !== 404) wrong.push(`GET /order/new?shopId=${bad} as customer: ${result.status}`);
  }
  expect(wrong).toEqual([]);
});

test('numeric parameters and the upload’s file name are checked: 400, not 500', async () => {
  const shopId = await shopIdByName(sessions.admin, 'Liffey Print Hub');
  for (const after of ['abc', '-1', '1.5', '1e400', '99999999999999999999', '1-', '1-2-3', '18446744073709551616-1']) {
    const result = await callRoute(sessions.owner, 'GET', `/api/shops/${shopId}/events?after=${after}`);
    expect(result.status, `after=${after}: ${result.text.slice(0, 200)}`).toBe(400);
  }
  for (const name of ['%E0%A4%A', '%zz', '%']) {
    const result = await callRoute(sessions.customer, 'POST', '/api/documents', { body: 'hello', headers: { 'content-type': 'application/octet-stream', 'x-filename': name } });
    expect(result.status, `X-Filename ${name}: ${result.text.slice(0, 200)}`).toBe(400);
  }
});
