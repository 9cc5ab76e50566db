import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Badge, Card, PageHeader } from '@/app/_components/ui';
import { requirePageRole } from '@/app/_lib/session';
import { ShopStatusBadge } from '@/app/shop/_components/shop-status-badge';
import { getShopForAdmin } from '@/lib/admin/shop-review';
import { env } from '@/lib/config/env';
import { isAppError } from '@/lib/errors/app-error';
import { isKnownMedia, MEDIA } from '@/lib/job-options/media';
import { formatMoney } from '@/lib/money/money';
import { printerHealth } from '@/lib/printers/describe-printer-state';
import { OrderStatusBadge } from '../../_components/order-status-badge';
import { ShopDecision } from '../shop-decision';

export const metadata: Metadata = { title: 'Shop (admin)' };

const WEEKDAYS = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const clock = (minute: number) => `${String(Math.floor(minute / 60) % 24).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

export default async function AdminShopPage({ params }: { params: Promise<{ shopId: string }> }) {
  const { shopId } = await params;
  await requirePageRole(['admin'], `/admin/shops/${shopId}`);
  let details;
  try {
    details = await getShopForAdmin(shopId);
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') notFound();
    throw error;
  }
  const { shop, ownerName, ownerEmail, printers, priceList, schedule, openOrders, recentOrders, balanceMinor } = details;
  const currency = env().CURRENCY;
  const money = (minor: number) => formatMoney(minor, currency);
  return (
    <div className="space-y-6" data-testid="admin-shop-detail" data-shop-status={shop.status}>
      <PageHeader
        title={shop.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <ShopStatusBadge status={shop.status} isSubmitted={!!shop.submittedForReviewAt} /> {shop.addressLine}, {shop.postcode} {shop.city}, {shop.country} · owner {ownerName} &lt;{ownerEmail}&gt;
          </span>
        }
        actions={
          <Link href="/admin/shops" className="rounded-md px-3 py-1.5 text-sm text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50">
            All shops
          </Link>
        }
      />
      {shop.status === 'suspended' ? (
        <p className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          Suspended: {shop.statusReason || 'no reason given'}. The owner sees this reason; customers cannot find the shop.
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <div className="space-y-6">
          <Card>
            <h2 className="mb-3 font-semibold">Printers ({printers.length})</h2>
            {printers.length === 0 ? (
              <p className="text-sm text-slate-600">No printers added yet.</p>
            ) : (
              <table className="w-full text-sm">
                <thead className="text-left text-slate-500">
                  <tr>
                    <th className="py-1 font-medium">Printer</th>
                    <th className="py-1 font-medium">State</th>
                    <th className="py-1 font-medium">Can print</th>
                    <th className="py-1 font-medium">Last seen</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {printers.map((printer) => {
                    const health = printerHealth(printer);
                    return (
                      <tr key={printer.id}>
                        <td className="py-1">
                          {printer.name}
                          <span className="block font-mono text-xs text-slate-500">
                            {printer.uri}
                            {printer.viaAgent ? ' · via agent' : ''}
                          </span>
                        </td>
                        <td className="py-1">
                          <Badge tone={health.tone === 'neutral' ? 'neutral' : health.tone}>{health.label}</Badge>
                          {printer.lastError ? <span className="block text-xs text-red-700">{printer.lastError}</span> : null}
                        </td>
                        <td className="py-1 text-slate-600">
                          {printer.isColor ? 'colour' : 'mono'}, {printer.isDuplex ? 'two-sided' : 'one-sided'}, {printer.pagesPerMinute} ppm;{' '}
                          {printer.media.map((m) => (isKnownMedia(m) ? MEDIA[m].label : m)).join(', ')}
                        </td>
                        <td className="py-1 text-slate-600">
                          {printer.lastSeenAt ? printer.lastSeenAt.toLocaleString('en-IE', { dateStyle: 'short', timeStyle: 'short', timeZone: shop.timezone }) : 'never'}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
          </Card>

          <Card>
            <h2 className="mb-3 font-semibold">Prices</h2>
            {priceList.prices.length === 0 ? (
              <p className="text-sm text-slate-600">No price list yet.</p>
            ) : (
              <table className="w-full text-sm">
                <thead className="text-left text-slate-500">
                  <tr>
                    <th className="py-1 font-medium">Paper</th>
                    <th className="py-1 font-medium">Colour</th>
                    <th className="py-1 font-medium">Sides</th>
                    <th className="py-1 text-right font-medium">Per page</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {priceList.prices.map((p) => (
                    <tr key={`${p.media}-${p.colorMode}-${p.sides}`}>
                      <td className="py-1">{isKnownMedia(p.media) ? MEDIA[p.media].label : p.media}</td>
                      <td className="py-1">{p.colorMode === 'color' ? 'Colour' : 'Black & white'}</td>
                      <td className="py-1">{p.sides === 'one-sided' ? 'One-sided' : 'Two-sided'}</td>
                      <td className="py-1 text-right tabular-nums">{money(p.pricePerPageMinor)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <p className="mt-3 text-sm text-slate-600">
              Job fee {money(priceList.jobFeeMinor)} · minimum charge {money(priceList.minimumChargeMinor)}
              {priceList.finishing.length ? ` · finishing: ${priceList.finishing.map((f) => `${f.finishing} ${money(f.priceMinor)}${f.isManual ? ' (by hand)' : ''}`).join(', ')}` : ''}
            </p>
          </Card>

          <Card>
            <h2 className="mb-3 font-semibold">Orders</h2>
            {recentOrders.length === 0 ? (
              <p className="text-sm text-slate-600">No orders yet.</p>
            ) : (
              <ul className="divide-y divide-slate-100 text-sm">
                {recentOrders.map((order) => (
                  <li key={order.id} className="flex items-center justify-between gap-3 py-1">
                    <Link href={`/admin/orders/${order.id}`} className="font-mono text-brand-700 hover:underline">
                      {order.number}
                    </Link>
                    <OrderStatusBadge status={order.status} />
                    <span className="ml-auto tabular-nums">{formatMoney(order.totalMinor, order.currency)}</span>
                  </li>
                ))}
              </ul>
            )}
            <Link href={`/admin/orders?shopId=${shop.id}`} className="mt-2 inline-block text-sm text-brand-700 hover:underline">
              All orders of this shop
            </Link>
          </Card>
        </div>

        <aside className="space-y-6">
          <Card>
            <h2 className="mb-3 font-semibold">{shop.status === 'active' ? 'Suspend' : shop.status === 'suspended' ? 'Reinstate' : 'Review'}</h2>
            {openOrders.length ? <p className="mb-2 text-sm text-slate-600">Not finished yet: {openOrders.map((o) => o.number).join(', ')}</p> : null}
            <ShopDecision shop={shop} openOrders={openOrders.length} />
          </Card>
          <Card>
            <h2 className="mb-3 font-semibold">Money</h2>
            <dl className="grid grid-cols-2 gap-y-1 text-sm">
              <dt className="text-slate-500">Balance owed</dt>
              <dd className="text-right tabular-nums">{money(balanceMinor)}</dd>
              <dt className="text-slate-500">Stripe account</dt>
              <dd className="text-right">
                {shop.stripeAccountId ? shop.stripePayoutsEnabled ? <Badge tone="good">payouts on</Badge> : <Badge tone="warn">onboarding</Badge> : <Badge tone="warn">none</Badge>}
              </dd>
            </dl>
          </Card>
          <Card>
            <h2 className="mb-3 font-semibold">Opening hours</h2>
            {schedule.weekly.length === 0 ? (
              <p className="text-sm text-slate-600">None set.</p>
            ) : (
              <ul className="text-sm">
                {schedule.weekly.map((i) => (
                  <li key={`${i.weekday}-${i.opensMinute}`}>
                    {WEEKDAYS[i.weekday]} {clock(i.opensMinute)}–{clock(i.closesMinute)}
                  </li>
                ))}
              </ul>
            )}
            <p className="mt-2 text-xs text-slate-500">
              {schedule.timezone}
              {schedule.exceptions.length ? ` · ${schedule.exceptions.length} exception(s)` : ''}
            </p>
          </Card>
        </aside>
      </div>
    </div>
  );
}
