import { and, eq, inArray, or } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, db } from '@/db/client';
import { auditLog, disputes, events, ledgerEntries, ledgerTransactions, orderMoves, orders, platformFees, printJobs, refunds, shops, transfers, users } from '@/db/schema';
import { createPricedShop, createReadyDocument, setShopAccount, startBillingStripe, type TBillingStripe } from '@/dev/test-support/billing-fixtures';
import { createTestUser, eventually } from '@/dev/test-support/fixtures';
import { accountBalances, orderLedgerSummary, shopBalanceMinor } from '@/lib/billing/ledger';
import { feeRuleAt } from '@/lib/quote/platform-fee';
import { recognizeEarning } from '@/lib/billing/recognize-earning';
import { isAppError } from '@/lib/errors/app-error';
import type { TJobOptions } from '@/lib/job-options/job-options';
import { placeOrder } from '@/lib/billing/place-order';
import { cancelOrderAsAdmin } from './cancel-order-as-admin';
import { dashboardMetrics } from './dashboard-metrics';
import { getAdminOrder } from './get-admin-order';
import { listAuditLog } from './list-audit-log';
import { listDisputes } from './list-disputes';
import { latestPayoutRun, payoutHistory, payoutOverview } from './payout-overview';
import { addFeeRule, listFeeRules, withdrawFeeRule } from './platform-fee-rules';
import { refundOrderAsAdmin } from './refund-order-as-admin';
import { rerouteOptionsForAdmin, rerouteOrderAsAdmin } from './reroute-order-as-admin';
import { runPayoutsAsAdmin } from './run-payouts-as-admin';
import { searchOrders, ZSearchOrdersRequest } from './search-orders';
import { getShopForAdmin, setShopStatus } from './shop-review';

const JOB: TJobOptions = { media: 'iso_a4_210x297mm', colorMode: 'auto', sides: 'one-sided', copies: 2, pagesPerSheet: 1, finishing: 'none' };
// 3 pages, one colour, 2 copies at 10c mono / 50c colour + €1 job fee = €2.40
const TOTAL = 240;

let live: TBillingStripe;
let admin: { id: string; email: string };
const createdUsers: string[] = [];
const createdShops: string[] = [];

async function testUser(role: 'customer' | 'admin') {
  const user = await createTestUser(role);
  createdUsers.push(user.id);
  return user;
}

async function pricedShop(prices: Parameters<typeof createPricedShop>[0] = {}) {
  const priced = await createPricedShop(prices);
  createdUsers.push(priced.owner.id);
  createdShops.push(priced.shop.id);
  return priced;
}

/**
 * The integration files share one database, and other files reconcile the whole ledger
 * against their own Stripe emulator: everything this file made goes, children first.
 */
async function removeWhatThisFileMade() {
  if (!createdUsers.length) return;
  await db.transaction(async (tx) => {
    const mine = tx
      .select({ id: orders.id })
      .from(orders)
      .where(or(inArray(orders.customerId, createdUsers), inArray(orders.shopId, createdShops)));
    const myTransactions = tx
      .select({ id: ledgerTransactions.id })
      .from(ledgerTransactions)
      .where(or(inArray(ledgerTransactions.orderId, mine), inArray(ledgerTransactions.shopId, createdShops)));
    await tx.delete(ledgerEntries).where(inArray(ledgerEntries.transactionId, myTransactions));
    await tx.delete(ledgerTransactions).where(or(inArray(ledgerTransactions.orderId, mine), inArray(ledgerTransactions.shopId, createdShops)));
    await tx.delete(refunds).where(inArray(refunds.orderId, mine));
    await tx.delete(transfers).where(inArray(transfers.shopId, createdShops));
    await tx.delete(disputes).where(inArray(disputes.orderId, mine));
    await tx.delete(orderMoves).where(inArray(orderMoves.orderId, mine));
    await tx.delete(printJobs).where(or(inArray(printJobs.orderId, mine), inArray(printJobs.shopId, createdShops)));
    await tx.delete(events).where(or(inArray(events.orderId, mine), inArray(events.shopId, createdShops)));
    await tx.delete(orders).where(or(inArray(orders.customerId, createdUsers), inArray(orders.shopId, createdShops)));
    await tx.delete(auditLog).where(inArray(auditLog.actorId, createdUsers));
    await tx.delete(platformFees).where(inArray(platformFees.createdBy, createdUsers));
    await tx.delete(shops).where(inArray(shops.id, createdShops));
    await tx.delete(users).where(inArray(users.id, createdUsers));
  });
}

