'use client';

import Link from 'next/link';
import { useCallback, useState } from 'react';
import { Alert, buttonClass, EmptyState } from '@/app/_components/ui';
import { SEARCH_SORTS, SORT_LABELS } from '@/lib/search/search-shops-request';
import type { TSearchLocation } from './read-search-page';
import { ResultCard } from './result-card';
import type { TResultView } from './result-view';
import { ResultsMap } from './results-map';
import type { TSearchDraft } from './search-draft';
import { useSearchState } from './search-state';

/** What the page found, ready to show. Empty results carry the next step as a change to the search. */
export type TSearchOutcome =
  | { kind: 'results'; results: TResultView[]; total: number; heading: string; rangeLabel: string; previousHref: string | null; nextHref: string | null }
  | { kind: 'empty'; title: string; message: string; action: { label: string; patch: Partial<TSearchDraft> } | { label: string; href: string } | null }
  | { kind: 'invalid' }
  | { kind: 'error' };

/** The results column: heading and sort, then the list and the map side by side. */
export function SearchResults({ outcome, location, mapStyleUrl, bestValueNote }: { outcome: TSearchOutcome; location: TSearchLocation; mapStyleUrl: string | null; bestValueNote: string }) {
  const { draft, update, isPending, isCurrent } = useSearchState();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const results = outcome.kind === 'results' ? outcome.results : [];
  const select = useCallback((id: string) => {
    setSelectedId(id);
    document.getElementById(`result-${id}`)?.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
  }, []);
  const pickPoint = useCallback((p: { lat: number; lng: number }) => update({ lat: p.lat.toFixed(5), lng: p.lng.toFixed(5), place: '', shop: '' }), [update]);
  // A shop picked by name in the place search stays pointed out until another is hovered or clicked.
  const highlightedId = selectedId ?? (draft.shop || null);

  return (
    <div id="results" className="min-w-0 scroll-mt-4 space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div aria-live="polite">
          <h2 className="text-lg font-semibold" data-testid="results-heading">
            {outcome.kind === 'results' ? outcome.heading : outcome.kind === 'empty' ? outcome.title : 'Shops near you'}
          </h2>
          {isPending ? (
            <p role="status" className="text-sm text-brand-700" data-testid="results-updating">
              Updating results…
            </p>
          ) : outcome.kind === 'results' ? (
            <p className="text-sm text-slate-600">{outcome.rangeLabel}</p>
          ) : null}
        </div>
        <label className="flex items-center gap-2 text-sm">
          <span className="font-medium">Sort by</span>
          <select name="sort" value={draft.sort} onChange={(e) => update({ sort: e.target.value })} title={bestValueNote}>
            {SEARCH_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {SORT_LABELS[sort]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {draft.sort === 'best_value' ? <p className="-mt-2 text-xs text-slate-500">{bestValueNote}</p> : null}

      <div className="grid grid-cols-[minmax(0,1fr)] gap-4 xl:grid-cols-[minmax(0,1fr)_minmax(0,26rem)]">
        <div className={`order-2 space-y-3 transition-opacity xl:order-1 ${isPending ? 'opacity-60' : ''}`} aria-busy={isPending} data-testid="results-list">
          {outcome.kind === 'results'
            ? results.map((result) => <ResultCard key={result.id} result={result} isSelected={result.id === highlightedId} isCurrent={isCurrent} onHover={setSelectedId} />)
            : null}
          {outcome.kind === 'empty' ? (
            <EmptyState title={outcome.message}>
              {outcome.action && 'patch' in outcome.action ? (
                <button type="button" onClick={() => 'patch' in outcome.action! && update(outcome.action.patch)} className={buttonClass('primary', 'mt-3')}>
                  {outcome.action.label}
                </button>
              ) : null}
              {outcome.action && 'href' in outcome.action ? (
                <Link href={outcome.action.href} className={buttonClass('primary', 'mt-3')}>
                  {outcome.action.label}
                </Link>
              ) : null}
            </EmptyState>
          ) : null}
          {outcome.kind === 'invalid' ? <Alert tone="warn">Some of the search is not right yet. Check the fields marked in red on the left.</Alert> : null}
          {outcome.kind === 'error' ? (
            <Alert>
              We could not load shops just now. Please try again in a moment.{' '}
              <Link href="/" className="font-medium underline">
                Start a new search
              </Link>
            </Alert>
          ) : null}
          {outcome.kind === 'results' && (outcome.previousHref || outcome.nextHref) ? (
            <nav aria-label="More results" className="flex justify-between pt-2 text-sm">
              {outcome.previousHref ? (
                <Link href={outcome.previousHref} scroll={false} className="font-medium text-brand-600 hover:underline">
                  ← Previous
                </Link>
              ) : (
                <span />
              )}
              {outcome.nextHref ? (
                <Link href={outcome.nextHref} scroll={false} className="font-medium text-brand-600 hover:underline">
                  Next →
                </Link>
              ) : null}
            </nav>
          ) : null}
        </div>
        <div className="order-1 xl:order-2">
          <div className="xl:sticky xl:top-4" data-testid="results-map">
            <ResultsMap styleUrl={mapStyleUrl} location={location} results={results} selectedId={highlightedId} onSelect={select} onPickPoint={pickPoint} />
          </div>
        </div>
      </div>
    </div>
  );
}
