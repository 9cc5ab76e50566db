import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge, Card, EmptyState, PageHeader } from '@/app/_components/ui';
import { requirePageRole } from '@/app/_lib/session';
import { latestPayoutRun, payoutHistory, payoutOverview, type TPayoutReadiness } from '@/lib/admin/payout-overview';
import { env } from '@/lib/config/env';
import { formatMoney } from '@/lib/money/money';
import { CsvExportLink } from '../_components/csv-export-link';
import { RunPayoutsForm } from './run-payouts-form';

export const metadata: Metadata = { title: 'Payouts' };

const READINESS: Record<TPayoutReadiness, { label: string; tone: 'good' | 'warn' | 'bad' | 'neutral' }> = {
  ready: { label: 'Will be paid', tone: 'good' },
  no_account: { label: 'No Stripe account yet', tone: 'warn' },
  onboarding_incomplete: { label: 'Stripe onboarding unfinished', tone: 'warn' },
  nothing_owed: { label: 'Nothing owed', tone: 'neutral' },
  owes_platform: { label: 'Owes Nearprint (refund after payout)', tone: 'bad' },
};

const OUTCOME_TONE = { paid: 'good', failed: 'bad', skipped: 'warn', unknown: 'warn' } as const;
const TRANSFER_TONE = { paid: 'good', failed: 'bad', pending: 'warn', unknown: 'warn' } as const;

