import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { orderMoves, shops } from '@/db/schema';
import { isAppError } from '@/lib/errors/app-error';
import { getCustomerOrder } from '@/lib/orders/customer-order';
import { latestJobOf, moveEligibility, type TMoveEligibility } from '@/lib/orders/move-eligibility';
import { loadOrderSnapshot, pageColorsOf } from '@/lib/quote/job-snapshot';
import { customerQuote, type TCustomerQuote } from '@/lib/quote/customer-quote';
import { quoteForShop } from '@/lib/quote/quote-for-shop';
import { searchShops } from '@/lib/search/search-shops';
import { ZSearchShopsRequest } from '@/lib/search/search-shops-request';
import { refundableMinor } from '../refund-order';

/** How far around the shop other shops are offered, km. */
const MOVE_RADIUS_KM = 10;
const MOVE_OPTIONS = 5;

export type TMoveOption = {
  shopId: string;
  shopName: string;
  address: string;
  distanceM: number;
  readyAt: string | null;
  /** The customer's view: no platform fee, no shop earning (the page hands it to the browser). */
  quote: TCustomerQuote;
  totalMinor: number;
  /** What moving costs: above zero is paid now, below zero refunded (minor units). */
  differenceMinor: number;
};

export type TMoveOptions = {
  eligibility: TMoveEligibility;
  currency: string;
  /** What the order still holds: paid minus refunded (minor units). */
  creditMinor: number;
  options: TMoveOption[];
  /** A dearer move waiting for the customer to pay the difference. */
  pendingMove: { id: string; toShopName: string; differenceMinor: number; checkoutUrl: string | null } | null;
};

/**
 * The shops the customer can move the order to, best value first as search ranks them
 * around the current shop, each with a fresh exact quote from its price list for the
 * order's own documents and the difference to what the order still holds. Reads only.
 */
export async function listMoveOptions(options: { orderId: string; customerId: string }): Promise<TMoveOptions> {
  const order = await getCustomerOrder(options);
  const eligibility = moveEligibility(order, await latestJobOf(order.id));
  const creditMinor = Math.max(0, await refundableMinor(order.id));
  const [pending] = await db
    .select({ move: orderMoves, toShopName: shops.name })
    .from(orderMoves)
    .innerJoin(shops, eq(shops.id, orderMoves.toShopId))
    .where(and(eq(orderMoves.orderId, order.id), eq(orderMoves.status, 'pending_payment')));
  const base = {
    eligibility,
    currency: order.currency,
    creditMinor,
    pendingMove: pending ? { id: pending.move.id, toShopName: pending.toShopName, differenceMinor: pending.move.differenceMinor, checkoutUrl: pending.move.checkoutUrl } : null,
  };
  if (!eligibility.canMove) return { ...base, options: [] };
  const [shop] = await db.select().from(shops).where(eq(shops.id, order.shopId));
  // Priced from the order's own snapshot: the move prints what was paid for, at the new shop's prices.
  const pages = (await loadOrderSnapshot(order.id)).map(pageColorsOf);
  const found = await searchShops(
    ZSearchShopsRequest.parse({
      lat: shop.lat,
      lng: shop.lng,
      radiusKm: MOVE_RADIUS_KM,
      ...order.options,
      pageRanges: undefined,
      pageCount: Math.max(1, order.quote.pageCount),
      colorPageCount: Math.min(order.quote.colorPageCount, Math.max(1, order.quote.pageCount)),
      sort: 'best_value',
      pageSize: MOVE_OPTIONS + 1,
    }),
  );
  const moveOptions: TMoveOption[] = [];
  for (const result of found.results.filter((r) => r.shop.id !== order.shopId).slice(0, MOVE_OPTIONS)) {
    try {
      const { quote } = await quoteForShop({ shopId: result.shop.id, job: order.options, documents: pages });
      moveOptions.push({
        shopId: result.shop.id,
        shopName: result.shop.name,
        address: `${result.shop.addressLine}, ${result.shop.city}`,
        distanceM: result.distanceM,
        readyAt: result.ready.readyAt,
        quote: customerQuote(quote),
        totalMinor: quote.totalMinor,
        differenceMinor: quote.totalMinor - creditMinor,
      });
    } catch (error) {
      if (!isAppError(error)) throw error;
    }
  }
  return { ...base, options: moveOptions };
}
