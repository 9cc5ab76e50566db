import Link from 'next/link';
import { Card } from '@/app/_components/ui';
import { shopReadiness } from '@/lib/shops/shop-readiness';
import { getShopForPage } from '@/app/shop/_lib/get-shop-for-page';

const STEP_LINK = { profile: 'profile', hours: 'hours', prices: 'prices', printers: 'printers' } as const;

export default async function ShopOverviewPage({ params }: { params: Promise<{ shopId: string }> }) {
  const { shop } = await getShopForPage((await params).shopId);
  const steps = await shopReadiness(shop);
  const remaining = steps.filter((s) => !s.isDone).length;
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card>
        <h2 className="mb-1 font-semibold">{remaining === 0 ? 'Ready for customers' : `${remaining} step${remaining === 1 ? '' : 's'} left`}</h2>
        <p className="mb-4 text-sm text-slate-600">
          {shop.status === 'pending_review'
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
    </div>
  );
}
