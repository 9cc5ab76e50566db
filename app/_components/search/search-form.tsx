'use client';

import { useEffect, type ReactNode } from 'react';
import { FiltersPanel } from './filters-panel';
import { JobPanel, type TPagesFromFiles } from './job-panel';
import { LocationPicker } from './location-picker';
import type { TSearchLocation } from './read-search-page';
import { useSearchState } from './search-state';

/**
 * The left-hand column: where, what, filters. Every change searches (typed numbers after a
 * pause). The documents uploader plugs in through `documents` and `pagesFromFiles`; when files
 * give page counts, they replace the typed ones in the search.
 */
export function SearchForm({
  location,
  fieldErrors,
  documents,
  pagesFromFiles,
}: {
  location: TSearchLocation;
  fieldErrors: Record<string, string[]>;
  documents?: ReactNode;
  pagesFromFiles?: TPagesFromFiles | null;
}) {
  const { draft, update } = useSearchState();

  useEffect(() => {
    if (pagesFromFiles) update({ pageCount: String(pagesFromFiles.pageCount), colorPageCount: String(pagesFromFiles.colorPageCount) });
  }, [pagesFromFiles, update]);

  return (
    <form aria-label="Search for print shops" className="space-y-6 rounded-xl border border-slate-200 bg-white p-5 shadow-sm" onSubmit={(e) => e.preventDefault()} data-testid="search-form">
      <LocationPicker location={location} errors={fieldErrors} />
      <hr className="border-slate-100" />
      <JobPanel job={draft} onChange={update} errors={fieldErrors} pagesFromFiles={pagesFromFiles} documents={documents} />
      <hr className="border-slate-100" />
      <FiltersPanel errors={fieldErrors} />
    </form>
  );
}
