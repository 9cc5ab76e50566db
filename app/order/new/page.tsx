import type { Metadata } from 'next';
import { and, eq, inArray } from 'drizzle-orm';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { db } from '@/db/client';
import { documents, shops } from '@/db/schema';
import { PageHeader } from '@/app/_components/ui';
import { requirePageRole } from '@/app/_lib/session';
import { env } from '@/lib/config/env';
import { documentSummary } from '@/lib/documents/document-summary';
import { jobFromQuery } from '@/lib/orders/job-from-query';
import { NewOrderForm } from './new-order-form';
import { isId } from '@/lib/errors/ids';

export const metadata: Metadata = { title: 'Your order' };

export default async function NewOrderPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams;
  const returnTo = `/order/new?${new URLSearchParams(Object.entries(query).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])))}`;
  const user = await requirePageRole(['customer'], returnTo);
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
  return (
    <div>
      <PageHeader
        title="Your print order"
        description={
          <>
            Add your files, check the pages and the price, then pay.{' '}
            <Link className="text-brand-600 hover:underline" href="/">
              Choose another shop
            </Link>
          </>
        }
      />
      <NewOrderForm
        shop={{ id: shop.id, name: shop.name, address: `${shop.addressLine}, ${shop.city}` }}
        initialJob={jobFromQuery(query)}
        initialDocuments={initialDocuments}
        currency={env().CURRENCY}
      />
    </div>
  );
}
