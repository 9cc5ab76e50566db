import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, db } from '@/db/client';
import { events, orders, pickupCodeFailures, printJobs, users } from '@/db/schema';
import { createPricedShop, createReadyDocument } from '@/dev/test-support/billing-fixtures';
import { createTestUser } from '@/dev/test-support/fixtures';
import { createOrder } from '@/lib/orders/create-order';
import { pickupCodeFor, pickupQrPayload } from '@/lib/orders/pickup-code';
import { MONO_A4 } from '@/lib/print-jobs/testing/print-fixtures';
import { quoteForShop } from '@/lib/quote/quote-for-shop';
import { findPickupOrder } from './find-pickup-order';
import { handOverOrder } from './hand-over-order';
import { orderPickupLocks, PICKUP_LOCKOUT } from './pickup-lockout';

/**
 * Hand-over by the code alone, against the real database: the code finds the one order waiting
 * at this shop and never another shop's; wrong codes lock code entry at the shop, and a named
 * order's hand-over, until a time the refusal states, and the lock ends then.
 */

beforeAll(() => {
  process.env.AUTH_SECRET ??= 'integration-test-secret-integration-test-secret';
});

afterAll(async () => {
  await closeDb();
});

/** A paid order at the shop whose job printed: waiting for pickup. */
async function readyOrder(shopId: string, customerName = 'Aoife Byrne') {
  const customer = await createTestUser('customer');
  await db.update(users).set({ name: customerName }).where(eq(users.id, customer.id));
  const document = await createReadyDocument(customer.id, [false, false]);
  const { quote } = await quoteForShop({ shopId, job: MONO_A4, documents: [[false, false]] });
  const created = await createOrder({ customerId: customer.id, shopId, job: MONO_A4, documentIds: [document.id], expectedTotalMinor: quote.totalMinor });
  if (created.kind !== 'created') throw new Error('the price changed');
  const now = new Date();
  await db.update(orders).set({ status: 'ready', paidAt: now, readyAt: now }).where(eq(orders.id, created.order.id));
  await db.insert(printJobs).values({ orderId: created.order.id, shopId, state: 'printed', ippJobName: `test-${randomUUID()}`, printedAt: now, expectedImpressions: 2, impressionsCompleted: 2 });
  return created.order;
}

function wrongCodeFor(orderId: string): string {
  return pickupCodeFor(orderId) === '000000' ? '111111' : '000000';
}

