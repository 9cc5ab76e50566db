import { formatDistance } from './format-distance';
import { formatShopTime } from './format-shop-time';
import { formatMoney } from '@/lib/money/money';
import type { TSearchSort } from './search-shops-request';

export type TRankExplanation = {
  /** 1-based place in the whole result list for this sort. */
  position: number;
  sort: TSearchSort;
  /** Best-value score: total + distance cost, minor units. Lower ranks higher. */
  scoreMinor: number;
  /** What the distance adds to the score, minor units. */
  distanceCostMinor: number;
  /** What waiting until the job is ready adds to the score, minor units. */
  waitCostMinor: number;
  /** One sentence a customer can read: why this shop is where it is. */
  summary: string;
};

/** Why a result sits where it does, in the terms of the chosen sort. */
export function explainRank(input: {
  sort: TSearchSort;
  position: number;
  totalMinor: number;
  distanceM: number;
  distanceCostMinor: number;
  waitCostMinor: number;
  scoreMinor: number;
  readyAt: string | null;
  at: string;
  timezone: string;
  currency: string;
  minorPerKm: number;
  minorPerHour: number;
}): TRankExplanation {
  const money = (minor: number) => formatMoney(minor, input.currency);
  const distance = formatDistance(input.distanceM);
  const summary = (() => {
    switch (input.sort) {
      case 'best_value':
        return (
          `${money(input.totalMinor)} for your job + ${money(input.distanceCostMinor)} for ${distance} (${money(input.minorPerKm)} per km) + ${money(input.waitCostMinor)} for ` +
          (input.readyAt ? `waiting until ${formatShopTime(input.readyAt, input.at, input.timezone)} (${money(input.minorPerHour)} per hour)` : 'having no ready time in the next two weeks') +
          ` = ${money(input.scoreMinor)}`
        );
      case 'nearest':
        return `${distance} away, ${money(input.totalMinor)} for your job`;
      case 'cheapest':
        return `${money(input.totalMinor)} for your job, ${distance} away`;
      case 'soonest':
        return input.readyAt ? `Ready about ${formatShopTime(input.readyAt, input.at, input.timezone)}, ${money(input.totalMinor)} for your job` : 'No opening in the next two weeks, so no ready time';
    }
  })();
  return { position: input.position, sort: input.sort, scoreMinor: input.scoreMinor, distanceCostMinor: input.distanceCostMinor, waitCostMinor: input.waitCostMinor, summary };
}
