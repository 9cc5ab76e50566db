import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { DEMO, uniqueEmail } from './fixtures/accounts';
import { ANONYMOUS, callRoute, formOf, guestSessionOverHttp, ServerActions, signInOverHttp, signUpOverHttp, type TActionRef, type TSession } from './fixtures/http-client';
import { createPaidOrderOverHttp, jsonOf, poll, shopIdByName, TEST_JOB } from './fixtures/paid-order';

/**
 * Every route handler and every server action, called over plain HTTP as seven people: nobody,
 * a customer, another customer, a guest (an anonymous session before checkout, treated as one
 * more customer), a shop owner, another shop's owner and an admin. Each call is
 * either allowed or refused exactly as listed below, and no response ever carries data that
 * belongs to someone else. The lists of routes and actions are read from the source tree, so a
 * new route or action without an expectation here fails the suite until someone decides who
 * may call it.
 *
 * Why e2e over HTTP and not an integration test with a mocked session: server actions are
 * public POST endpoints addressed by id; only the built app and a real request show what an
 * attacker can reach (the action's own check, not the page around it, must refuse).
 */

const ROLES = ['anonymous', 'customer', 'otherCustomer', 'guest', 'owner', 'otherOwner', 'admin'] as const;
type TRole = (typeof ROLES)[number];

const OTHER_OWNER = { email: 'owner+trinity-reprographics@nearprint.local', password: DEMO.owner.password };
const JOB = TEST_JOB;
const THROWAWAY_PROFILE = {
  name: 'Matrix Test Copies',
  addressLine: '1 Matrix Lane',
  city: 'Dublin',
  country: 'IE',
  lat: '53.3498',
  lng: '-6.2603',
  timezone: 'Europe/Dublin',
  postcode: '',
  phone: '',
  description: '',
};

/** What the tests act on: customer A's paid order at owner A's shop, with its document. */
type TFixtures = {
  sessions: Record<TRole, TSession>;
  shopId: string;
  /** Another owner's shop: "another shop's owner" attacks with their own shop id and our ids. */
  otherShopId: string;
  /** A pending shop of the owner's that owner-allowed calls may change freely. */
  throwawayShopId: string;
  documentId: string;
  orderId: string;
  orderNumber: string;
  /** The order's print job, printed by the time the matrix runs (so owner calls on it change nothing). */
  jobId: string;
  customerEmail: string;
  otherCustomerEmail: string;
};

// ─── Route handlers ─────────────────────────────────────────────────────────────────────────

/** A guest is one more customer who is not customer A: unless listed, they get what otherCustomer gets. */
type TStatusByRole = Record<Exclude<TRole, 'guest'>, number> & { guest?: number };
type TRouteExpectation = { path: (f: TFixtures) => string; body?: (f: TFixtures) => { body: BodyInit; headers?: Record<string, string> }; status: TStatusByRole };

const onlyAdmin: TStatusByRole = { anonymous: 401, customer: 403, otherCustomer: 403, owner: 403, otherOwner: 403, admin: 200 };
const everyone = (status: number): TStatusByRole => ({ anonymous: status, customer: status, otherCustomer: status, guest: status, owner: status, otherOwner: status, admin: status });
/** Agent routes authenticate a shop's agent token, never a person's session. */
const agentOnly = everyone(401);