describe('finding the order waiting for pickup by its code', () => {
  it('finds it by the code alone (typed or scanned), at this shop only', async () => {
    const { owner, shop } = await createPricedShop();
    const other = await createPricedShop();
    const order = await readyOrder(shop.id);
    const elsewhere = await readyOrder(other.shop.id);
    const code = pickupCodeFor(order.id);

    const [match, ...rest] = await findPickupOrder({ shopId: shop.id, ownerId: owner.id, input: code });
    expect(rest).toEqual([]);
    expect(match).toMatchObject({ orderId: order.id, number: order.number, customerFirstName: 'Aoife', pages: 2, copies: 1, files: ['report.pdf'] });
    expect(await findPickupOrder({ shopId: shop.id, ownerId: owner.id, input: ` ${code.slice(0, 3)} ${code.slice(3)} ` })).toHaveLength(1);
    expect(await findPickupOrder({ shopId: shop.id, ownerId: owner.id, input: pickupQrPayload(order.number, code) })).toMatchObject([{ orderId: order.id }]);

    // Another shop's order with its right code is not found here: it counts as a wrong code.
    await expect(findPickupOrder({ shopId: shop.id, ownerId: owner.id, input: pickupCodeFor(elsewhere.id) })).rejects.toMatchObject({ code: 'bad_request', fieldErrors: { code: ['Wrong code'] } });
    await expect(findPickupOrder({ shopId: shop.id, ownerId: owner.id, input: pickupQrPayload(elsewhere.number, pickupCodeFor(elsewhere.id)) })).rejects.toMatchObject({ code: 'not_found' });
    // Nor can another owner look at this shop.
    await expect(findPickupOrder({ shopId: shop.id, ownerId: other.owner.id, input: code })).rejects.toMatchObject({ code: 'not_found' });

    // One tap after the match hands it over; then it no longer matches.
    expect(await handOverOrder({ shopId: shop.id, ownerId: owner.id, orderId: match.orderId, code })).toMatchObject({ kind: 'collected' });
    await expect(findPickupOrder({ shopId: shop.id, ownerId: owner.id, input: code })).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('refuses input that is not a code with a field error, counting nothing', async () => {
    const { owner, shop } = await createPricedShop();
    await expect(findPickupOrder({ shopId: shop.id, ownerId: owner.id, input: '12ab' })).rejects.toMatchObject({ code: 'bad_request', fieldErrors: { code: expect.any(Array) } });
    await expect(findPickupOrder({ shopId: shop.id, ownerId: owner.id, input: '123456', orderId: 'not-an-id' })).rejects.toMatchObject({ code: 'not_found' });
    expect(await db.select().from(pickupCodeFailures).where(eq(pickupCodeFailures.shopId, shop.id))).toEqual([]);
  });
});

describe('wrong pickup codes', () => {
  it('lock code entry at the shop after SHOP_LIMIT within the window, say until when, and unlock then', async () => {
    const { owner, shop } = await createPricedShop();
    const order = await readyOrder(shop.id);
    const start = new Date('2026-12-06T14:00:00Z');
    const wrong = wrongCodeFor(order.id);
    for (let i = 1; i < PICKUP_LOCKOUT.SHOP_LIMIT; i += 1) {
      await expect(findPickupOrder({ shopId: shop.id, ownerId: owner.id, input: wrong, now: new Date(start.getTime() + i * 1000) })).rejects.toMatchObject({ code: 'bad_request' });
    }
    const last = new Date(start.getTime() + PICKUP_LOCKOUT.SHOP_LIMIT * 1000);
    const until = new Date(last.getTime() + PICKUP_LOCKOUT.LOCK_MS);
    // Europe/Dublin in December is UTC: the lock's end, on the shop's clock.
    const clock = until.toISOString().slice(11, 16);
    await expect(findPickupOrder({ shopId: shop.id, ownerId: owner.id, input: wrong, now: last })).rejects.toMatchObject({
      code: 'too_many_requests',
      message: `Too many wrong codes. Try again at ${clock}.`,
    });
    // While locked even the right code is refused, and refusals are not counted.
    const during = new Date(until.getTime() - 1000);
    await expect(findPickupOrder({ shopId: shop.id, ownerId: owner.id, input: pickupCodeFor(order.id), now: during })).rejects.toMatchObject({
      code: 'too_many_requests',
      message: `Too many wrong codes. Try again at ${clock}.`,
    });
    await expect(handOverOrder({ shopId: shop.id, ownerId: owner.id, orderId: order.id, code: pickupCodeFor(order.id), now: during })).rejects.toMatchObject({ code: 'too_many_requests' });
    expect(await db.select().from(pickupCodeFailures).where(eq(pickupCodeFailures.shopId, shop.id))).toHaveLength(PICKUP_LOCKOUT.SHOP_LIMIT);
    // Code-alone failures are tied to no order: the customer's page is not told about them.
    expect((await db.select().from(events).where(eq(events.orderId, order.id))).map((e) => e.type)).not.toContain('order.pickup_code_wrong');
    // At the stated time it opens again: one more wrong code is just wrong, not another lock.
    await expect(findPickupOrder({ shopId: shop.id, ownerId: owner.id, input: wrong, now: until })).rejects.toMatchObject({ code: 'bad_request' });
    expect(await findPickupOrder({ shopId: shop.id, ownerId: owner.id, input: pickupCodeFor(order.id), now: until })).toMatchObject([{ orderId: order.id }]);
  });

  it('are counted one after the other across concurrent requests: never more than the limit get through', async () => {
    const { owner, shop } = await createPricedShop();
    const order = await readyOrder(shop.id);
    const wrong = wrongCodeFor(order.id);
    const now = new Date();
    const results = await Promise.allSettled(Array.from({ length: PICKUP_LOCKOUT.SHOP_LIMIT + 5 }, () => findPickupOrder({ shopId: shop.id, ownerId: owner.id, input: wrong, now })));
    const codes = results.map((r) => (r.status === 'rejected' ? (r.reason as { code?: string }).code : 'resolved'));
    expect(codes.filter((c) => c === 'bad_request')).toHaveLength(PICKUP_LOCKOUT.SHOP_LIMIT - 1);
    expect(codes.filter((c) => c === 'too_many_requests')).toHaveLength(6);
    expect(await db.select().from(pickupCodeFailures).where(eq(pickupCodeFailures.shopId, shop.id))).toHaveLength(PICKUP_LOCKOUT.SHOP_LIMIT);
  });

  it('count per named order too: its hand-over locks, the customer’s timeline says until when, other orders still go', async () => {
    const { owner, shop } = await createPricedShop();
    const order = await readyOrder(shop.id);
    const neighbour = await readyOrder(shop.id);
    const now = new Date();
    const wrong = wrongCodeFor(order.id);
    for (let left = PICKUP_LOCKOUT.ORDER_LIMIT - 1; left > 0; left -= 1) {
      await expect(findPickupOrder({ shopId: shop.id, ownerId: owner.id, input: pickupQrPayload(order.number, wrong), now })).rejects.toMatchObject({
        message: `That code is not right for this order. ${left} ${left === 1 ? 'try' : 'tries'} left.`,
      });
    }
    await expect(findPickupOrder({ shopId: shop.id, ownerId: owner.id, input: wrong, orderId: order.id, now })).rejects.toMatchObject({ code: 'too_many_requests' });
    const until = (await orderPickupLocks([order.id, neighbour.id], now)).get(order.id);
    expect(until?.getTime()).toBeGreaterThan(now.getTime());
    expect((await orderPickupLocks([neighbour.id], now)).size).toBe(0);
    const timeline = await db.select().from(events).where(eq(events.orderId, order.id));
    expect(timeline.filter((e) => e.type === 'order.pickup_code_wrong')).toHaveLength(PICKUP_LOCKOUT.ORDER_LIMIT);
    expect(timeline.find((e) => e.type === 'order.pickup_locked')?.data).toMatchObject({ until: until!.toISOString(), reason: expect.stringMatching(/^until \d\d:\d\d$/) });
    // The right code of the locked order is refused until then, by code alone or named.
    await expect(findPickupOrder({ shopId: shop.id, ownerId: owner.id, input: pickupCodeFor(order.id), now })).rejects.toMatchObject({ code: 'too_many_requests' });
    await expect(handOverOrder({ shopId: shop.id, ownerId: owner.id, orderId: order.id, code: pickupCodeFor(order.id), now })).rejects.toMatchObject({ code: 'too_many_requests' });
    // The shop is not locked (five failures, under its limit): the neighbour's customer is served.
    expect(await findPickupOrder({ shopId: shop.id, ownerId: owner.id, input: pickupCodeFor(neighbour.id), now })).toMatchObject([{ orderId: neighbour.id }]);
    // After the lock, the right code hands it over.
    expect(await handOverOrder({ shopId: shop.id, ownerId: owner.id, orderId: order.id, code: pickupCodeFor(order.id), now: until })).toMatchObject({ kind: 'collected' });
  });
});