beforeAll(async () => {
  live = await startBillingStripe();
  admin = await testUser('admin');
});

afterAll(async () => {
  // Late webhooks must not arrive for rows already removed.
  await live?.emulator.webhooksIdle();
  await live?.stop();
  await removeWhatThisFileMade();
  await closeDb();
});

async function paidOrder(shopOverride?: { shop: { id: string }; owner: { id: string } }) {
  const customer = await testUser('customer');
  const { shop, owner } = shopOverride ?? (await pricedShop());
  const document = await createReadyDocument(customer.id, [false, true, false]);
  const result = await placeOrder({ customerId: customer.id, shopId: shop.id, job: JOB, documentIds: [document.id], expectedTotalMinor: TOTAL });
  if (result.kind !== 'checkout') throw new Error('expected a checkout');
  const [row] = await db.select().from(orders).where(eq(orders.id, result.order.id));
  await live.control(`/_emulator/checkout/sessions/${row.stripeCheckoutSessionId}/pay`, {});
  const paid = await eventually('order paid', async () => {
    const [current] = await db.select().from(orders).where(eq(orders.id, row.id));
    return current.status === 'paid' && current;
  });
  return { customer, shop, owner, order: paid };
}

async function auditFor(targetId: string) {
  return db.select().from(auditLog).where(eq(auditLog.targetId, targetId));
}

async function expectFieldError(promise: Promise<unknown>, field: string, message: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isAppError(error), `expected an AppError, got ${String(error)}`).toBe(true);
  if (isAppError(error)) expect(error.fieldErrors?.[field]?.join(' ')).toMatch(message);
}

describe('order search', () => {
  it('finds orders by number (any case, without prefix), customer email, shop, state and day', async () => {
    const { order, customer, shop } = await paidOrder();
    const search = (query: Record<string, string>) => searchOrders(ZSearchOrdersRequest.parse(query));
    const today = new Date().toISOString().slice(0, 10);
    const bare = order.number.replace(/^NP-/, '').toLowerCase();
    expect((await search({ number: bare })).orders.map((o) => o.id)).toEqual([order.id]);
    expect((await search({ email: customer.email.slice(0, 14).toUpperCase() })).orders.map((o) => o.id)).toContain(order.id);
    expect((await search({ shopId: shop.id, status: 'paid', from: today, to: today })).orders.map((o) => o.id)).toEqual([order.id]);
    expect((await search({ shopId: shop.id, status: 'refunded' })).orders).toEqual([]);
    expect((await search({ shopId: shop.id, to: '2000-01-01' })).total).toBe(0);
    expect((await search({ email: '%' })).orders.every((o) => o.customerEmail.includes('%'))).toBe(true);
  });

  it('refuses a backwards date range and unknown states as field errors', () => {
    const backwards = ZSearchOrdersRequest.safeParse({ from: '2025-02-01', to: '2025-01-01' });
    expect(backwards.success).toBe(false);
    expect(backwards.error?.issues[0]).toMatchObject({ path: ['to'] });
    expect(ZSearchOrdersRequest.safeParse({ status: 'lost' }).success).toBe(false);
    expect(ZSearchOrdersRequest.safeParse({ from: '2025-02-30' }).success).toBe(false);
    expect(ZSearchOrdersRequest.parse({ number: '', status: '', page: '' })).toMatchObject({ page: 1 });
  });
});

