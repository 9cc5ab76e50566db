import type { TEvent } from '@/db/schema';

/** Event details a customer may see about their own order: what happened, amounts they paid or get back, reasons. */
const CUSTOMER_DATA_KEYS = new Set(['number', 'totalMinor', 'amountMinor', 'refundedTotalMinor', 'shortfallRefundMinor', 'reason', 'state', 'status', 'filename', 'pageCount', 'colorPageCount']);

export type TCustomerEvent = { id: number; type: string; orderId: string | null; createdAt: Date; data: Record<string, unknown> };

/**
 * An order's event as its customer's live stream carries it: no actor (a user id, or which
 * admin), no shop, printer or job ids, and of its details only the ones listed above, so no
 * platform fee or shop earning ever reaches a customer.
 */
export function customerEventView(event: TEvent): TCustomerEvent {
  const data = Object.fromEntries(Object.entries(event.data).filter(([key]) => CUSTOMER_DATA_KEYS.has(key)));
  return { id: event.id, type: event.type, orderId: event.orderId, createdAt: event.createdAt, data };
}
