import { LiveRefresh } from '@/app/_components/live-refresh';
import { Badge, Card, EmptyState } from '@/app/_components/ui';
import { shopEarnings } from '@/lib/billing/shop-earnings';
import { env } from '@/lib/config/env';
import { liveStreamStart } from '@/lib/events/read-events';
import { formatMoney } from '@/lib/money/money';
import { getShopForPage } from '@/app/shop/_lib/get-shop-for-page';
import { PayoutOnboardingButton } from './payout-onboarding-button';

const TRANSFER_TONE = { paid: 'good', pending: 'warn', failed: 'bad', unknown: 'warn' } as const;

export default async function ShopEarningsPage({ params, searchParams }: { params: Promise<{ shopId: string }>; searchParams: Promise<{ connect?: string }> }) {
  const { shopId } = await params;
  const { connect } = await searchParams;
  const { shop } = await getShopForPage(shopId);
  // Back from Stripe's forms: the redirect proves nothing, Stripe's account.updated webhook does; this page follows it live.
  const isConfirmingPayouts = connect === 'return' && !!shop.stripeAccountId && !shop.stripePayoutsEnabled;
  const streamFrom = isConfirmingPayouts ? await liveStreamStart() : null;
  const currency = env().CURRENCY;
  const money = (minor: number) => formatMoney(minor, currency);
  const earnings = await shopEarnings(shop.id);
  return (
    <div className="space-y-6">
      <div className="grid gap-4 md:grid-cols-3">
        <Card data-testid="shop-balance">
          <p className="text-sm text-slate-500">Balance to be paid out</p>
          <p className={`text-2xl font-semibold ${earnings.balanceMinor < 0 ? 'text-red-700' : ''}`}>{money(earnings.balanceMinor)}</p>
          {earnings.balanceMinor < 0 ? <p className="mt-1 text-xs text-red-700">A refund after a payout: this is taken from your next earnings.</p> : null}
        </Card>
        <Card>
          <p className="text-sm text-slate-500">In progress</p>
          <p className="text-2xl font-semibold">{money(earnings.inProgressMinor)}</p>
          <p className="mt-1 text-xs text-slate-500">
            {earnings.inProgressCount} paid order{earnings.inProgressCount === 1 ? '' : 's'} not yet collected; earned at hand-over.
          </p>
        </Card>
        <Card>
          <p className="text-sm text-slate-500">Paid out so far</p>
          <p className="text-2xl font-semibold">{money(earnings.paidOutMinor)}</p>
        </Card>
      </div>

      <Card data-testid="payout-setup">
        <h2 className="mb-1 font-semibold">Payouts</h2>
        {shop.stripePayoutsEnabled ? (
          <p className="text-sm">
            <Badge tone="good">Payouts on</Badge> Nearprint transfers your balance to your Stripe account on each payout run.
          </p>
        ) : (
          <div className="space-y-3 text-sm">
            {isConfirmingPayouts ? (
              <p className="flex flex-wrap items-center gap-2" role="status">
                Stripe is checking the details you gave; payouts switch on here as soon as it confirms.{' '}
                <LiveRefresh url={`/api/shops/${shop.id}/events?after=${streamFrom}`} label="Waiting for Stripe" />
              </p>
            ) : null}
            <p className="text-slate-600">
              {shop.stripeAccountId ? 'Stripe still needs some details before it can pay you.' : 'To receive your earnings, set up a Stripe account for the shop. It takes a few minutes.'}
            </p>
            <PayoutOnboardingButton shopId={shop.id} label={shop.stripeAccountId ? 'Finish payout setup' : 'Set up payouts with Stripe'} />
          </div>
        )}
      </Card>

      <Card>
        <h2 className="mb-3 font-semibold">Orders</h2>
        {earnings.orders.length === 0 ? (
          <EmptyState title="No paid orders yet" />
        ) : (
          <table className="w-full text-sm" data-testid="earnings-orders">
            <thead className="text-left text-slate-500">
              <tr>
                <th className="py-1 font-medium">Order</th>
                <th className="py-1 font-medium">Paid</th>
                <th className="py-1 font-medium">Status</th>
                <th className="py-1 text-right font-medium">Price</th>
                <th className="py-1 text-right font-medium">Refunded</th>
                <th className="py-1 text-right font-medium">Platform fee</th>
                <th className="py-1 text-right font-medium">Your earning</th>
              </tr>
            </thead>
            <tbody>
              {earnings.orders.map((order) => (
                <tr key={order.id} className="border-t border-slate-100">
                  <td className="py-1.5 font-medium">{order.number}</td>
                  <td className="py-1.5 text-slate-600">{order.paidAt?.toLocaleDateString('en-IE')}</td>
                  <td className="py-1.5">{order.status}</td>
                  <td className="py-1.5 text-right tabular-nums">{money(order.totalMinor)}</td>
                  <td className="py-1.5 text-right tabular-nums">{order.refundedMinor ? money(order.refundedMinor) : '—'}</td>
                  <td className="py-1.5 text-right tabular-nums">{money(order.platformFeeMinor)}</td>
                  <td className="py-1.5 text-right tabular-nums">
                    {order.status === 'collected' || order.earnedMinor ? money(order.earnedMinor) : <span className="text-slate-500">at hand-over</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>

      <Card>
        <h2 className="mb-3 font-semibold">Transfers to you</h2>
        {earnings.transfers.length === 0 ? (
          <p className="text-sm text-slate-500">No transfers yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm" data-testid="transfers">
            {earnings.transfers.map((transfer) => (
              <li key={transfer.id} className="flex justify-between gap-3 py-2">
                <span>
                  {transfer.createdAt.toLocaleString('en-IE', { dateStyle: 'medium', timeStyle: 'short' })} <Badge tone={TRANSFER_TONE[transfer.status]}>{transfer.status}</Badge>
                  {transfer.failureMessage ? <span className="block text-xs text-red-700">{transfer.failureMessage}</span> : null}
                </span>
                <span className="tabular-nums">{money(transfer.amountMinor)}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