const ROUTES: Record<string, TRouteExpectation> = {
  'GET /api/admin/shops': { path: () => '/api/admin/shops', status: onlyAdmin },
  'GET /api/admin/orders': { path: () => '/api/admin/orders', status: onlyAdmin },
  'GET /api/admin/orders/[orderId]': { path: (f) => `/api/admin/orders/${f.orderId}`, status: onlyAdmin },
  'GET /api/admin/audit': { path: () => '/api/admin/audit', status: onlyAdmin },
  'GET /api/admin/audit/export': { path: (f) => `/api/admin/audit/export?shopId=${f.shopId}`, status: onlyAdmin },
  'GET /api/admin/orders/export': { path: (f) => `/api/admin/orders/export?shopId=${f.shopId}`, status: onlyAdmin },
  'GET /api/admin/payouts/export': { path: () => '/api/admin/payouts/export', status: onlyAdmin },
  'GET /api/agent/me': { path: () => '/api/agent/me', status: agentOnly },
  'POST /api/agent/dispatch': { path: () => '/api/agent/dispatch', body: () => ({ body: '{}', headers: { 'content-type': 'application/json' } }), status: agentOnly },
  'POST /api/agent/printers': { path: () => '/api/agent/printers', body: () => ({ body: '{}', headers: { 'content-type': 'application/json' } }), status: agentOnly },
  'GET /api/agent/jobs/[jobId]/output': { path: () => `/api/agent/jobs/${randomUUID()}/output`, status: agentOnly },
  // The shop API authenticates a shop's API key (its own tests cover keys: lib/app integration), never a person's session.
  'GET /api/v1/openapi.json': { path: () => '/api/v1/openapi.json', status: everyone(200) },
  'GET /api/v1/shops/[shopId]/jobs': { path: (f) => `/api/v1/shops/${f.shopId}/jobs`, status: agentOnly },
  'GET /api/v1/shops/[shopId]/jobs/[jobId]': { path: (f) => `/api/v1/shops/${f.shopId}/jobs/${f.jobId}`, status: agentOnly },
  'POST /api/v1/shops/[shopId]/jobs/[jobId]/accept': {
    path: (f) => `/api/v1/shops/${f.shopId}/jobs/${f.jobId}/accept`,
    body: () => ({ body: '{}', headers: { 'content-type': 'application/json' } }),
    status: agentOnly,
  },
  'POST /api/v1/shops/[shopId]/jobs/[jobId]/reject': {
    path: (f) => `/api/v1/shops/${f.shopId}/jobs/${f.jobId}/reject`,
    body: () => ({ body: '{"reasonCode":"unreadable"}', headers: { 'content-type': 'application/json' } }),
    status: agentOnly,
  },
  'POST /api/v1/shops/[shopId]/jobs/[jobId]/hand-over': {
    path: (f) => `/api/v1/shops/${f.shopId}/jobs/${f.jobId}/hand-over`,
    body: () => ({ body: '{"code":"000000"}', headers: { 'content-type': 'application/json' } }),
    status: agentOnly,
  },
  'GET /api/v1/shops/[shopId]/printers': { path: (f) => `/api/v1/shops/${f.shopId}/printers`, status: agentOnly },
  'GET /api/v1/shops/[shopId]/printers/[printerId]': { path: (f) => `/api/v1/shops/${f.shopId}/printers/${randomUUID()}`, status: agentOnly },
  'GET /api/v1/shops/[shopId]/earnings': { path: (f) => `/api/v1/shops/${f.shopId}/earnings`, status: agentOnly },
  // better-auth's own endpoints are public; the session answer is each caller's own (checked for leaks below).
  'GET /api/auth/[...all]': { path: () => '/api/auth/get-session', status: everyone(200) },
  'POST /api/auth/[...all]': {
    path: () => '/api/auth/sign-in/email',
    // A new address each time: the sign-in limiter locks an address after a few wrong passwords.
    body: () => ({ body: JSON.stringify({ email: uniqueEmail('nobody'), password: 'not the password' }), headers: { 'content-type': 'application/json' } }),
    status: everyone(401),
  },
  // The signed link is the permission; without a valid signature nobody, not even an admin, gets the file.
  'GET /api/documents/[documentId]/file': { path: (f) => `/api/documents/${f.documentId}/file?purpose=view&expires=4102444800000&signature=forged`, status: everyone(403) },
  'PATCH /api/documents/[documentId]/pages/[pageNumber]': {
    path: (f) => `/api/documents/${f.documentId}/pages/1`,
    body: () => ({ body: JSON.stringify({ isForcedMono: false }), headers: { 'content-type': 'application/json' } }),
    // The owner reaches the rule that a paid document's pages no longer change (409).
    status: { anonymous: 401, customer: 409, otherCustomer: 404, owner: 403, otherOwner: 403, admin: 403 },
  },
  'GET /api/documents/[documentId]': { path: (f) => `/api/documents/${f.documentId}`, status: { anonymous: 401, customer: 200, otherCustomer: 404, owner: 200, otherOwner: 404, admin: 200 } },
  'POST /api/documents': {
    path: () => '/api/documents',
    body: () => ({ body: new Uint8Array(), headers: { 'x-filename': 'empty.pdf' } }),
    status: { anonymous: 401, customer: 422, otherCustomer: 422, owner: 403, otherOwner: 403, admin: 403 },
  },
  // Drawn from the customer's own documents only: another customer's document id is not found.
  'GET /api/documents/layout-preview': {
    path: (f) => `/api/documents/layout-preview?documents=${f.documentId}&media=iso_a4_210x297mm&colorMode=auto&sides=two-sided-long-edge&pagesPerSheet=2`,
    status: { anonymous: 401, customer: 200, otherCustomer: 404, owner: 403, otherOwner: 403, admin: 403 },
  },
  'GET /api/documents': { path: () => '/api/documents', status: { anonymous: 401, customer: 200, otherCustomer: 200, owner: 403, otherOwner: 403, admin: 403 } },
  // Starts a guest session for a visitor without one; everyone else keeps theirs. A redirect either way.
  'GET /api/guest-session': { path: () => '/api/guest-session?next=%2F', status: everyone(307) },
  'GET /api/me': { path: () => '/api/me', status: { anonymous: 401, customer: 200, otherCustomer: 200, owner: 200, otherOwner: 200, admin: 200 } },
  'GET /api/orders/[orderId]/events': { path: (f) => `/api/orders/${f.orderId}/events`, status: { anonymous: 401, customer: 200, otherCustomer: 404, owner: 200, otherOwner: 404, admin: 200 } },
  // Dev stacks only (the e2e stack is one): caught mail by id; an unknown id is missing for everyone.
  'GET /dev/mail/[mailId]/html': { path: () => `/dev/mail/${randomUUID()}/html`, status: everyone(404) },
  'GET /api/places': { path: () => '/api/places?q=dub', status: everyone(200) },
  // The owner's look at a job: a signed link and the owner's session; a forged signature is refused even to the owner.
  'GET /api/shops/[shopId]/jobs/[jobId]/preview': {
    path: (f) => `/api/shops/${f.shopId}/jobs/${f.jobId}/preview?purpose=job-output&expires=4102444800&signature=forged`,
    status: { anonymous: 401, customer: 403, otherCustomer: 403, owner: 403, otherOwner: 404, admin: 403 },
  },
  'GET /api/shops/[shopId]/events': { path: (f) => `/api/shops/${f.shopId}/events`, status: { anonymous: 401, customer: 403, otherCustomer: 403, owner: 200, otherOwner: 404, admin: 200 } },
  'GET /api/shops/search': { path: () => '/api/shops/search?lat=53.3498&lng=-6.2603', status: everyone(200) },
  // The Stripe signature is the permission: an unsigned event is refused whoever sends it.
  'POST /api/stripe/webhook': {
    path: () => '/api/stripe/webhook',
    body: () => ({ body: '{"id":"evt_forged","type":"checkout.session.completed"}', headers: { 'content-type': 'application/json' } }),
    status: everyone(400),
  },
};

