import type { Metadata } from 'next';
import { LiveRefresh } from '@/app/_components/live-refresh';
import { Card, EmptyState } from '@/app/_components/ui';
import { ShopAlertList } from '@/app/shop/_components/shop-alert-list';
import { getShopForPage } from '@/app/shop/_lib/get-shop-for-page';
import { listShopAlerts } from '@/lib/alerts/shop-alerts';
import { liveStreamStart } from '@/lib/events/read-events';

export const metadata: Metadata = { title: 'Alerts' };

export default async function ShopAlertsPage({ params }: { params: Promise<{ shopId: string }> }) {
  const { shop, user } = await getShopForPage((await params).shopId);
  const streamFrom = await liveStreamStart();
  const [open, history] = await Promise.all([
    listShopAlerts({ shopId: shop.id, ownerId: user.id, scope: 'open' }),
    listShopAlerts({ shopId: shop.id, ownerId: user.id, scope: 'history', limit: 200 }),
  ]);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-lg font-semibold">Alerts</h2>
        <LiveRefresh url={`/api/shops/${shop.id}/events?after=${streamFrom}`} label="Live alerts" />
      </div>
      <Card>
        <h3 className="mb-3 text-sm font-semibold">Open ({open.length})</h3>
        {open.length ? <ShopAlertList alerts={open} shopId={shop.id} timezone={shop.timezone} /> : <p className="text-sm text-slate-600">Nothing needs you: every printer and job is fine.</p>}
      </Card>
      <Card>
        <h3 className="mb-3 text-sm font-semibold">History</h3>
        {history.length ? (
          <ShopAlertList alerts={history} shopId={shop.id} timezone={shop.timezone} isHistory />
        ) : (
          <EmptyState title="No past alerts">Alerts move here once what they were about is fixed.</EmptyState>
        )}
      </Card>
    </div>
  );
}
