import { rawSql } from '@/db/client';
import { openStateAt, readyAfterWork, type TOpeningSchedule, type TOpenState, type TReadyEstimate } from '@/lib/shops/opening-hours';
import { HANDLING_MINUTES } from './search-shops';

export type TShopReadiness = { openState: TOpenState; ready: TReadyEstimate | null; isAfterClosing: boolean };

/**
 * When one job would be ready at one shop, the way search estimates it (np_shop_ready_at):
 * the shop's backlog plus the job at its live printers' speed, plus handling, worked only
 * while the shop is open. For the order page's warnings before paying.
 */
export async function estimateShopReady(input: { shopId: string; schedule: TOpeningSchedule; pagesPerMinute: number; jobImpressions: number; now?: Date }): Promise<TShopReadiness> {
  const now = input.now ?? new Date();
  const [{ backlog }] = await rawSql()<{ backlog: number }[]>`SELECT np_shop_backlog_impressions(${input.shopId}::uuid) AS backlog`;
  const openState = openStateAt(input.schedule, now);
  if (input.pagesPerMinute <= 0) return { openState, ready: null, isAfterClosing: false };
  const minutes = Math.ceil((backlog + input.jobImpressions) / input.pagesPerMinute) + HANDLING_MINUTES;
  const ready = readyAfterWork(input.schedule, now, minutes);
  return { openState, ready, isAfterClosing: !!ready && ready.readyAt > ready.workStopsAt };
}
