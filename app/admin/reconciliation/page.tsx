import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { Alert, Badge, Card, PageHeader } from '@/app/_components/ui';
import { requirePageRole } from '@/app/_lib/session';
import { accountBalances } from '@/lib/billing/ledger';
import { reconcileWithStripe, type TReconciliationIssue } from '@/lib/billing/reconcile';
import { env } from '@/lib/config/env';
import { formatMoney } from '@/lib/money/money';

export const metadata: Metadata = { title: 'Reconciliation' };

const ISSUE_LABELS: Record<string, string> = {
  charge_not_booked: 'Payment missing from the ledger',
  charge_amount: 'Payment amount differs',
  charge_missing_at_stripe: 'Booked payment unknown to Stripe',
  refund_not_booked: 'Refund missing from the ledger',
  refund_amount: 'Refund amount differs',
  transfer_not_booked: 'Payout missing from the ledger',
  transfer_amount: 'Payout amount differs',
  transfer_pending: 'Payout stuck as pending',
  ledger_unbalanced: 'Ledger does not balance',
  balance: 'Platform balance differs',
};

const ACCOUNT_LABELS = {
  stripe_balance: 'Held at Stripe',
  customer_prepaid: 'Paid by customers, not yet delivered',
  shop_payable: 'Owed to shops',
  platform_revenue: 'Nearprint commission',
} as const;

async function Report() {
  const currency = env().CURRENCY;
  const money = (minor: number | undefined) => (minor === undefined ? '—' : formatMoney(minor, currency));
  let report;
  try {
    report = await reconcileWithStripe();
  } catch (error) {
    console.error(error);
    return <Alert>Stripe could not be reached, so nothing was compared. Try again in a moment.</Alert>;
  }
  const balances = await accountBalances();
  const issues: TReconciliationIssue[] = report.issues;
  return (
    <div className="space-y-6" data-testid="reconciliation-report" data-issue-count={issues.length}>
      <div className="grid gap-4 md:grid-cols-3">
        <Card>
          <p className="text-sm text-slate-600">Result</p>
          <p className="text-2xl font-semibold">{issues.length === 0 ? 'Everything matches' : `${issues.length} difference${issues.length === 1 ? '' : 's'}`}</p>
        </Card>
        <Card>
          <p className="text-sm text-slate-600">Compared</p>
          <p className="text-2xl font-semibold tabular-nums">
            {report.checkedCharges} payments · {report.checkedTransfers} payouts
          </p>
        </Card>
        <Card>
          <p className="text-sm text-slate-600">Ledger</p>
          <p className="text-2xl font-semibold">{report.ledgerBalanced ? <Badge tone="good">balanced</Badge> : <Badge tone="bad">unbalanced</Badge>}</p>
        </Card>
      </div>
      {issues.length ? (
        <Card>
          <h2 className="mb-3 font-semibold">Differences</h2>
          <table className="w-full text-sm" data-testid="reconciliation-issues">
            <thead className="text-left text-slate-500">
              <tr>
                <th className="py-1 font-medium">What</th>
                <th className="py-1 font-medium">Stripe object · order</th>
                <th className="py-1 text-right font-medium">Ledger</th>
                <th className="py-1 text-right font-medium">Stripe</th>
                <th className="py-1 text-right font-medium">Difference</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {issues.map((issue, i) => (
                <tr key={`${issue.kind}-${issue.stripeId ?? i}`} data-issue-kind={issue.kind}>
                  <td className="py-1">
                    <span className="font-medium">{ISSUE_LABELS[issue.kind] ?? issue.kind}</span>
                    <span className="block text-xs text-slate-600">{issue.message}</span>
                  </td>
                  <td className="py-1">
                    <span className="font-mono text-xs">{issue.stripeId ?? '—'}</span>
                    {issue.orderNumber ? (
                      <Link href={`/admin/orders?number=${encodeURIComponent(issue.orderNumber)}`} className="block text-brand-700 hover:underline">
                        {issue.orderNumber}
                      </Link>
                    ) : null}
                  </td>
                  <td className="py-1 text-right tabular-nums">{money(issue.ledgerMinor)}</td>
                  <td className="py-1 text-right tabular-nums">{money(issue.stripeMinor)}</td>
                  <td className="py-1 text-right font-medium tabular-nums">
                    {money(issue.stripeMinor !== undefined || issue.ledgerMinor !== undefined ? (issue.stripeMinor ?? 0) - (issue.ledgerMinor ?? 0) : undefined)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      ) : null}
      <Card>
        <h2 className="mb-3 font-semibold">Ledger accounts</h2>
        <table className="w-full text-sm">
          <tbody className="divide-y divide-slate-100">
            {(Object.keys(ACCOUNT_LABELS) as (keyof typeof ACCOUNT_LABELS)[]).map((account) => (
              <tr key={account}>
                <td className="py-1">{ACCOUNT_LABELS[account]}</td>
                <td className="py-1 font-mono text-xs text-slate-500">{account}</td>
                <td className="py-1 text-right tabular-nums">{money(account === 'stripe_balance' ? balances[account] : 0 - balances[account] || 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-2 text-xs text-slate-500">What Stripe holds equals what customers prepaid, plus what shops are owed, plus Nearprint’s commission.</p>
      </Card>
    </div>
  );
}

export default async function AdminReconciliationPage() {
  await requirePageRole(['admin'], '/admin/reconciliation');
  return (
    <div>
      <PageHeader
        title="Reconciliation"
        description="Every payment, refund and payout at Stripe compared with the ledger, each time this page loads."
        actions={
          <a href="/admin/reconciliation" className="rounded-md px-3 py-1.5 text-sm text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50">
            Run again
          </a>
        }
      />
      <Suspense fallback={<p className="text-sm text-slate-600">Comparing with Stripe…</p>}>
        <Report />
      </Suspense>
    </div>
  );
}
