import type { TSql } from '@/db/client';
import { searchShops } from './search-shops';
import { MAX_RADIUS_KM, RADIUS_CHOICES_KM, type TSearchShopsRequest } from './search-shops-request';

export type TEmptySearchHint =
  /** Shops can do the job, but none is open right now. */
  | { kind: 'closed_now'; count: number }
  /** The nearest shop that can do the job is beyond the radius. */
  | { kind: 'widen'; nearestDistanceM: number; nearestName: string; suggestedRadiusKm: number }
  /** Nothing within the largest radius can do this job. */
  | { kind: 'none_nearby' };

/**
 * Why a search found nothing, and what would find something, so an empty page always comes
 * with a next step. Two small searches with the same query: without "open now", then the
 * nearest capable shop within the largest radius.
 */
export async function explainEmptySearch(request: TSearchShopsRequest, options: { now?: Date; executor?: TSql } = {}): Promise<TEmptySearchHint> {
  if (request.openNow) {
    const anyTime = await searchShops({ ...request, openNow: false, page: 1, pageSize: 1 }, options);
    if (anyTime.total > 0) return { kind: 'closed_now', count: anyTime.total };
  }
  const wider = await searchShops({ ...request, openNow: false, radiusKm: MAX_RADIUS_KM, sort: 'nearest', page: 1, pageSize: 1 }, options);
  const nearest = wider.results[0];
  if (!nearest) return { kind: 'none_nearby' };
  const km = nearest.distanceM / 1000;
  return { kind: 'widen', nearestDistanceM: nearest.distanceM, nearestName: nearest.shop.name, suggestedRadiusKm: RADIUS_CHOICES_KM.find((r) => r >= km) ?? MAX_RADIUS_KM };
}