// ─── Server actions ─────────────────────────────────────────────────────────────────────────

/**
 * `args` may depend on the caller: another shop's owner sends their own shop id with our
 * job or order id (the sharper attack), everyone else sends the same as the owner.
 * `isProbe`: the allowed caller's input names something that does not exist (so the call
 * changes nothing), so "not found" is an acceptable answer for them too.
 */
type TActionExpectation = { allowed: readonly TRole[]; args: (f: TFixtures, role: TRole) => unknown[]; isProbe?: boolean };

const ADMIN = ['admin'] as const;
const CUSTOMER = ['customer'] as const;
const OWNER = ['owner'] as const;
const EVERYONE = ROLES;

/** The shop an owner-side call names: the owner's, or for the other owner their own one. */
const shopFor = (f: TFixtures, role: TRole) => (role === 'otherOwner' ? f.otherShopId : f.shopId);
const jobForm = (f: TFixtures, role: TRole, extra: Record<string, string> = {}) => [{}, formOf({ shopId: shopFor(f, role), jobId: f.jobId, ...extra })];
const orderForm = (f: TFixtures, role: TRole, extra: Record<string, string> = {}) => [{}, formOf({ shopId: shopFor(f, role), orderId: f.orderId, ...extra })];

const ACTIONS: Record<string, TActionExpectation> = {
  // Public: bad input gets field errors whoever asks.
  'app/(auth)/actions.ts#signUpAction': { allowed: EVERYONE, args: () => [{}, formOf({ name: 'M', email: 'not-an-email', password: 'x', accountType: 'customer' })] },
  'app/(auth)/actions.ts#signInAction': { allowed: EVERYONE, args: () => [{}, formOf({ email: 'nobody@example.test', password: 'not the password' })] },
  'app/(auth)/actions.ts#signOutAction': { allowed: EVERYONE, args: () => [] },
  'app/(auth)/actions.ts#sendSignInLinkAction': { allowed: EVERYONE, args: () => [{}, formOf({ email: 'not-an-email' })] },
  // Admin actions: inputs an admin gets a field error for, so the allowed call changes nothing.
  'app/admin/actions.ts#setShopStatusAction': { allowed: ADMIN, args: (f) => [{}, formOf({ shopId: f.throwawayShopId, status: 'suspended', reason: '' })] },
  'app/admin/actions.ts#reviewShopAction': { allowed: ADMIN, args: (f) => [{}, formOf({ shopId: f.throwawayShopId, decision: 'changes_requested', reason: '' })] },
  'app/admin/orders/actions.ts#refundOrderAction': { allowed: ADMIN, args: (f) => [{}, formOf({ orderId: f.orderId, amount: '100000', reason: 'matrix check', confirm: 'yes' })] },
  'app/admin/orders/actions.ts#previewRefundAction': { allowed: ADMIN, args: (f) => [{ orderId: f.orderId, amount: '0.01', reason: 'matrix check' }] },
  'app/admin/orders/actions.ts#cancelOrderAction': { allowed: ADMIN, args: (f) => [{}, formOf({ orderId: f.orderId, reason: 'matrix check' })] },
  'app/admin/orders/actions.ts#rerouteOrderAction': { allowed: ADMIN, args: (f) => [{}, formOf({ orderId: f.orderId, agreement: 'matrix check' })] },
  // Without the confirmation tick an admin gets a field error: a held payment is neither released nor refunded.
  'app/admin/orders/actions.ts#releaseHeldPaymentAction': { allowed: ADMIN, args: (f) => [{}, formOf({ orderId: f.orderId, reason: 'matrix check' })] },
  'app/admin/orders/actions.ts#refundHeldPaymentAction': { allowed: ADMIN, args: (f) => [{}, formOf({ orderId: f.orderId, reason: 'matrix check' })] },
  'app/admin/payouts/actions.ts#runPayoutsAction': { allowed: ADMIN, args: () => [{}, formOf({})] },
  'app/admin/fees/actions.ts#addFeeRuleAction': { allowed: ADMIN, args: () => [{}, formOf({ percent: 'ten', fixed: '0', effectiveFrom: '2000-01-01T00:00' })] },
  'app/admin/fees/actions.ts#previewFeeRuleAction': { allowed: ADMIN, args: () => [{ percent: 'ten', fixed: '0', effectiveFrom: '2000-01-01T00:00' }] },
  'app/admin/fees/actions.ts#withdrawFeeRuleAction': { allowed: ADMIN, isProbe: true, args: () => [{}, formOf({ ruleId: randomUUID() })] },
  // The customer's order: the owning customer reaches the domain rule, another customer gets "not found".
  'app/order/actions.ts#quoteOrderAction': { allowed: CUSTOMER, args: (f) => [{ shopId: f.shopId, job: JOB, documentIds: [f.documentId] }] },
  // The guest checks out with an email (ignored for accounts): customer A's document is hidden from them all the same.
  'app/order/actions.ts#placeOrderAction': { allowed: CUSTOMER, args: (f) => [{ shopId: f.shopId, job: JOB, documentIds: [f.documentId], expectedTotalMinor: 0, email: 'matrix-guest@example.test' }] },
  'app/order/actions.ts#cancelUnpaidOrderAction': { allowed: CUSTOMER, args: (f) => [{ orderId: f.orderId }] },
  'app/_components/orders/move-order-actions.ts#moveOrderAction': { allowed: CUSTOMER, args: (f) => [{}, formOf({ orderId: f.orderId, toShopId: f.otherShopId, expectedTotalMinor: '0' })] },
  'app/_components/orders/move-order-actions.ts#refundInsteadAction': { allowed: CUSTOMER, args: (f) => [{}, formOf({ orderId: f.orderId })] },
  // The shop's queue, on the printed order: every step is refused by its state for the owner.
  'app/shop/[shopId]/queue/actions.ts#acceptJobAction': { allowed: OWNER, args: (f, role) => jobForm(f, role) },
  'app/shop/[shopId]/queue/actions.ts#rejectJobAction': { allowed: OWNER, args: (f, role) => jobForm(f, role, { reasonCode: 'unreadable', note: 'matrix' }) },
  'app/shop/[shopId]/queue/actions.ts#cancelJobAction': { allowed: OWNER, args: (f, role) => jobForm(f, role, { reason: 'matrix' }) },
  'app/shop/[shopId]/queue/actions.ts#moveJobAction': { allowed: OWNER, isProbe: true, args: (f, role) => jobForm(f, role, { printerId: randomUUID() }) },
  'app/shop/[shopId]/queue/actions.ts#confirmPrintedAction': { allowed: OWNER, args: (f, role) => jobForm(f, role) },
  'app/shop/[shopId]/queue/actions.ts#markReadyAction': { allowed: OWNER, args: (f, role) => orderForm(f, role) },
  // Printing again would really print: the owner probes with an order id that does not exist.
  'app/shop/[shopId]/queue/actions.ts#reprintAction': {
    allowed: OWNER,
    isProbe: true,
    args: (f, role) => [{}, formOf({ shopId: shopFor(f, role), orderId: role === 'owner' ? randomUUID() : f.orderId })],
  },
  // A wrong code for the printed order: refused as wrong (and counted) for its owner, the order hidden from another shop's.
  'app/shop/[shopId]/queue/actions.ts#findPickupAction': { allowed: OWNER, args: (f, role) => [{ shopId: shopFor(f, role), code: '000000', orderId: f.orderId }] },
  'app/shop/[shopId]/queue/actions.ts#handOverAction': { allowed: OWNER, args: (f, role) => orderForm(f, role, { code: '000000' }) },
  // Dismissing an alert: the owner probes with an alert id that does not exist.
  'app/shop/[shopId]/alerts/actions.ts#dismissAlertAction': { allowed: OWNER, isProbe: true, args: (f, role) => [{}, formOf({ shopId: shopFor(f, role), alertId: randomUUID() })] },
  // Shop settings and owner actions on the owner's throwaway shop: the other owner gets "not found".
  'app/shop/[shopId]/settings/actions.ts#createAgentTokenAction': { allowed: OWNER, args: (f) => [{}, formOf({ shopId: f.throwawayShopId, name: 'Matrix PC' })] },
  'app/shop/[shopId]/settings/actions.ts#revokeAgentTokenAction': { allowed: OWNER, isProbe: true, args: (f) => [{}, formOf({ shopId: f.throwawayShopId, tokenId: randomUUID() })] },
  'app/shop/[shopId]/settings/actions.ts#createApiKeyAction': { allowed: OWNER, args: (f) => [{}, formOf({ shopId: f.throwawayShopId, name: 'Matrix key', scope: 'read' })] },
  'app/shop/[shopId]/settings/actions.ts#revokeApiKeyAction': { allowed: OWNER, isProbe: true, args: (f) => [{}, formOf({ shopId: f.throwawayShopId, keyId: randomUUID() })] },
  // An address that is no URL: a field error for the owner, nothing saved.
  'app/shop/[shopId]/settings/actions.ts#createWebhookEndpointAction': { allowed: OWNER, args: (f) => [{}, formOf({ shopId: f.throwawayShopId, url: 'not a url', events: 'job.paid' })] },
  'app/shop/[shopId]/settings/actions.ts#deleteWebhookEndpointAction': { allowed: OWNER, isProbe: true, args: (f) => [{}, formOf({ shopId: f.throwawayShopId, endpointId: randomUUID() })] },
  'app/shop/[shopId]/settings/actions.ts#replayWebhookDeliveryAction': { allowed: OWNER, isProbe: true, args: (f) => [{}, formOf({ shopId: f.throwawayShopId, deliveryId: randomUUID() })] },
  'app/shop/[shopId]/earnings/actions.ts#startPayoutOnboardingAction': { allowed: OWNER, args: (f) => [{}, formOf({ shopId: f.throwawayShopId })] },
  'app/shop/actions.ts#createShopAction': { allowed: ['owner', 'otherOwner'], args: () => [{}, formOf({ name: '' })] },
  'app/shop/actions.ts#updateShopProfileAction': { allowed: OWNER, args: (f) => [{}, formOf({ ...THROWAWAY_PROFILE, shopId: f.throwawayShopId })] },
  'app/shop/actions.ts#saveWeeklyHoursAction': { allowed: OWNER, args: (f) => [{}, formOf({ shopId: f.throwawayShopId, 'rows.0.weekday': '1', 'rows.0.opens': '09:00', 'rows.0.closes': '17:00' })] },
  'app/shop/actions.ts#saveHoursExceptionAction': { allowed: OWNER, args: (f) => [{}, formOf({ shopId: f.throwawayShopId, date: '2030-12-25', isClosed: 'on' })] },
  'app/shop/actions.ts#deleteHoursExceptionAction': { allowed: OWNER, isProbe: true, args: (f) => [{}, formOf({ shopId: f.throwawayShopId, exceptionId: randomUUID() })] },
  'app/shop/actions.ts#savePriceListAction': { allowed: OWNER, args: (f) => [{}, formOf({ shopId: f.throwawayShopId, 'price.iso_a4_210x297mm.monochrome.one-sided': '0.10', jobFee: '0.50' })] },
  'app/shop/actions.ts#addPrinterAction': { allowed: OWNER, args: (f) => [{}, formOf({ shopId: f.throwawayShopId, name: 'Nowhere', uri: 'ipp://127.0.0.1:9/ipp/print' })] },
  'app/shop/actions.ts#setPrinterEnabledAction': { allowed: OWNER, isProbe: true, args: (f) => [{}, formOf({ shopId: f.throwawayShopId, printerId: randomUUID(), isEnabled: 'false' })] },
  'app/shop/actions.ts#removePrinterAction': { allowed: OWNER, isProbe: true, args: (f) => [{}, formOf({ shopId: f.throwawayShopId, printerId: randomUUID() })] },
  'app/shop/actions.ts#setAutoAcceptAction': { allowed: OWNER, args: (f) => [{}, formOf({ shopId: f.throwawayShopId, autoAccept: 'true' })] },
  'app/shop/actions.ts#submitShopForReviewAction': { allowed: OWNER, args: (f) => [{}, formOf({ shopId: f.throwawayShopId })] },
};

