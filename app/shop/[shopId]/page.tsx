import Link from 'next/link';
import { Alert, Card } from '@/app/_components/ui';
import { missingPricesForShop } from '@/lib/shops/missing-prices';
import { shopReadiness } from '@/lib/shops/shop-readiness';
import { listShopReviews } from '@/lib/shops/shop-reviews';
import { MissingPricesList } from '@/app/shop/_components/missing-prices-list';
import { getShopForPage } from '@/app/shop/_lib/get-shop-for-page';
import { SubmitForReviewForm } from './submit-for-review-form';
import { LiveRefresh } from '@/app/_components/live-refresh';
import { ShopAlertList } from '@/app/shop/_components/shop-alert-list';
import { listShopAlerts } from '@/lib/alerts/shop-alerts';
import { liveStreamStart } from '@/lib/events/read-events';

const STEP_LINK = { profile: 'profile', hours: 'hours', prices: 'prices', printers: 'printers' } as const;

export default async function ShopOverviewPage({ params }: { params: Promise<{ shopId: string }> }) {
  const { shop, user } = await getShopForPage((await params).shopId);
  const streamFrom = await liveStreamStart();
  const [steps, missing, reviews, openAlerts] = await Promise.all([
    shopReadiness(shop),
    missingPricesForShop(shop.id),
    listShopReviews(shop.id),
    listShopAlerts({ shopId: shop.id, ownerId: user.id, scope: 'open' }),
  ]);
  const latest = reviews[0];
  const isWithOwner = shop.status === 'pending_review' && !shop.submittedForReviewAt;
  const isRejected = isWithOwner && latest?.decision === 'rejected';
  const isDraft = isWithOwner && !isRejected;
  const hasPrinter = steps.some((s) => s.key === 'printers' && s.detail !== 'No printers connected');
  const remaining = steps.filter((s) => !s.isDone).length;
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card className="lg:col-span-2" aria-labelledby="alerts-heading">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          <h2 id="alerts-heading" className="font-semibold">
            {openAlerts.length ? `${openAlerts.length} alert${openAlerts.length === 1 ? '' : 's'} need${openAlerts.length === 1 ? 's' : ''} you` : 'No alerts'}
          </h2>
          <div className="flex items-center gap-3 text-sm">
            <LiveRefresh url={`/api/shops/${shop.id}/events?after=${streamFrom}`} label="Live" />
            <Link href={`/shop/${shop.id}/alerts`} className="text-brand-700 hover:underline">
              Alert history
            </Link>
          </div>
        </div>
        {openAlerts.length ? (
          <ShopAlertList alerts={openAlerts} shopId={shop.id} timezone={shop.timezone} />
        ) : (
          <p className="text-sm text-slate-600">Printers offline, toner or paper running out, jobs waiting for you or failing show up here.</p>
        )}
      </Card>
      <Card>
        <h2 className="mb-1 font-semibold">{remaining === 0 ? 'Ready for customers' : `${remaining} step${remaining === 1 ? '' : 's'} left`}</h2>
        <p className="mb-4 text-sm text-slate-600">
          {isDraft
            ? 'When your prices cover what your printers can do, submit your shop for review.'
            : shop.status === 'pending_review'
              ? 'An admin reviews new shops. You can finish setting up meanwhile.'
              : shop.status === 'active'
                ? 'Customers nearby can find you when their job matches what you can print.'
                : 'Your shop is hidden from search while suspended.'}
        </p>
        <ol className="space-y-3" data-testid="readiness">
          {steps.map((step) => (
            <li key={step.key} className="flex items-start gap-3">
              <span aria-hidden className={`mt-0.5 grid h-5 w-5 shrink-0 place-items-center rounded-full text-xs ${step.isDone ? 'bg-emerald-500 text-white' : 'border border-slate-300'}`}>
                {step.isDone ? '✓' : ''}
              </span>
              <div className="text-sm">
                <Link href={`/shop/${shop.id}/${STEP_LINK[step.key]}`} className="font-medium hover:underline">
                  {step.label}
                </Link>
                <p className="text-slate-600">{step.detail}</p>
              </div>
            </li>
          ))}
        </ol>
      </Card>
      {isRejected ? (
        <Card>
          <h2 className="mb-1 font-semibold">Not accepted</h2>
          <div data-testid="review-decision" data-decision="rejected">
            <Alert>An admin did not accept your shop: {latest.reason} It will not appear in search. If you think this is a mistake, contact support.</Alert>
          </div>
        </Card>
      ) : isDraft ? (
        <Card>
          <h2 className="mb-1 font-semibold">{latest?.decision === 'changes_requested' ? 'Changes requested' : 'Submit for review'}</h2>
          <p className="mb-3 text-sm text-slate-600">An admin checks new shops before customers can find them.</p>
          <div className="space-y-3">
            {latest?.decision === 'changes_requested' ? (
              <div data-testid="review-decision" data-decision="changes_requested">
                <Alert tone="warn">An admin asked for changes: {latest.reason} Make them, then submit your shop again.</Alert>
              </div>
            ) : null}
            <MissingPricesList shopId={shop.id} missing={missing} linkToPrices />
            {hasPrinter ? null : <p className="text-sm text-slate-600">Connect a printer first: prices are checked against what your printers can do.</p>}
            <SubmitForReviewForm shopId={shop.id} isBlocked={missing.length > 0 || !hasPrinter} />
          </div>
        </Card>
      ) : shop.status === 'pending_review' ? (
        <Card>
          <h2 className="mb-1 font-semibold">Waiting for review</h2>
          <p className="text-sm text-slate-600" data-testid="review-state">
            Submitted {shop.submittedForReviewAt?.toISOString().slice(0, 10)}. An admin will approve your shop or tell you what to change.
          </p>
          <div className="mt-3">
            <MissingPricesList shopId={shop.id} missing={missing} linkToPrices />
          </div>
        </Card>
      ) : null}
      {reviews.length ? (
        <Card>
          <h2 className="mb-2 font-semibold">Review history</h2>
          <ol className="space-y-2 text-sm" data-testid="review-history">
            {reviews.map((review) => (
              <li key={`${review.createdAt.toISOString()}.${review.decision}`} data-decision={review.decision}>
                <span className="font-medium">{DECISION_LABEL[review.decision]}</span> <span className="text-slate-500">{review.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC</span>
                {review.reason ? <p className="text-slate-600">{review.reason}</p> : null}
              </li>
            ))}
          </ol>
        </Card>
      ) : null}
    </div>
  );
}

const DECISION_LABEL = { approved: 'Approved', changes_requested: 'Changes requested', rejected: 'Not accepted' } as const;
