import Link from 'next/link';
import type { ReactNode } from 'react';
import { ShopStatusBadge } from '@/app/shop/_components/shop-status-badge';
import { getShopForPage } from '@/app/shop/_lib/get-shop-for-page';
import { listShopReviews } from '@/lib/shops/shop-reviews';
import { ShopTabs } from './shop-tabs';

export default async function ShopLayout({ children, params }: { children: ReactNode; params: Promise<{ shopId: string }> }) {
  const { shopId } = await params;
  const { shop } = await getShopForPage(shopId);
  const [latestReview] = await listShopReviews(shop.id);
  return (
    <div>
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <Link href="/shop" className="text-sm text-slate-500 hover:underline">
          My shops
        </Link>
        <span className="text-slate-400">/</span>
        <h1 className="text-xl font-semibold">{shop.name}</h1>
        <ShopStatusBadge status={shop.status} isSubmitted={!!shop.submittedForReviewAt} lastDecision={latestReview?.decision} />
      </div>
      {shop.status === 'suspended' ? (
        <div role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          An admin suspended this shop, so customers cannot find it. Reason: {shop.statusReason || 'not given'}.
        </div>
      ) : null}
      <ShopTabs shopId={shop.id} />
      {children}
    </div>
  );
}