/** The wrappers' role check: the caller is signed out or has the wrong role. */
const ROLE_REFUSAL = /^(Your session has ended\. Sign in again\.|You do not have access to this\.)$/;
/** An ownership check: someone else's thing looks exactly like a missing one. */
const HIDDEN =
  /^(We could not find that [a-z ]+\.|One of the documents no longer exists\.|We could not find that token, or it was already revoked\.|We could not find that key, or it was already revoked\.|We could not find that endpoint, or it was already deleted\.|That exception no longer exists\.)$/;

type TOutcome = 'allowed' | 'refused' | 'hidden';

function outcomeOf(value: unknown): TOutcome {
  const error = value && typeof value === 'object' ? (value as { error?: unknown }).error : undefined;
  if (typeof error !== 'string') return 'allowed';
  if (ROLE_REFUSAL.test(error)) return 'refused';
  return HIDDEN.test(error) ? 'hidden' : 'allowed';
}

// ─── Discovery from the source tree ─────────────────────────────────────────────────────────

const ROOT = process.cwd();
const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

function exportedNames(source: string): string[] {
  return [...source.matchAll(/^export\s+(?:async\s+)?(?:const|function|let)\s+([A-Za-z0-9_]+)/gm)].map((m) => m[1]);
}

/** "GET /api/orders/[orderId]/events" for every exported method of every route.ts under app/. */
function discoverRoutes(): string[] {
  return walk(path.join(ROOT, 'app'))
    .filter((file) => path.basename(file) === 'route.ts')
    .flatMap((file) => {
      const route = path
        .relative(path.join(ROOT, 'app'), path.dirname(file))
        .split(path.sep)
        .filter((s) => !/^\(.*\)$/.test(s))
        .join('/');
      return exportedNames(fs.readFileSync(file, 'utf8'))
        .filter((name) => HTTP_METHODS.includes(name))
        .map((method) => `${method} /${route}`);
    })
    .sort();
}

