'use client';

import { useCallback, useMemo, useState } from 'react';
import { DocumentsPanel, type TDocumentsChange } from '@/app/_components/documents/documents-panel';
import type { TAcceptedUploadTypes } from '@/lib/documents/accepted-upload-types';
import type { TDocumentSummary } from '@/lib/documents/document-summary';
import type { TPagesFromFiles } from './job-panel';
import type { TSearchLocation } from './read-search-page';
import { SearchForm } from './search-form';
import { useSearchState } from './search-state';

/**
 * The search form with the customer's files: once files are checked, their page counts and
 * colour pages (after any page forced to black & white) drive the search instead of typed
 * counts, and "Choose this shop" carries them to the order. Visitors without a session type
 * counts, or start a guest session to upload.
 */
export function SearchFormWithDocuments({
  location,
  fieldErrors,
  initialDocuments,
  uploadTypes,
  isSignedInCustomer,
}: {
  location: TSearchLocation;
  fieldErrors: Record<string, string[]>;
  initialDocuments: TDocumentSummary[];
  uploadTypes: TAcceptedUploadTypes;
  isSignedInCustomer: boolean;
}) {
  const { draft, update } = useSearchState();
  const [ready, setReady] = useState<TDocumentSummary[]>(() => initialDocuments.filter((d) => d.status === 'ready'));

  const onChange = useCallback(
    (change: TDocumentsChange) => {
      const documents = change.documents.filter((d) => d.status === 'ready');
      setReady(documents);
      const ids = documents.map((d) => d.id).join(',');
      if (ids !== draft.documents) update({ documents: ids });
    },
    [draft.documents, update],
  );

  const pagesFromFiles = useMemo<TPagesFromFiles | null>(() => {
    if (!ready.length) return null;
    const pages = ready.flatMap((d) => d.pages);
    const colorPageCount = pages.filter((p) => p.isColor && !p.isForcedMono).length;
    return { pageCount: pages.length, colorPageCount, label: ready.length === 1 ? ready[0].filename : `${ready.length} files` };
  }, [ready]);

  const documents = isSignedInCustomer ? (
    <DocumentsPanel initial={initialDocuments} uploadTypes={uploadTypes} onChange={onChange} />
  ) : (
    <p className="rounded-lg border border-dashed border-slate-300 px-3 py-2 text-sm text-slate-600">
      <a
        href="/api/guest-session?next=%2F"
        rel="nofollow"
        className="font-medium text-brand-600 hover:underline"
        data-testid="guest-upload-link"
        // Back to this very search (place and job) once the guest session exists.
        onClick={(event) => (event.currentTarget.href = `/api/guest-session?next=${encodeURIComponent(window.location.pathname + window.location.search)}`)}
      >
        Upload your files
      </a>{' '}
      (no account needed) and prices count your real pages and colour. Or type the page count below.
    </p>
  );
  return <SearchForm location={location} fieldErrors={fieldErrors} documents={documents} pagesFromFiles={pagesFromFiles} />;
}
