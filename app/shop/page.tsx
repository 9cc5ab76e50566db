import Link from 'next/link';
import { asc, eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { shops } from '@/db/schema';
import { Card, EmptyState, LinkButton, PageHeader } from '@/app/_components/ui';
import { requirePageRole } from '@/app/_lib/session';
import { ShopStatusBadge } from './_components/shop-status-badge';

export default async function MyShopsPage() {
  const user = await requirePageRole(['shop_owner'], '/shop');
  const mine = await db
    .select({
      id: shops.id,
      name: shops.name,
      status: shops.status,
      statusReason: shops.statusReason,
      submittedForReviewAt: shops.submittedForReviewAt,
      addressLine: shops.addressLine,
      city: shops.city,
      printerCount: sql<number>`(select count(*)::int from printers p where p.shop_id = shops.id)`,
      readyCount: sql<number>`(select count(*)::int from printers p where p.shop_id = shops.id and p.is_enabled and p.is_online)`,
    })
    .from(shops)
    .where(eq(shops.ownerId, user.id))
    .orderBy(asc(shops.createdAt));
  return (
    <div data-testid="shop-home">
      <PageHeader title="My shops" description="Your print shops on Nearprint." actions={<LinkButton href="/shop/new">List a new shop</LinkButton>} />
      {mine.length === 0 ? (
        <EmptyState title="You have not listed a shop yet">
          <Link className="font-medium text-brand-600 hover:underline" href="/shop/new">
            List your print shop
          </Link>{' '}
          to start taking print jobs from customers nearby.
        </EmptyState>
      ) : (
        <div className="grid gap-4 md:grid-cols-2">
          {mine.map((shop) => (
            <Card key={shop.id} data-testid="my-shop">
              <div className="flex items-start justify-between gap-2">
                <div>
                  <Link href={`/shop/${shop.id}`} className="text-lg font-semibold hover:underline">
                    {shop.name}
                  </Link>
                  <p className="text-sm text-slate-600">
                    {shop.addressLine}, {shop.city}
                  </p>
                </div>
                <ShopStatusBadge status={shop.status} isSubmitted={!!shop.submittedForReviewAt} />
              </div>
              <p className="mt-3 text-sm text-slate-700">
                {shop.readyCount} of {shop.printerCount} printers ready
              </p>
              {shop.status === 'suspended' && shop.statusReason ? <p className="mt-2 text-sm text-red-700">Suspended: {shop.statusReason}</p> : null}
            </Card>
          ))}
        </div>
      )}
    </div>
  );
}
