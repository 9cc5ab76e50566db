import { DateTime } from 'luxon';
import { formatClock } from '@/lib/shops/opening-hours';
import { formatDistance } from '@/lib/search/format-distance';
import { formatShopTime } from '@/lib/search/format-shop-time';
import { formatMoney } from '@/lib/money/money';
import type { TShopSearchResult } from '@/lib/search/search-shops';
import { orderLinkFor, SORT_LABELS, type TSearchJob } from '@/lib/search/search-shops-request';
import { MEDIA } from '@/lib/job-options/media';

/**
 * One result as the page shows it, with every time already written in the shop's own zone
 * (on the server, so the browser's clock and zone cannot change what a shop's hours say).
 */
export type TResultView = {
  id: string;
  position: number;
  name: string;
  address: string;
  lat: number;
  lng: number;
  distanceLabel: string;
  totalLabel: string;
  lines: { label: string; amountLabel: string }[];
  isOpen: boolean;
  openLabel: string;
  todayLabel: string;
  readyLabel: string;
  /** Set when the estimate runs past closing time. */
  readyWarning: string | null;
  queueLabel: string;
  badges: string[];
  rankLabel: string;
  rankSummary: string;
  orderHref: string;
};

/**
 * Said plainly when the job will not be ready before the shop closes: readyAt already is the
 * time after it reopens, so this says why it is late.
 */
function readyWarning(result: TShopSearchResult, at: string): string | null {
  const { hours, ready } = result;
  const zone = result.shop.timezone;
  if (ready.isAfterClosing && ready.workStopsAt) {
    return `Cannot be ready before it closes at ${formatShopTime(ready.workStopsAt, at, zone)}: it finishes your job after it reopens.`;
  }
  if (!hours.isOpen && ready.readyAt && DateTime.fromISO(ready.readyAt, { zone }).toISODate() !== hours.today.date) return 'Closed now: cannot be ready today.';
  return null;
}

const FINISHING_BADGES = { staple: 'Stapling', punch: 'Hole punching', bind: 'Binding' } as const;

export function toResultView(result: TShopSearchResult, context: { at: string; job: TSearchJob; documentIds?: string[] }): TResultView {
  const money = (minor: number) => formatMoney(minor, result.price.currency);
  const zone = result.shop.timezone;
  const time = (iso: string) => formatShopTime(iso, context.at, zone);
  const { hours, ready, capabilities } = result;
  const openLabel = hours.isOpen && hours.closesAt ? `Open until ${time(hours.closesAt)}` : hours.opensAt ? `Closed · opens ${time(hours.opensAt)}` : 'Closed · no opening in the next two weeks';
  const todayIntervals = hours.today.intervals.map((i) => `${formatClock(i.opensMinute)}–${formatClock(i.closesMinute)}`).join(', ');
  const note = hours.today.note ? ` (${hours.today.note})` : '';
  // Open on last night's hours with none of its own today: say when it closes, not a bare "Closed today".
  const closedToday = hours.isOpen && hours.closesAt ? `Closed today after ${time(hours.closesAt)}` : 'Closed today';
  const todayLabel = todayIntervals ? `Today ${todayIntervals}${note}` : `${closedToday}${note}`;
  return {
    id: result.shop.id,
    position: result.rank.position,
    name: result.shop.name,
    address: [result.shop.addressLine, result.shop.city].filter(Boolean).join(', '),
    lat: result.shop.lat,
    lng: result.shop.lng,
    distanceLabel: formatDistance(result.distanceM),
    totalLabel: money(result.price.totalMinor),
    lines: result.price.lines.map((line) => ({ label: line.label, amountLabel: money(line.amountMinor) })),
    isOpen: hours.isOpen,
    openLabel,
    todayLabel,
    readyLabel: ready.readyAt ? `Ready about ${time(ready.readyAt)}` : 'No ready time: not open long enough in the next two weeks',
    readyWarning: readyWarning(result, context.at),
    queueLabel: ready.backlogImpressions > 0 ? `${ready.backlogImpressions} pages queued ahead of you` : 'No queue',
    badges: [
      capabilities.color ? 'Colour' : 'Black & white only',
      ...(capabilities.duplex ? ['Two-sided'] : []),
      ...capabilities.media.map((m) => MEDIA[m].label),
      ...capabilities.finishings.map((f) => FINISHING_BADGES[f]),
      `${capabilities.pagesPerMinute} pages/min`,
    ],
    rankLabel: `#${result.rank.position} ${SORT_LABELS[result.rank.sort].toLowerCase()}`,
    rankSummary: result.rank.summary,
    orderHref: orderLinkFor(result.shop.id, context.job, context.documentIds),
  };
}