/** "app/order/actions.ts#placeOrderAction" for every export of every 'use server' file under app/. */
function discoverActions(): string[] {
  return walk(path.join(ROOT, 'app'))
    .filter((file) => /\.tsx?$/.test(file))
    .filter((file) => /^\s*['"]use server['"]/.test(fs.readFileSync(file, 'utf8')))
    .flatMap((file) => exportedNames(fs.readFileSync(file, 'utf8')).map((name) => `${path.relative(ROOT, file).split(path.sep).join('/')}#${name}`))
    .sort();
}

function actionRef(key: string): TActionRef {
  const [file, exportName] = key.split('#');
  return { file, exportName };
}

// ─── Fixtures over HTTP ─────────────────────────────────────────────────────────────────────

async function setUp(actions: ServerActions): Promise<TFixtures> {
  const otherCustomerEmail = uniqueEmail('matrix-customer');
  const [admin, customer, owner, otherOwner, otherCustomer] = await Promise.all([
    signInOverHttp('admin', DEMO.admin),
    signInOverHttp('customer', DEMO.customer),
    signInOverHttp('owner', DEMO.owner),
    signInOverHttp('otherOwner', OTHER_OWNER),
    signUpOverHttp('otherCustomer', { name: 'Matrix Other', email: otherCustomerEmail, password: 'a long matrix password' }),
  ]);
  const sessions: Record<TRole, TSession> = { anonymous: ANONYMOUS, customer, otherCustomer, guest: await guestSessionOverHttp('guest'), owner, otherOwner, admin };
  const [shopId, otherShopId] = await Promise.all([shopIdByName(admin, 'Liffey Print Hub'), shopIdByName(admin, 'Trinity Reprographics')]);
  const { order, documentId } = await createPaidOrderOverHttp({ actions, customer, admin, shopId });
  // The demo printers print it within seconds; owner calls on a printed order change nothing.
  const jobId = await poll(
    'the order to be printed',
    async () => {
      const details = await jsonOf<{ order: { status: string }; jobs: { job: { id: string; state: string } }[] }>(await callRoute(admin, 'GET', `/api/admin/orders/${order.id}`));
      return details.order.status === 'ready' && details.jobs[0]?.job.state === 'printed' && details.jobs[0].job.id;
    },
    90_000,
  );

  const created = await actions.call(owner, actionRef('app/shop/actions.ts#createShopAction'), [{}, formOf(THROWAWAY_PROFILE)]);
  const throwawayShopId = /\/shop\/([0-9a-f-]{36})\//.exec(created.redirect ?? '')?.[1];
  expect(throwawayShopId, `createShopAction answered ${created.status} ${created.text.slice(0, 300)}`).toBeTruthy();

  return { sessions, shopId, otherShopId, throwawayShopId: throwawayShopId!, documentId, orderId: order.id, orderNumber: order.number, jobId, customerEmail: DEMO.customer.email, otherCustomerEmail };
}

/**
 * Private markers and who may see them. A response to anyone else must not contain them
 * (unless the caller sent the value in the request, e.g. an id in the URL).
 */
function privateMarkers(f: TFixtures): { value: string; entitled: readonly TRole[] }[] {
  return [
    { value: f.orderNumber, entitled: ['customer', 'owner', 'admin'] },
    { value: f.orderId, entitled: ['customer', 'owner', 'admin'] },
    { value: f.documentId, entitled: ['customer', 'owner', 'admin'] },
    { value: f.customerEmail, entitled: ['customer', 'admin'] },
    { value: f.otherCustomerEmail, entitled: ['otherCustomer', 'admin'] },
    { value: f.throwawayShopId, entitled: ['owner', 'admin'] },
  ];
}

function expectNoLeak(f: TFixtures, role: TRole, request: string, responseText: string, where: string) {
  for (const marker of privateMarkers(f)) {
    if (marker.entitled.includes(role) || request.includes(marker.value)) continue;
    expect(responseText.includes(marker.value), `${where} as ${role} returned ${marker.value}, which is not theirs`).toBe(false);
  }
}

// ─── The tests ──────────────────────────────────────────────────────────────────────────────

let actions: ServerActions;
let fixtures: TFixtures;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  actions = new ServerActions();
  fixtures = await setUp(actions);
});

