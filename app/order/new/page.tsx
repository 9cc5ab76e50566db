import type { Metadata } from 'next';
import { and, eq, inArray } from 'drizzle-orm';
import Link from 'next/link';
import { forbidden, notFound, redirect } from 'next/navigation';
import { db } from '@/db/client';
import { documents, shops } from '@/db/schema';
import { PageHeader } from '@/app/_components/ui';
import { getCurrentUser } from '@/app/_lib/session';
import { hasRole } from '@/lib/auth/roles';
import { env } from '@/lib/config/env';
import { acceptedUploadTypes } from '@/lib/documents/accepted-upload-types';
import { documentSummary } from '@/lib/documents/document-summary';
import { officeAvailability } from '@/lib/documents/office-availability';
import { jobFromQuery } from '@/lib/orders/job-from-query';
import { impressionsFromCounts } from '@/lib/quote/impressions';
import { estimateShopReady } from '@/lib/search/estimate-shop-ready';
import { timingWarning } from '@/lib/search/timing-warning';
import { getOpeningSchedule } from '@/lib/shops/shop-hours';
import { NewOrderForm } from './new-order-form';
import { isId } from '@/lib/errors/ids';

export const metadata: Metadata = { title: 'Your order' };

export default async function NewOrderPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams;
  const returnTo = `/order/new?${new URLSearchParams(Object.entries(query).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])))}`;
  // Not signed in: a guest session first (it comes straight back here), so they can upload and pay with only an email.
  const user = (await getCurrentUser()) ?? redirect(`/api/guest-session?next=${encodeURIComponent(returnTo)}`);
  if (!hasRole(user, ['customer'])) forbidden();
  const shopId = typeof query.shopId === 'string' && isId(query.shopId) ? query.shopId : null;
  if (!shopId) notFound();
  const [shop] = await db
    .select()
    .from(shops)
    .where(and(eq(shops.id, shopId), eq(shops.status, 'active')));
  if (!shop) notFound();
  const documentIds =
    typeof query.documents === 'string'
      ? query.documents
          .split(',')
          .filter((id) => isId(id))
          .slice(0, 20)
      : [];
  const chosen = documentIds.length
    ? await db
        .select()
        .from(documents)
        .where(and(inArray(documents.id, documentIds), eq(documents.ownerId, user.id)))
    : [];
  const initialDocuments = await Promise.all(chosen.filter((d) => !d.filesDeletedAt).map(documentSummary));
  const job = jobFromQuery(query);
  const warning = await hoursWarning(shop, job, initialDocuments.length ? initialDocuments.flatMap((d) => d.pages) : null, query);
  return (
    <div>
      <PageHeader
        title="Your print order"
        description={
          <>
            Add your files, check the pages and the price, then pay.{' '}
            <Link className="text-brand-600 underline hover:no-underline" href="/">
              Choose another shop
            </Link>
          </>
        }
      />
      <NewOrderForm
        shop={{ id: shop.id, name: shop.name, address: `${shop.addressLine}, ${shop.city}`, href: `/shops/${shop.id}` }}
        initialJob={job}
        hoursWarning={warning}
        initialDocuments={initialDocuments}
        uploadTypes={acceptedUploadTypes((await officeAvailability()).isAvailable)}
        currency={env().CURRENCY}
        isGuest={!!user.isAnonymous}
      />
    </div>
  );
}

/**
 * Before paying: is the shop closed now, or will it close before this job is ready? Counted
 * from the files' pages when there are files, else from the page counts the search link carries.
 */
async function hoursWarning(
  shop: { id: string; name: string; timezone: string; capPagesPerMinute: number },
  job: ReturnType<typeof jobFromQuery>,
  pages: { isColor: boolean; isForcedMono: boolean }[] | null,
  query: Record<string, string | string[] | undefined>,
): Promise<string | null> {
  const count = (key: string) => {
    const value = Number(typeof query[key] === 'string' ? query[key] : NaN);
    return Number.isInteger(value) && value >= 0 && value <= 5000 ? value : 0;
  };
  const pageCount = pages ? pages.length : Math.max(1, count('pageCount'));
  const colorPageCount = pages ? pages.filter((p) => p.isColor && !p.isForcedMono).length : Math.min(count('colorPageCount'), pageCount);
  const impressions = impressionsFromCounts({ pageCount, colorPageCount }, job);
  const schedule = await getOpeningSchedule(shop.id, shop.timezone);
  const now = new Date();
  const readiness = await estimateShopReady({
    shopId: shop.id,
    schedule,
    pagesPerMinute: shop.capPagesPerMinute,
    jobImpressions: (impressions.monoImpressions + impressions.colorImpressions) * job.copies,
    now,
  });
  return timingWarning(readiness, { shopName: shop.name, at: now, timezone: shop.timezone });
}
