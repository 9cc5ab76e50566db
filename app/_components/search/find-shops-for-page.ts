import 'server-only';
import { describeJob, describeJobNeeds } from '@/lib/search/describe-job';
import { explainEmptySearch, type TEmptySearchHint } from '@/lib/search/explain-empty-search';
import { formatDistance } from '@/lib/search/format-distance';
import { searchShops } from '@/lib/search/search-shops';
import { SORT_LABELS, type TSearchShopsRequest } from '@/lib/search/search-shops-request';
import type { TSearchPageState } from './read-search-page';
import { draftToQuery } from './search-draft';
import type { TSearchOutcome } from './search-results';
import { toResultView } from './result-view';
import { isId } from '@/lib/errors/ids';

function emptyOutcome(hint: TEmptySearchHint, request: TSearchShopsRequest): TSearchOutcome {
  const needs = describeJobNeeds(request);
  const within = `within ${request.radiusKm} km`;
  switch (hint.kind) {
    case 'closed_now':
      return {
        kind: 'empty',
        title: 'No shop is open right now',
        message: `${hint.count} ${hint.count === 1 ? 'shop' : 'shops'} ${within} can print ${needs}, but ${hint.count === 1 ? 'it is' : 'they are'} closed at the moment.`,
        action: { label: 'Show shops that open later', patch: { openNow: false } },
      };
    case 'widen':
      return {
        kind: 'empty',
        title: `No shop ${within} can print ${needs}`,
        message: `The nearest that can is ${hint.nearestName}, ${formatDistance(hint.nearestDistanceM)} away${request.openNow ? ' (open or not)' : ''}.`,
        action: { label: `Search within ${hint.suggestedRadiusKm} km`, patch: { radiusKm: String(hint.suggestedRadiusKm), openNow: false } },
      };
    case 'none_nearby':
      return {
        kind: 'empty',
        title: `No shop within 50 km can print ${needs}`,
        message: 'Try another paper size, black & white, one-sided printing or no finishing, or search somewhere else.',
        action: null,
      };
  }
}

/** The uploaded documents a search counts pages from, as carried in the URL. */
export function documentIdsOf(value: string): string[] {
  return value
    .split(',')
    .filter((id) => isId(id))
    .slice(0, 20);
}

/**
 * Runs the page's search and turns it into what the results column shows. A failure is
 * logged and shown as a retryable error, never as a crashed page.
 */
export async function findShopsForPage(state: TSearchPageState): Promise<TSearchOutcome> {
  const request = state.request;
  if (!request) return { kind: 'invalid' };
  const now = new Date();
  try {
    const response = await searchShops(request, { now });
    if (response.total === 0) return emptyOutcome(await explainEmptySearch(request, { now }), request);
    const pageHref = (page: number) => {
      const query = draftToQuery(state.draft, { page }).toString();
      return query ? `/?${query}` : '/';
    };
    if (response.results.length === 0) {
      return { kind: 'empty', title: 'No more shops', message: `All ${response.total} shops are on earlier pages.`, action: { label: 'Back to the first page', href: pageHref(1) } };
    }
    const from = (request.page - 1) * request.pageSize + 1;
    const to = from + response.results.length - 1;
    return {
      kind: 'results',
      results: response.results.map((result) => toResultView(result, { at: response.at, job: request, documentIds: documentIdsOf(state.draft.documents) })),
      total: response.total,
      heading: `${response.total} ${response.total === 1 ? 'shop' : 'shops'} within ${request.radiusKm} km can print ${describeJob(request)}`,
      rangeLabel: `${from === to ? `Showing ${from}` : `Showing ${from}–${to}`} of ${response.total}, ${SORT_LABELS[request.sort].toLowerCase()} first`,
      previousHref: request.page > 1 ? pageHref(request.page - 1) : null,
      nextHref: to < response.total ? pageHref(request.page + 1) : null,
    };
  } catch (error) {
    console.error('Search failed', error);
    return { kind: 'error' };
  }
}
