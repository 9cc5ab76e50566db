import type { TShopReadiness } from './estimate-shop-ready';
import { formatShopTime } from './format-shop-time';

/**
 * What to tell a customer before they pay, when the shop's hours get in the way: it is closed
 * now (and when it reopens), or it closes before the job can be ready (and when it will be).
 * Null when the job is ready within the opening it starts in.
 */
export function timingWarning(readiness: TShopReadiness, context: { shopName: string; at: Date; timezone: string }): string | null {
  const time = (iso: string | null) => (iso ? formatShopTime(iso, context.at, context.timezone) : null);
  const { openState, ready } = readiness;
  const readyAt = time(ready?.readyAt.toISO() ?? null);
  if (!openState.isOpen) {
    const opens = time(openState.opensAt?.toISO() ?? null);
    if (!opens) return `${context.shopName} is closed and does not open in the next two weeks.`;
    return `${context.shopName} is closed now and opens ${opens}.${readyAt ? ` Your job would be ready about ${readyAt}.` : ''}`;
  }
  if (readiness.isAfterClosing && ready) {
    return `${context.shopName} closes at ${time(ready.workStopsAt.toISO())}, before your job can be ready. It finishes it after it reopens: ready about ${readyAt}.`;
  }
  if (!ready) return `${context.shopName} cannot finish a job this size in the next two weeks.`;
  return null;
}