describe('admin refunds', () => {
  it('refuses bad amounts with field errors and records nothing', async () => {
    const { order } = await paidOrder();
    const refund = (amount: string) => refundOrderAsAdmin({ orderId: order.id, amount, reason: 'Smudged pages', adminId: admin.id });
    await expectFieldError(refund('abc'), 'amount', /like 0.10/);
    await expectFieldError(refund('0'), 'amount', /above zero/);
    await expectFieldError(refund('-1'), 'amount', /negative/);
    await expectFieldError(refund('1.234'), 'amount', /2 decimal places/);
    await expectFieldError(refund('2.41'), 'amount', /At most €2.40/);
    expect(await db.select().from(refunds).where(eq(refunds.orderId, order.id))).toEqual([]);
    expect(await auditFor(order.id)).toEqual([]);
  });

  it('refunds part of an order, books it, and audits who, why, before and after', async () => {
    const { order } = await paidOrder();
    await refundOrderAsAdmin({ orderId: order.id, amount: '1,00', reason: 'Two pages were smudged', adminId: admin.id });
    expect(await orderLedgerSummary(order.id)).toMatchObject({ paidMinor: TOTAL, refundedMinor: 100 });
    const [refund] = await db.select().from(refunds).where(eq(refunds.orderId, order.id));
    expect(refund).toMatchObject({ amountMinor: 100, kind: 'admin', reason: 'Two pages were smudged', requestedBy: admin.id, status: 'succeeded' });
    const [entry] = await auditFor(order.id);
    expect(entry).toMatchObject({ actorId: admin.id, action: 'order.refund', targetType: 'order', reason: 'Two pages were smudged' });
    expect(entry.before).toMatchObject({ refundableMinor: TOTAL, refundedMinor: 0 });
    expect(entry.after).toMatchObject({ amountMinor: 100, refundedMinor: 100, outcome: 'requested', status: 'paid' });
    const details = await getAdminOrder(order.id);
    expect(details.refundableMinor).toBe(140);
    expect(details.timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['order.created', 'order.paid', 'order.refunded']));
    await expectFieldError(refundOrderAsAdmin({ orderId: order.id, amount: '1.50', reason: 'More', adminId: admin.id }), 'amount', /At most €1.40/);
  });
});

describe('cancel with refund', () => {
  it('stops the queued job, refunds everything left and audits it', async () => {
    const { order } = await paidOrder();
    await refundOrderAsAdmin({ orderId: order.id, amount: '0.40', reason: 'Goodwill', adminId: admin.id });
    const result = await cancelOrderAsAdmin({ orderId: order.id, reason: 'Shop cannot reach the customer', adminId: admin.id });
    expect(result).toEqual({ stopped: { canceled: 1, stoppingAtPrinter: 0 }, refundedMinor: 200 });
    const jobs = await db.select().from(printJobs).where(eq(printJobs.orderId, order.id));
    expect(jobs.map((j) => j.state)).toEqual(['canceled']);
    expect(jobs[0].refundDue).toBeNull();
    const [after] = await db.select().from(orders).where(eq(orders.id, order.id));
    expect(after.status).toBe('refunded');
    expect((await auditFor(order.id)).map((e) => e.action).sort()).toEqual(['order.cancel', 'order.refund', 'order.refund']);
    await expect(cancelOrderAsAdmin({ orderId: order.id, reason: 'again', adminId: admin.id })).rejects.toThrow(/cannot be cancelled/);
  });

  it('asks the dispatcher to stop a job the printer already has', async () => {
    const { order } = await paidOrder();
    await db.update(printJobs).set({ state: 'printing' }).where(eq(printJobs.orderId, order.id));
    const result = await cancelOrderAsAdmin({ orderId: order.id, reason: 'Wrong file', adminId: admin.id });
    expect(result.stopped).toEqual({ canceled: 0, stoppingAtPrinter: 1 });
    const [job] = await db.select().from(printJobs).where(eq(printJobs.orderId, order.id));
    expect(job.state).toBe('printing');
    expect(job.cancelRequestedAt).not.toBeNull();
    expect(await orderLedgerSummary(order.id)).toMatchObject({ refundedMinor: TOTAL });
  });
});

