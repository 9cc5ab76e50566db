import { invalidRequest } from '../http/api-error';
import type { TList } from './stripe-objects';

export type TPageParams = { limit?: number; starting_after?: string; ending_before?: string };

/**
 * Cuts one page out of a newest-first list the way Stripe paginates: `limit` (default 10,
 * at most 100) objects after the `starting_after` cursor or before the `ending_before`
 * one, with `has_more` telling whether another page exists in that direction.
 */
export function paginateList<TItem extends { id: string }>(items: TItem[], params: TPageParams, url: string): TList<TItem> {
  const limit = params.limit ?? 10;
  if (params.starting_after && params.ending_before) {
    throw invalidRequest('You may only specify one of these parameters: ending_before, starting_after.', { param: 'ending_before' });
  }
  if (params.ending_before) {
    const end = indexOf(items, params.ending_before, 'ending_before');
    const start = Math.max(0, end - limit);
    return { object: 'list', data: items.slice(start, end), has_more: start > 0, url };
  }
  const start = params.starting_after ? indexOf(items, params.starting_after, 'starting_after') + 1 : 0;
  return { object: 'list', data: items.slice(start, start + limit), has_more: start + limit < items.length, url };
}

function indexOf(items: { id: string }[], id: string, param: string): number {
  const index = items.findIndex((item) => item.id === id);
  if (index === -1) throw invalidRequest(`No such object: '${id}'`, { code: 'resource_missing', param });
  return index;
}