export default async function AdminPayoutsPage() {
  await requirePageRole(['admin'], '/admin/payouts');
  const currency = env().CURRENCY;
  const money = (minor: number) => formatMoney(minor, currency);
  const [overview, history, lastRun] = await Promise.all([payoutOverview(), payoutHistory(), latestPayoutRun()]);
  const owedMinor = overview.shops.reduce((sum, s) => sum + Math.max(0, s.balanceMinor), 0);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Payouts"
        description="Shops are paid their ledger balance (earnings from handed-over orders, less refunds and earlier payouts) by Stripe Transfer to their connected account."
      />
      <div className="grid gap-4 md:grid-cols-3">
        <Card>
          <p className="text-sm text-slate-600">Payable now</p>
          <p className="text-2xl font-semibold tabular-nums" data-testid="payable-total">
            {money(overview.payableMinor)}
          </p>
          <p className="text-xs text-slate-500">{overview.shops.filter((s) => s.readiness === 'ready').length} shop(s) ready for payout</p>
        </Card>
        <Card>
          <p className="text-sm text-slate-600">Held (shop not set up with Stripe)</p>
          <p className="text-2xl font-semibold tabular-nums">{money(overview.heldMinor)}</p>
          <p className="text-xs text-slate-500">Paid in a later run once the shop finishes onboarding</p>
        </Card>
        <Card className="flex flex-col justify-between gap-3">
          <p className="text-sm text-slate-600">Owed to all shops: {money(owedMinor)}</p>
          <RunPayoutsForm
            payableLabel={money(overview.payableMinor)}
            payableMinor={overview.payableMinor}
            shops={overview.shops.filter((s) => s.readiness === 'ready').map((s) => ({ shopId: s.shopId, shopName: s.shopName, amountLabel: money(s.balanceMinor) }))}
          />
        </Card>
      </div>

      {lastRun ? (
        <Card>
          <h2 className="mb-1 font-semibold">Last run</h2>
          <p className="mb-3 text-sm text-slate-600">
            {lastRun.at.toLocaleString('en-IE', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' })} UTC by {lastRun.adminEmail} · run{' '}
            <span className="font-mono text-xs">{lastRun.runId}</span>
          </p>
          {lastRun.outcomes.length === 0 ? (
            <p className="text-sm text-slate-600">No shop had a balance to pay.</p>
          ) : (
            <table className="w-full text-sm" data-testid="last-run">
              <thead className="text-left text-slate-500">
                <tr>
                  <th className="py-1 font-medium">Shop</th>
                  <th className="py-1 font-medium">Outcome</th>
                  <th className="py-1 font-medium">Details</th>
                  <th className="py-1 text-right font-medium">Amount</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {lastRun.outcomes.map((o) => (
                  <tr key={o.shopId} data-shop-id={o.shopId} data-outcome={o.status}>
                    <td className="py-1">{o.shopName}</td>
                    <td className="py-1">
                      <Badge tone={OUTCOME_TONE[o.status]}>{o.status}</Badge>
                    </td>
                    <td className="py-1 text-slate-600">{o.message}</td>
                    <td className="py-1 text-right tabular-nums">{money(o.amountMinor)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
      ) : null}

      <Card>
        <h2 className="mb-3 font-semibold">Balances</h2>
        {overview.shops.length === 0 ? (
          <EmptyState title="No shop is owed anything">Earnings are booked when a shop hands an order over to its customer.</EmptyState>
        ) : (
          <table className="w-full text-sm" data-testid="payout-balances">
            <thead className="text-left text-slate-500">
              <tr>
                <th className="py-1 font-medium">Shop</th>
                <th className="py-1 font-medium">Stripe account</th>
                <th className="py-1 font-medium">Next run</th>
                <th className="py-1 text-right font-medium">Balance</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {overview.shops.map((shop) => (
                <tr key={shop.shopId} data-shop-id={shop.shopId} data-readiness={shop.readiness}>
                  <td className="py-1">
                    <Link href={`/admin/shops/${shop.shopId}`} className="hover:underline">
                      {shop.shopName}
                    </Link>
                  </td>
                  <td className="py-1 font-mono text-xs text-slate-600">{shop.stripeAccountId ?? '—'}</td>
                  <td className="py-1">
                    <Badge tone={READINESS[shop.readiness].tone}>{READINESS[shop.readiness].label}</Badge>
                  </td>
                  <td className="py-1 text-right tabular-nums" data-testid="shop-balance">
                    {money(shop.balanceMinor)}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="border-t border-slate-300 font-semibold">
                <td className="py-1" colSpan={3}>
                  Total owed
                </td>
                <td className="py-1 text-right tabular-nums">{money(owedMinor)}</td>
              </tr>
            </tfoot>
          </table>
        )}
      </Card>

      <Card>
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          <h2 className="font-semibold">History</h2>
          {history.length ? <CsvExportLink href="/api/admin/payouts/export" filters={{}} /> : null}
        </div>
        {history.length === 0 ? (
          <p className="text-sm text-slate-600">No payouts yet.</p>
        ) : (
          <table className="w-full text-sm" data-testid="payout-history">
            <thead className="text-left text-slate-500">
              <tr>
                <th className="py-1 font-medium">When (UTC)</th>
                <th className="py-1 font-medium">Shop</th>
                <th className="py-1 font-medium">Status</th>
                <th className="py-1 font-medium">Stripe transfer / failure</th>
                <th className="py-1 font-medium">By</th>
                <th className="py-1 text-right font-medium">Amount</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {history.map((t) => (
                <tr key={t.id} data-transfer-status={t.status}>
                  <td className="py-1 whitespace-nowrap text-slate-600">{t.createdAt.toLocaleString('en-IE', { dateStyle: 'short', timeStyle: 'short', timeZone: 'UTC' })}</td>
                  <td className="py-1">{t.shopName}</td>
                  <td className="py-1">
                    <Badge tone={TRANSFER_TONE[t.status]}>{t.status}</Badge>
                  </td>
                  <td className="py-1">
                    {t.status === 'failed' || t.status === 'unknown' ? (
                      <span className={t.status === 'failed' ? 'text-red-700' : 'text-amber-800'}>{t.failureMessage}</span>
                    ) : (
                      <span className="font-mono text-xs">{t.stripeTransferId ?? '—'}</span>
                    )}
                  </td>
                  <td className="py-1 text-slate-600">{t.createdByEmail ?? '—'}</td>
                  <td className="py-1 text-right tabular-nums">{formatMoney(t.amountMinor, t.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