describe('re-routing a stuck order', () => {
  it('offers the shops the customer would be offered and moves the order once the customer agreed', async () => {
    const { order, shop } = await paidOrder();
    // Far cheaper, so it ranks first among the test shops other files leave at the same spot: 2×2×1c + 1×2×2c = 8c.
    const other = await pricedShop({ a4MonoMinor: 1, a4ColorMinor: 2, jobFeeMinor: 0 });
    const otherTotal = 8;
    const notYetStuck = await rerouteOptionsForAdmin(order.id);
    expect(notYetStuck.eligibility.canMove).toBe(false);
    await expect(rerouteOrderAsAdmin({ orderId: order.id, toShopId: other.shop.id, expectedTotalMinor: 8, agreement: 'By phone at 14:05', adminId: admin.id })).rejects.toThrow(
      /working on this order/,
    );

    // No printer of the shop has been able to take it for an hour.
    await db
      .update(printJobs)
      .set({ waitingSince: new Date(Date.now() - 60 * 60_000) })
      .where(eq(printJobs.orderId, order.id));
    const options = await rerouteOptionsForAdmin(order.id);
    expect(options.eligibility).toMatchObject({ canMove: true, reason: 'no_printer' });
    const target = options.options.find((o) => o.shopId === other.shop.id);
    expect(target).toMatchObject({ totalMinor: otherTotal, differenceMinor: otherTotal - TOTAL });

    const stale = await rerouteOrderAsAdmin({ orderId: order.id, toShopId: other.shop.id, expectedTotalMinor: TOTAL, agreement: 'By phone at 14:05', adminId: admin.id });
    expect(stale).toEqual({ kind: 'price_changed', totalMinor: otherTotal });
    const moved = await rerouteOrderAsAdmin({ orderId: order.id, toShopId: other.shop.id, expectedTotalMinor: otherTotal, agreement: 'By phone at 14:05', adminId: admin.id });
    expect(moved).toEqual({ kind: 'moved', refundedMinor: TOTAL - otherTotal });
    const [after] = await db.select().from(orders).where(eq(orders.id, order.id));
    expect(after).toMatchObject({ shopId: other.shop.id, totalMinor: otherTotal });
    expect(await orderLedgerSummary(order.id)).toMatchObject({ paidMinor: TOTAL, refundedMinor: TOTAL - otherTotal });
    const jobs = await db.select().from(printJobs).where(eq(printJobs.orderId, order.id));
    expect(jobs.map((j) => [j.shopId, j.state]).sort()).toEqual(
      [
        [shop.id, 'canceled'],
        [other.shop.id, 'queued'],
      ].sort(),
    );
    const entries = (await auditFor(order.id)).filter((e) => e.action === 'order.reroute');
    expect(entries.map((e) => e.reason)).toEqual(['Customer agreed: By phone at 14:05', 'Customer agreed: By phone at 14:05']);
    expect(entries.map((e) => (e.after as { kind: string }).kind).sort()).toEqual(['moved', 'price_changed']);
    expect(entries[0].before).toEqual({ shopId: shop.id });
  });
});

describe('shop suspension', () => {
  it('lets open jobs finish, or stops and refunds them, in the same step as the suspension', async () => {
    const priced = await pricedShop();
    const first = await paidOrder(priced);
    const second = await paidOrder(priced);
    await expect(setShopStatus({ shopId: priced.shop.id, status: 'suspended', reason: 'Prices misleading', openJobs: 'refund', adminId: admin.id })).resolves.toMatchObject({
      openOrders: 2,
      refundFailures: [],
    });
    const [shop] = await db.select().from(shops).where(eq(shops.id, priced.shop.id));
    expect(shop).toMatchObject({ status: 'suspended', statusReason: 'Prices misleading' });
    for (const { order } of [first, second]) {
      expect(await orderLedgerSummary(order.id)).toMatchObject({ refundedMinor: TOTAL });
      expect((await db.select().from(printJobs).where(eq(printJobs.orderId, order.id))).map((j) => j.state)).toEqual(['canceled']);
    }
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, priced.shop.id), eq(auditLog.action, 'shop.suspend')));
    expect(entry.after).toMatchObject({ status: 'suspended', openJobs: 'refund' });
    expect((await getShopForAdmin(priced.shop.id)).openOrders).toEqual([]);

    await setShopStatus({ shopId: priced.shop.id, status: 'active', reason: '', openJobs: 'finish', adminId: admin.id });
    const third = await paidOrder(priced);
    await expect(setShopStatus({ shopId: priced.shop.id, status: 'suspended', reason: 'Holiday', openJobs: 'finish', adminId: admin.id })).resolves.toMatchObject({ openOrders: 1, refunded: [] });
    expect((await db.select().from(printJobs).where(eq(printJobs.orderId, third.order.id))).map((j) => j.state)).toEqual(['queued']);
    expect(await orderLedgerSummary(third.order.id)).toMatchObject({ refundedMinor: 0 });
  });
});