test('every route handler and server action in the source has an expectation', () => {
  const routes = discoverRoutes();
  expect(
    routes.filter((key) => !ROUTES[key]),
    'routes without an expectation: add them to ROUTES',
  ).toEqual([]);
  expect(
    Object.keys(ROUTES).filter((key) => !routes.includes(key)),
    'expectations for routes that no longer exist',
  ).toEqual([]);
  const found = discoverActions();
  expect(
    found.filter((key) => !ACTIONS[key]),
    'server actions without an expectation: add them to ACTIONS',
  ).toEqual([]);
  expect(
    Object.keys(ACTIONS).filter((key) => !found.includes(key)),
    'expectations for actions that no longer exist',
  ).toEqual([]);
});

for (const [key, expectation] of Object.entries(ROUTES)) {
  test(`route ${key}`, async () => {
    const [method] = key.split(' ');
    const outcomes: Record<string, number> = {};
    for (const role of ROLES) {
      const url = expectation.path(fixtures);
      const init = expectation.body?.(fixtures);
      const result = await callRoute(fixtures.sessions[role], method, url, init);
      outcomes[role] = result.status;
      expectNoLeak(fixtures, role, url, result.text, key);
    }
    expect(outcomes).toEqual({ ...expectation.status, guest: expectation.status.guest ?? expectation.status.otherCustomer });
  });
}

