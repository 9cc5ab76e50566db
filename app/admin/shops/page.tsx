import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge, Card, EmptyState, PageHeader } from '@/app/_components/ui';
import { requirePageRole } from '@/app/_lib/session';
import { listShopsForReview } from '@/lib/admin/shop-review';
import { env } from '@/lib/config/env';
import { formatMoney } from '@/lib/money/money';
import { ShopStatusBadge } from '@/app/shop/_components/shop-status-badge';
import { ShopDecision } from './shop-decision';

export const metadata: Metadata = { title: 'Shops' };

export default async function AdminShopsPage() {
  await requirePageRole(['admin'], '/admin/shops');
  const list = await listShopsForReview();
  const currency = env().CURRENCY;
  const pending = list.filter((s) => s.status === 'pending_review').length;
  const price = (minor: number | null) => (minor === null ? '—' : formatMoney(minor, currency));
  return (
    <div>
      <PageHeader title="Shops" description={`${pending} waiting for review · ${list.length} in total`} />
      {list.length === 0 ? <EmptyState title="No shops yet" /> : null}
      <div className="space-y-3">
        {list.map((shop) => (
          <Card key={shop.id} data-shop-id={shop.id} data-testid="admin-shop" className="grid gap-4 md:grid-cols-[2fr_2fr_1fr]">
            <div>
              <div className="flex flex-wrap items-center gap-2">
                <h2 className="font-semibold">
                  <Link href={`/admin/shops/${shop.id}`} className="hover:underline">
                    {shop.name}
                  </Link>
                </h2>
                <ShopStatusBadge status={shop.status} isSubmitted={!!shop.submittedForReviewAt} lastDecision={shop.lastDecision} />
              </div>
              <p className="text-sm text-slate-600">
                {shop.addressLine}, {shop.postcode} {shop.city}, {shop.country} · {shop.lat.toFixed(4)}, {shop.lng.toFixed(4)} · {shop.timezone}
              </p>
              <p className="text-sm text-slate-600">
                Owner: {shop.ownerName} &lt;{shop.ownerEmail}&gt;
              </p>
              {shop.description ? <p className="mt-1 text-sm">{shop.description}</p> : null}
              {shop.status === 'suspended' && shop.statusReason ? <p className="mt-1 text-sm text-red-700">Suspended: {shop.statusReason}</p> : null}
            </div>
            <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
              <dt className="text-slate-500">Printers ready</dt>
              <dd>
                {shop.onlinePrinterCount} / {shop.printerCount} {shop.onlinePrinterCount === 0 ? <Badge tone="warn">none online</Badge> : null}
              </dd>
              <dt className="text-slate-500">A4 mono / colour</dt>
              <dd>
                {price(shop.a4MonoMinor)} / {price(shop.a4ColorMinor)}
              </dd>
              <dt className="text-slate-500">Job fee · minimum</dt>
              <dd>
                {price(shop.jobFeeMinor)} · {price(shop.minimumChargeMinor)}
              </dd>
              <dt className="text-slate-500">Opening times</dt>
              <dd>{shop.hoursCount ? `${shop.hoursCount} a week` : <Badge tone="warn">none</Badge>}</dd>
            </dl>
            <div className="space-y-2">
              <ShopDecision shop={shop} openOrders={shop.openOrderCount} />
              <Link href={`/admin/shops/${shop.id}`} className="inline-block text-sm text-brand-700 hover:underline">
                Printers, prices, hours and orders
              </Link>
            </div>
          </Card>
        ))}
      </div>
    </div>
  );
}