describe('platform fee rules', () => {
  const now = new Date('2030-01-01T12:00:00Z');
  const add = (fields: Partial<Record<'percent' | 'fixed' | 'effectiveFrom' | 'timezone', string>>) =>
    addFeeRule({ percent: '12.5', fixed: '0.20', effectiveFrom: '2031-03-01T00:00', timezone: 'Europe/Dublin', ...fields, adminId: admin.id, now });

  it('validates the start, the percentage and the fixed amount', async () => {
    await expectFieldError(add({ effectiveFrom: '2029-12-31T00:00' }), 'effectiveFrom', /future/);
    await expectFieldError(add({ fixed: '50' }), 'fixed', /largest fixed fee/);
    await expectFieldError(add({ fixed: 'x' }), 'fixed', /like 0.10/);
    await expectFieldError(add({ effectiveFrom: '2031-03-30T01:30', timezone: 'Europe/Dublin' }), 'effectiveFrom', /do not exist/);
  });

  it('schedules a rule in the admin’s time zone, lists it, applies it from its start and withdraws it before', async () => {
    const rule = await add({});
    expect(rule.effectiveFrom.toISOString()).toBe('2031-03-01T00:00:00.000Z'); // Dublin is on GMT in March before the clocks change
    expect(rule).toMatchObject({ percentBps: 1250, fixedMinor: 20 });
    await expectFieldError(add({}), 'effectiveFrom', /exactly that moment/);
    expect(await feeRuleAt(new Date('2031-03-01T00:00:01Z'))).toEqual({ percentBps: 1250, fixedMinor: 20 });
    const listed = await listFeeRules(now);
    expect(listed.rules.find((r) => r.id === rule.id)).toMatchObject({ state: 'scheduled', createdByEmail: admin.email });
    expect((await listFeeRules(new Date('2031-06-01T00:00:00Z'))).rules.find((r) => r.id === rule.id)?.state).toBe('in_force');
    await withdrawFeeRule({ ruleId: rule.id, adminId: admin.id, now });
    expect(await db.select().from(platformFees).where(eq(platformFees.id, rule.id))).toEqual([]);
    expect((await auditFor(rule.id)).map((e) => e.action).sort()).toEqual(['platform_fee.schedule', 'platform_fee.withdraw']);
  });

  it('keeps rules that have started', async () => {
    const [past] = await db
      .insert(platformFees)
      .values({ effectiveFrom: new Date('2001-01-01T00:00:00Z'), percentBps: 1000, fixedMinor: 0 })
      .returning();
    await expect(withdrawFeeRule({ ruleId: past.id, adminId: admin.id })).rejects.toThrow(/already started/);
    await db.delete(platformFees).where(eq(platformFees.id, past.id));
  });
});

/** What the payouts page shows right now, confirmed as the admin would. */
async function confirmedAsShown() {
  const overview = await payoutOverview();
  return { confirm: 'yes' as const, expectedShopCount: overview.shops.filter((s) => s.readiness === 'ready').length, expectedTotalMinor: overview.payableMinor };
}

describe('payouts', () => {
  it('pays a handed-over order’s earning, reports each shop and keeps the run in the audit log', async () => {
    const { order, shop } = await paidOrder();
    await db.transaction((tx) => recognizeEarning(tx, order.id));
    const earning = TOTAL - 24;
    expect((await payoutOverview()).shops.find((s) => s.shopId === shop.id)).toMatchObject({ balanceMinor: earning, readiness: 'no_account' });

    const skipped = await runPayoutsAsAdmin({ adminId: admin.id, confirmed: await confirmedAsShown() });
    expect(skipped.outcomes.find((o) => o.shopId === shop.id)).toMatchObject({ status: 'skipped' });

    const stripe = new Stripe('sk_test_x', { ...live.emulator.stripeConfig });
    const account = await stripe.accounts.create({ type: 'express', country: 'IE', capabilities: { transfers: { requested: true } } });
    await setShopAccount(shop.id, account.id);
    await live.control(`/_emulator/accounts/${account.id}/onboard`, {});
    await eventually('payouts enabled', async () => (await db.select().from(shops).where(eq(shops.id, shop.id)))[0].stripePayoutsEnabled);
    expect((await payoutOverview()).shops.find((s) => s.shopId === shop.id)?.readiness).toBe('ready');

    // Confirmed before the shop became payable: the run refuses and pays nobody.
    const stale = { ...(await confirmedAsShown()), expectedShopCount: 0, expectedTotalMinor: 0 };
    await expect(runPayoutsAsAdmin({ adminId: admin.id, confirmed: stale })).rejects.toThrow(/balances changed since this page was loaded \(now \d+ shops?, .+\)\. Nothing was paid/);
    expect(await shopBalanceMinor(shop.id)).toBe(earning);

    const run = await runPayoutsAsAdmin({ adminId: admin.id, confirmed: await confirmedAsShown() });
    expect(run.outcomes.find((o) => o.shopId === shop.id)).toMatchObject({ status: 'paid', amountMinor: earning });
    expect(await shopBalanceMinor(shop.id)).toBe(0);
    const last = await latestPayoutRun();
    expect(last).toMatchObject({ runId: run.runId, adminEmail: admin.email });
    expect(last?.outcomes.find((o) => o.shopId === shop.id)).toMatchObject({ status: 'paid' });
    const history = await payoutHistory();
    expect(history.find((t) => t.shopId === shop.id && t.status === 'paid')).toMatchObject({ amountMinor: earning, createdByEmail: admin.email });
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, run.runId), eq(auditLog.action, 'payouts.run')));
    expect(audit.actorId).toBe(admin.id);
    expect((await db.select().from(transfers).where(eq(transfers.shopId, shop.id))).filter((t) => t.status === 'paid')).toHaveLength(1);
    const balances = await accountBalances();
    expect(Object.values(balances).reduce((a, b) => a + b, 0)).toBe(0);
  });
});