for (const [key, expectation] of Object.entries(ACTIONS)) {
  test(`action ${key}`, async () => {
    const ref = actionRef(key);
    test.skip(!actions.has(ref), `${key} is not imported by any client code, so the build exposes no endpoint for it`);
    const wrong: string[] = [];
    for (const role of ROLES) {
      // Signing out ends the caller's session: use a fresh one so the other tests keep theirs.
      const session = key.endsWith('#signOutAction') && role !== 'anonymous' ? await freshSession(role) : fixtures.sessions[role];
      const args = expectation.args(fixtures, role);
      const result = await actions.call(session, ref, args);
      expect(result.status, `${key} as ${role}: ${result.text.slice(0, 300)}`).toBeLessThan(500);
      const outcome = outcomeOf(result.value);
      const isAllowed = expectation.allowed.includes(role);
      const acceptable: TOutcome[] = isAllowed ? (expectation.isProbe ? ['allowed', 'hidden'] : ['allowed']) : ['refused', 'hidden'];
      if (!acceptable.includes(outcome)) wrong.push(`${role}: expected ${acceptable.join(' or ')}, got ${outcome} (${JSON.stringify(result.value)?.slice(0, 200)})`);
      expectNoLeak(
        fixtures,
        role,
        JSON.stringify(args, (_k, v: unknown) => (v instanceof FormData ? Object.fromEntries(v) : v)),
        result.text,
        key,
      );
      if (key.endsWith('#signOutAction') && role !== 'anonymous') expect((await callRoute(session, 'GET', '/api/me')).status, `signed out ${role} still has a session`).toBe(401);
    }
    expect(wrong).toEqual([]);
  });
}

