import type { TShopStatus } from '@/db/schema';
import { ReviewShopForm } from './review-shop-form';
import { ShopStatusForm } from './shop-status-form';

/**
 * What an admin can decide about a shop now: nothing while its owner has not submitted it,
 * approve / request changes / reject once submitted, suspend or reinstate after that.
 */
export function ShopDecision({ shop, openOrders }: { shop: { id: string; status: TShopStatus; submittedForReviewAt: Date | null }; openOrders: number }) {
  if (shop.status === 'pending_review' && !shop.submittedForReviewAt) {
    return (
      <p className="text-sm text-slate-600" data-testid="not-submitted">
        The owner has not submitted this shop for review yet.
      </p>
    );
  }
  if (shop.status === 'pending_review') return <ReviewShopForm shopId={shop.id} />;
  return <ShopStatusForm shopId={shop.id} status={shop.status} openOrders={openOrders} />;
}
