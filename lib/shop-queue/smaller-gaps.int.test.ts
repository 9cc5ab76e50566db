import { EVENT_STREAM_START } from '@/lib/events/event-cursor';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, db } from '@/db/client';
import { orders, shops, users } from '@/db/schema';
import { ensureAdminAccount } from '@/db/seed';
import { createPricedShop, createReadyDocument } from '@/dev/test-support/billing-fixtures';
import { createTestUser } from '@/dev/test-support/fixtures';
import { authenticateAgent, createAgentToken } from '@/lib/agent/agent-tokens';
import { customerEventView } from '@/lib/events/customer-event-view';
import { readEventsAfter } from '@/lib/events/read-events';
import { createOrder } from '@/lib/orders/create-order';
import { MONO_A4 } from '@/lib/print-jobs/testing/print-fixtures';
import { customerQuote } from '@/lib/quote/customer-quote';
import { quoteForShop } from '@/lib/quote/quote-for-shop';
import { findShopOrderByNumber, getShopOrder } from './shop-job';

/**
 * The smaller gaps, each against the real database: who the seed makes an admin, agent
 * tokens of suspended shops and expired tokens, owners and unpaid orders, and what customers see.
 */

afterAll(async () => {
  await closeDb();
});

describe('the seed’s first admin', () => {
  it('creates a new account, promotes a verified one, and never an unverified one', async () => {
    const fresh = `admin-${Date.now()}@example.test`;
    expect(await ensureAdminAccount({ email: fresh, password: 'a long admin password' })).toBe('created');
    expect((await db.select({ role: users.role }).from(users).where(eq(users.email, fresh)))[0].role).toBe('admin');
    expect(await ensureAdminAccount({ email: fresh })).toBe('already_admin');

    // Someone signed up with the admin's address before the seed ran, and never verified it.
    const squatter = await createTestUser('customer');
    expect(await ensureAdminAccount({ email: squatter.email })).toBe('refused_unverified');
    expect((await db.select({ role: users.role }).from(users).where(eq(users.id, squatter.id)))[0].role).toBe('customer');

    await db.update(users).set({ emailVerified: true }).where(eq(users.id, squatter.id));
    expect(await ensureAdminAccount({ email: squatter.email })).toBe('promoted');
    expect((await db.select({ role: users.role }).from(users).where(eq(users.id, squatter.id)))[0].role).toBe('admin');
  });
});

describe('agent tokens', () => {
  it('stop working while the shop is suspended, and again once reinstated', async () => {
    const { owner, shop } = await createPricedShop();
    const { token } = await createAgentToken({ shopId: shop.id, ownerId: owner.id, name: 'Back office' });
    await expect(authenticateAgent(`Bearer ${token}`)).resolves.toMatchObject({ shopId: shop.id });
    await db.update(shops).set({ status: 'suspended' }).where(eq(shops.id, shop.id));
    await expect(authenticateAgent(`Bearer ${token}`)).rejects.toMatchObject({ code: 'forbidden', message: expect.stringMatching(/suspended/) });
    await db.update(shops).set({ status: 'active' }).where(eq(shops.id, shop.id));
    await expect(authenticateAgent(`Bearer ${token}`)).resolves.toMatchObject({ shopId: shop.id });
  });

  it('can expire', async () => {
    const { owner, shop } = await createPricedShop();
    const { token, expiresAt } = await createAgentToken({ shopId: shop.id, ownerId: owner.id, name: 'Laptop', expiresInDays: 30 });
    expect(expiresAt!.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600_000);
    await expect(authenticateAgent(`Bearer ${token}`)).resolves.toMatchObject({ shopId: shop.id });
    await expect(authenticateAgent(`Bearer ${token}`, new Date(expiresAt!.getTime() + 1000))).rejects.toMatchObject({ code: 'unauthorized' });
  });
});

describe('an order before it is paid', () => {
  let fixture: { ownerId: string; shopId: string; customerId: string; orderId: string; orderNumber: string };

  beforeAll(async () => {
    const { owner, shop } = await createPricedShop();
    const customer = await createTestUser('customer');
    const document = await createReadyDocument(customer.id, [false, true]);
    const { quote } = await quoteForShop({ shopId: shop.id, job: MONO_A4, documents: [[false, true]] });
    const created = await createOrder({ customerId: customer.id, shopId: shop.id, job: MONO_A4, documentIds: [document.id], expectedTotalMinor: quote.totalMinor });
    if (created.kind !== 'created') throw new Error('the price changed');
    fixture = { ownerId: owner.id, shopId: shop.id, customerId: customer.id, orderId: created.order.id, orderNumber: created.order.number };
  });

  it('is invisible to the shop: not found by id or number, absent from its event stream; visible once paid', async () => {
    const ref = { shopId: fixture.shopId, ownerId: fixture.ownerId };
    await expect(getShopOrder({ ...ref, orderId: fixture.orderId })).rejects.toMatchObject({ code: 'not_found' });
    expect(await findShopOrderByNumber({ ...ref, number: fixture.orderNumber })).toBeNull();
    const ownerView = await readEventsAfter({ scope: { shopId: fixture.shopId, onlyPaidOrders: true }, after: EVENT_STREAM_START });
    expect(ownerView.filter((event) => event.orderId === fixture.orderId)).toEqual([]);
    const adminView = await readEventsAfter({ scope: { shopId: fixture.shopId }, after: EVENT_STREAM_START });
    expect(adminView.map((event) => event.type)).toContain('order.created');

    await db.update(orders).set({ paidAt: new Date(), status: 'paid' }).where(eq(orders.id, fixture.orderId));
    await expect(getShopOrder({ ...ref, orderId: fixture.orderId })).resolves.toMatchObject({ id: fixture.orderId });
    expect(await findShopOrderByNumber({ ...ref, number: fixture.orderNumber })).toMatchObject({ id: fixture.orderId });
    const paidView = await readEventsAfter({ scope: { shopId: fixture.shopId, onlyPaidOrders: true }, after: EVENT_STREAM_START });
    expect(paidView.map((event) => event.orderId)).toContain(fixture.orderId);
  });

  it('reaches its customer without the platform fee, the shop’s earning or anyone’s user id', async () => {
    const [order] = await db.select().from(orders).where(eq(orders.id, fixture.orderId));
    expect(order.quote).toHaveProperty('platformFeeMinor');
    const quote = customerQuote(order.quote);
    expect(quote).not.toHaveProperty('platformFeeMinor');
    expect(quote).not.toHaveProperty('shopEarningMinor');
    expect(quote.totalMinor).toBe(order.totalMinor);

    const events = await readEventsAfter({ scope: { orderId: fixture.orderId }, after: EVENT_STREAM_START });
    expect(events.some((event) => event.actor === fixture.customerId)).toBe(true);
    const payload = JSON.stringify(events.map(customerEventView));
    expect(payload).not.toContain(fixture.customerId);
    expect(payload).not.toContain(fixture.ownerId);
    expect(payload).not.toContain(fixture.shopId);
    expect(payload).not.toMatch(/platformFee|shopEarning|actor/);
    expect(payload).toContain(order.number);
  });
});