async function freshSession(role: Exclude<TRole, 'anonymous'>): Promise<TSession> {
  if (role === 'guest') return guestSessionOverHttp(role);
  const accounts: Record<Exclude<TRole, 'anonymous' | 'otherCustomer' | 'guest'>, { email: string; password: string }> = {
    customer: DEMO.customer,
    owner: DEMO.owner,
    otherOwner: OTHER_OWNER,
    admin: DEMO.admin,
  };
  if (role === 'otherCustomer') return signInOverHttp(role, { email: fixtures.otherCustomerEmail, password: 'a long matrix password' });
  return signInOverHttp(role, accounts[role]);
}

test('nothing the refused callers sent changed the order or the shops', async () => {
  const admin = fixtures.sessions.admin;
  const details = await jsonOf<{ order: { status: string }; refunds: unknown[]; audit: unknown[] }>(await callRoute(admin, 'GET', `/api/admin/orders/${fixtures.orderId}`));
  expect(details.order.status).toBe('ready');
  expect(details.refunds).toEqual([]);
  expect(details.audit).toEqual([]);
  const { shops } = await jsonOf<{ shops: { id: string; status: string }[] }>(await callRoute(admin, 'GET', '/api/admin/shops'));
  expect(shops.find((s) => s.id === fixtures.throwawayShopId)?.status).toBe('pending_review');
  expect(shops.find((s) => s.id === fixtures.shopId)?.status).toBe('active');
});
