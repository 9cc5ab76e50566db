import { DateTime } from 'luxon';

/**
 * An instant as the shop's wall clock, relative to now in the shop's zone: "14:35" today,
 * "tomorrow 09:00", "Mon 09:00" within the week, "Mon 3 Mar, 09:00" beyond. `iso` carries
 * the shop's offset (search results do), so the time shown is the shop's, not the browser's.
 */
export function formatShopTime(iso: string, now: Date | string, zone: string): string {
  const at = DateTime.fromISO(iso, { zone });
  const today = (typeof now === 'string' ? DateTime.fromISO(now) : DateTime.fromJSDate(now)).setZone(zone).startOf('day');
  const days = Math.round(at.startOf('day').diff(today, 'days').days);
  const clock = at.toFormat('HH:mm');
  if (days === 0) return clock;
  if (days === 1) return `tomorrow ${clock}`;
  if (days > 1 && days < 7) return `${at.toFormat('ccc')} ${clock}`;
  return at.toFormat('ccc d LLL, HH:mm');
}
