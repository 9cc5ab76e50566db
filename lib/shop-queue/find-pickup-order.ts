import { and, asc, eq, inArray, isNotNull, notInArray } from 'drizzle-orm';
import { db } from '@/db/client';
import { documents, orderDocuments, orders, printJobs, users } from '@/db/schema/index';
import { AppError } from '@/lib/errors/app-error';
import { isPickupCodeCorrect, parsePickupInput } from '@/lib/orders/pickup-code';
import { ACTIVE_JOB_STATES } from '@/lib/print-jobs/job-states';
import { getOwnedShop } from '@/lib/shops/shop-access';
import { isId } from '@/lib/errors/ids';
import { assertPickupUnlocked, lockedError, pickupLockout, recordPickupFailure } from './pickup-lockout';

/** What the counter sees of a matched order before handing it over. */
export type TPickupMatch = { orderId: string; number: string; customerFirstName: string; pages: number; copies: number; files: string[] };

/**
 * The order waiting for pickup at this shop that the customer's code belongs to: the code alone
 * is enough (typed, or the QR scanned, which also names the order). Codes are derived from the
 * order id, six digits, so two orders waiting at one shop can share one; then every match is
 * returned and staff ask for the order number. Another shop's orders are never searched.
 * A wrong code counts against the shop (and against the order when one was named); see
 * pickup-lockout.ts for the limits.
 */
export async function findPickupOrder(options: { shopId: string; ownerId: string; input: string; orderId?: string | null; now?: Date }): Promise<TPickupMatch[]> {
  const shop = await getOwnedShop(options);
  const now = options.now ?? new Date();
  const { code, number } = parsePickupInput(options.input);
  if (options.orderId && !isId(options.orderId)) throw new AppError('not_found', 'We could not find that order.');
  if (code.length !== 6) throw new AppError('bad_request', 'A pickup code has 6 digits.', { fieldErrors: { code: ['Enter the 6-digit code'] } });
  const outcome = await db.transaction(async (tx) => {
    const named = options.orderId
      ? ((
          await tx
            .select({ id: orders.id })
            .from(orders)
            .where(and(eq(orders.id, options.orderId), eq(orders.shopId, shop.id), isNotNull(orders.paidAt)))
        )[0] ?? null)
      : number
        ? ((
            await tx
              .select({ id: orders.id })
              .from(orders)
              .where(and(eq(orders.shopId, shop.id), eq(orders.number, number)))
          )[0] ?? null)
        : null;
    if (options.orderId && !named) throw new AppError('not_found', 'We could not find that order.');
    if (number && !named) throw new AppError('not_found', `Order ${number} is not one of this shop’s orders.`, { fieldErrors: { code: ['Unknown order'] } });
    const { timezone } = await assertPickupUnlocked(tx, { shopId: shop.id, orderId: named?.id ?? null, now });
    const waiting = await tx
      .select({ id: orders.id, number: orders.number, quote: orders.quote, options: orders.options, customerName: users.name })
      .from(orders)
      .innerJoin(users, eq(users.id, orders.customerId))
      .where(
        and(
          eq(orders.shopId, shop.id),
          inArray(orders.status, ['paid', 'printing', 'ready']),
          isNotNull(orders.paidAt),
          named ? eq(orders.id, named.id) : undefined,
          inArray(
            orders.id,
            tx
              .select({ id: printJobs.orderId })
              .from(printJobs)
              .where(and(eq(printJobs.shopId, shop.id), eq(printJobs.state, 'printed'))),
          ),
          notInArray(
            orders.id,
            tx
              .select({ id: printJobs.orderId })
              .from(printJobs)
              .where(and(eq(printJobs.shopId, shop.id), inArray(printJobs.state, [...ACTIVE_JOB_STATES]))),
          ),
        ),
      )
      .orderBy(asc(orders.createdAt));
    if (named && !waiting.length) throw new AppError('conflict', 'That order is not waiting for pickup here (not printed yet, still printing, or already collected).');
    const matches = waiting.filter((o) => isPickupCodeCorrect(o.id, code));
    for (const match of matches) {
      // A named order locked by wrong codes stays locked for its right code too, until the lock ends.
      const { orderUntil } = await pickupLockout(tx, { shopId: shop.id, orderId: match.id, now });
      if (orderUntil) throw lockedError(orderUntil, timezone, now);
    }
    if (matches.length) return { kind: 'match' as const, matches };
    const failure = await recordPickupFailure(tx, { shopId: shop.id, orderId: named?.id ?? null, actorId: options.ownerId, timezone, now });
    return { kind: 'wrong' as const, failure, timezone, isNamed: !!named };
  });
  if (outcome.kind === 'wrong') {
    const { lockedUntil, orderAttemptsLeft } = outcome.failure;
    if (lockedUntil) throw lockedError(lockedUntil, outcome.timezone, now);
    const left = orderAttemptsLeft ?? null;
    throw new AppError(
      'bad_request',
      outcome.isNamed && left !== null
        ? `That code is not right for this order. ${left} ${left === 1 ? 'try' : 'tries'} left.`
        : 'No order waiting for pickup here has that code. Check it with the customer.',
      { fieldErrors: { code: ['Wrong code'] } },
    );
  }
  const files = await db
    .select({ orderId: orderDocuments.orderId, filename: documents.filename })
    .from(orderDocuments)
    .innerJoin(documents, eq(documents.id, orderDocuments.documentId))
    .where(
      inArray(
        orderDocuments.orderId,
        outcome.matches.map((m) => m.id),
      ),
    )
    .orderBy(asc(orderDocuments.position));
  return outcome.matches.map((o) => ({
    orderId: o.id,
    number: o.number,
    customerFirstName: o.customerName.trim().split(/\s+/)[0] ?? '',
    pages: o.quote.impressions.colorImpressions + o.quote.impressions.monoImpressions,
    copies: o.options.copies,
    files: files.filter((f) => f.orderId === o.id).map((f) => f.filename),
  }));
}
