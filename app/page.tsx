import { getCurrentUser } from '@/app/_lib/session';
import { and, eq, inArray } from 'drizzle-orm';
import { db } from '@/db/client';
import { documents } from '@/db/schema';
import { documentIdsOf, findShopsForPage } from '@/app/_components/search/find-shops-for-page';
import { nameSearchLocation, readSearchPage } from '@/app/_components/search/read-search-page';
import { draftToQuery } from '@/app/_components/search/search-draft';
import { SearchFormWithDocuments } from '@/app/_components/search/search-form-with-documents';
import { SearchResults } from '@/app/_components/search/search-results';
import { SearchStateProvider } from '@/app/_components/search/search-state';
import { env, mapStyleUrl } from '@/lib/config/env';
import { acceptedUploadTypes } from '@/lib/documents/accepted-upload-types';
import { documentSummary } from '@/lib/documents/document-summary';
import { officeAvailability } from '@/lib/documents/office-availability';
import { formatMoney } from '@/lib/money/money';
import { BEST_VALUE_MAX_WAIT_HOURS, BEST_VALUE_MINOR_PER_HOUR, BEST_VALUE_MINOR_PER_KM } from '@/lib/search/search-shops';
import { countOf } from '@/lib/text/count-of';

/**
 * The customer's first screen: where, what, filters on the left; the shops that can do the
 * job, ranked, with a map beside them. Everything lives in the URL, so a search can be shared
 * and Back undoes the last change.
 */
export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [user, query] = await Promise.all([getCurrentUser(), searchParams]);
  const read = readSearchPage(query);
  const state = { ...read, location: await nameSearchLocation(read.location) };
  const outcome = await findShopsForPage(state);
  const perKm = formatMoney(BEST_VALUE_MINOR_PER_KM, env().CURRENCY);
  const perHour = formatMoney(BEST_VALUE_MINOR_PER_HOUR, env().CURRENCY);
  const isCustomer = user?.role === 'customer';
  // A guest (anonymous session, lib/orders/guest-checkout.ts) is greeted like any visitor.
  const isAccount = !!user && !user.isAnonymous;
  const firstName = isAccount ? user.name.split(' ')[0] : '';
  const documentIds = documentIdsOf(state.draft.documents);
  const chosen =
    isCustomer && documentIds.length
      ? await db
          .select()
          .from(documents)
          .where(and(inArray(documents.id, documentIds), eq(documents.ownerId, user.id)))
      : [];
  const initialDocuments = await Promise.all(chosen.filter((d) => !d.filesDeletedAt).map(documentSummary));
  const uploadTypes = acceptedUploadTypes((await officeAvailability()).isAvailable);
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight" data-testid="customer-home">
          {firstName ? `Hi ${firstName}, what are we printing today?` : isAccount ? 'What are we printing today?' : 'Print nearby, priced for your job'}
        </h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Compare print shops by the exact price of your job, how far they are and when it will be ready, then pay online and collect.
          {isAccount ? null : <> No account needed: you order with just your email address.</>}
        </p>
      </div>
      <SearchStateProvider initialDraft={state.draft} urlKey={draftToQuery(state.draft).toString()}>
        <div className="grid grid-cols-[minmax(0,1fr)] items-start gap-6 lg:grid-cols-[20rem_minmax(0,1fr)]">
          <div className="min-w-0">
            <SearchFormWithDocuments location={state.location} fieldErrors={state.fieldErrors} initialDocuments={initialDocuments} uploadTypes={uploadTypes} isSignedInCustomer={isCustomer} />
            {/* On a phone the results come after the whole form: this stays at the bottom of the screen while the form is in view, and scrolls away with it. */}
            {outcome.kind === 'results' ? (
              <a href="#results" className="sticky bottom-3 z-20 mt-4 block rounded-md bg-brand-600 px-4 py-3 text-center text-sm font-medium text-white shadow-lg lg:hidden" data-testid="see-results">
                See {countOf(outcome.total, 'shop')} ↓
              </a>
            ) : null}
          </div>
          <SearchResults
            outcome={outcome}
            location={state.location}
            mapStyleUrl={mapStyleUrl()}
            bestValueNote={`Best value = the price of your job + ${perKm} for every km away + ${perHour} for every hour until it is ready (at most ${BEST_VALUE_MAX_WAIT_HOURS} hours).`}
          />
        </div>
      </SearchStateProvider>
    </div>
  );
}
