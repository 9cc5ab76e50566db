import type { Metadata } from 'next';
import Link from 'next/link';
import { Card, PageHeader } from '@/app/_components/ui';
import { requirePageRole } from '@/app/_lib/session';
import { formatAxisMoney, formatDuration } from '@/lib/admin/chart-scale';
import { dashboardMetrics, ZDashboardRequest } from '@/lib/admin/dashboard-metrics';
import { env } from '@/lib/config/env';
import { formatMoney } from '@/lib/money/money';
import { BarChart } from './_components/bar-chart';
import { PrinterStatusChart } from './_components/printer-status-chart';

export const metadata: Metadata = { title: 'Admin dashboard' };

function Stat({ label, value, detail, testId }: { label: string; value: string; detail?: string; testId: string }) {
  return (
    <Card className="space-y-1" data-testid={testId}>
      <p className="text-sm text-slate-600">{label}</p>
      <p className="text-2xl font-semibold tabular-nums">{value}</p>
      {detail ? <p className="text-xs text-slate-500">{detail}</p> : null}
    </Card>
  );
}

export default async function AdminDashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageRole(['admin'], '/admin');
  const parsed = ZDashboardRequest.safeParse(await searchParams);
  const days = parsed.success ? parsed.data.days : 30;
  const currency = env().CURRENCY;
  const metrics = await dashboardMetrics({ days });
  const { totals, shops } = metrics;
  const money = (minor: number) => formatMoney(minor, currency);
  const compactMoney = (minor: number) => formatAxisMoney(minor, currency);
  return (
    <div className="space-y-6" data-testid="admin-home">
      <PageHeader
        title="Marketplace overview"
        description={
          <>
            {shops.total} shops,{' '}
            <Link href="/admin/shops" className="text-brand-700 underline hover:no-underline">
              {shops.pendingReview} waiting for review
            </Link>
            . Figures for the last {days} days (UTC days).
          </>
        }
        actions={
          <nav aria-label="Period" className="flex gap-1 text-sm">
            {[7, 30, 90].map((d) => (
              <Link
                key={d}
                href={`/admin?days=${d}`}
                aria-current={d === days ? 'page' : undefined}
                className={`rounded-md px-3 py-1.5 ${d === days ? 'bg-brand-600 text-white' : 'bg-white text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50'}`}
              >
                {d} days
              </Link>
            ))}
          </nav>
        }
      />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat testId="stat-orders" label="Paid orders" value={String(totals.paidOrders)} />
        <Stat testId="stat-volume" label="Gross volume" value={money(totals.grossMinor)} />
        <Stat
          testId="stat-refund-rate"
          label="Refund rate"
          value={totals.refundRate === null ? '—' : `${(totals.refundRate * 100).toFixed(1)}%`}
          detail={totals.paidOrders ? `${money(totals.refundedMinor)} refunded on ${totals.refundedOrders} of ${totals.paidOrders} orders` : 'No paid orders yet'}
        />
        <Stat
          testId="stat-ready-time"
          label="Median paid → ready"
          value={totals.medianReadySeconds === null ? '—' : formatDuration(totals.medianReadySeconds)}
          detail={totals.readyOrders ? `over ${totals.readyOrders} orders ready in the period` : 'No order became ready yet'}
        />
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <BarChart
            testId="chart-orders"
            title="Paid orders per day"
            summary={`${totals.paidOrders} orders paid in the last ${days} days; busiest day ${Math.max(0, ...metrics.daily.map((d) => d.paidOrders))}.`}
            bars={metrics.daily.map((d) => ({ label: d.day, value: d.paidOrders }))}
            format={String}
            isWhole
          />
        </Card>
        <Card>
          <BarChart
            testId="chart-volume"
            title="Gross volume per day"
            summary={`${money(totals.grossMinor)} paid in the last ${days} days.`}
            bars={metrics.daily.map((d) => ({ label: d.day, value: d.grossMinor }))}
            format={compactMoney}
            isWhole
            minimum={100}
            color="#0f766e"
          />
        </Card>
        <Card>
          <BarChart
            testId="chart-refunds"
            title="Refunded per day"
            summary={`${money(metrics.daily.reduce((s, d) => s + d.refundedMinor, 0))} refunded in the last ${days} days.`}
            bars={metrics.daily.map((d) => ({ label: d.day, value: d.refundedMinor }))}
            format={compactMoney}
            isWhole
            minimum={100}
            color="#b91c1c"
          />
        </Card>
        <Card>
          <BarChart
            testId="chart-ready-time"
            title="Median time from payment to ready, per day"
            summary={totals.medianReadySeconds === null ? 'No order became ready in this period.' : `Median over the period: ${formatDuration(totals.medianReadySeconds)}.`}
            bars={metrics.daily.map((d) => ({ label: d.day, value: d.medianReadySeconds === null ? null : d.medianReadySeconds / 60 }))}
            format={(minutes) => formatDuration(minutes * 60)}
            minimum={1}
            color="#7c3aed"
          />
        </Card>
      </div>
      <Card>{metrics.printers.length ? <PrinterStatusChart shops={metrics.printers} /> : <p className="text-sm text-slate-600">No shop has added a printer yet.</p>}</Card>
    </div>
  );
}