describe('disputes', () => {
  it('lists a dispute Stripe reports with its order', async () => {
    const { order, customer } = await paidOrder();
    await live.control(`/_emulator/charges/${order.stripeChargeId}/dispute`, { reason: 'fraudulent' });
    const dispute = await eventually('dispute recorded', async () => (await db.select().from(disputes).where(eq(disputes.orderId, order.id)))[0]);
    const listed = (await listDisputes()).find((d) => d.id === dispute.id);
    expect(listed).toMatchObject({ orderNumber: order.number, customerEmail: customer.email, reason: 'fraudulent', amountMinor: TOTAL, isOpen: true });
  });
});

describe('dashboard', () => {
  it('counts today’s paid orders, volume, refunds and the median time to ready, with a row for every day', async () => {
    const before = await dashboardMetrics({ days: 7 });
    const a = await paidOrder();
    const b = await paidOrder();
    await db
      .update(orders)
      .set({ readyAt: new Date(a.order.paidAt!.getTime() + 4 * 60_000) })
      .where(eq(orders.id, a.order.id));
    await db
      .update(orders)
      .set({ readyAt: new Date(b.order.paidAt!.getTime() + 10 * 60_000) })
      .where(eq(orders.id, b.order.id));
    await refundOrderAsAdmin({ orderId: a.order.id, amount: '0.60', reason: 'Light print', adminId: admin.id });
    const after = await dashboardMetrics({ days: 7 });
    expect(after.daily).toHaveLength(7);
    expect(after.daily.at(-1)?.day).toBe(new Date().toISOString().slice(0, 10));
    expect(after.totals.paidOrders - before.totals.paidOrders).toBe(2);
    expect(after.totals.grossMinor - before.totals.grossMinor).toBe(2 * TOTAL);
    expect(after.totals.refundedMinor - before.totals.refundedMinor).toBe(60);
    expect(after.daily.at(-1)!.paidOrders - before.daily.at(-1)!.paidOrders).toBe(2);
    expect(after.totals.readyOrders - before.totals.readyOrders).toBe(2);
    if (before.totals.readyOrders === 0) expect(after.totals.medianReadySeconds).toBeCloseTo(7 * 60, 0);
    expect(after.totals.refundRate).toBeGreaterThan(0);
  });
});

describe('audit log', () => {
  it('filters by admin, action, target and day', async () => {
    const other = await testUser('admin');
    const { order } = await paidOrder();
    await refundOrderAsAdmin({ orderId: order.id, amount: '0.10', reason: 'One', adminId: admin.id });
    await refundOrderAsAdmin({ orderId: order.id, amount: '0.10', reason: 'Two', adminId: other.id });
    const base = { page: 1 } as const;
    expect((await listAuditLog({ ...base, actorId: other.id })).entries.map((e) => e.entry.reason)).toEqual(['Two']);
    expect((await listAuditLog({ ...base, targetType: 'order', targetId: order.id, action: 'order.refund' })).entries.map((e) => e.entry.reason)).toEqual(['Two', 'One']);
    expect((await listAuditLog({ ...base, targetId: order.id, to: '2000-01-01' })).total).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    expect((await listAuditLog({ ...base, targetId: order.id, from: today, to: today })).total).toBe(2);
  });
});
