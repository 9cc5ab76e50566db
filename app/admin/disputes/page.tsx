import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge, EmptyState, PageHeader } from '@/app/_components/ui';
import { requirePageRole } from '@/app/_lib/session';
import { listDisputes } from '@/lib/admin/list-disputes';
import { formatMoney } from '@/lib/money/money';

export const metadata: Metadata = { title: 'Disputes' };

const words = (text: string) => text.replace(/_/g, ' ');

export default async function AdminDisputesPage() {
  await requirePageRole(['admin'], '/admin/disputes');
  const disputes = await listDisputes();
  const open = disputes.filter((d) => d.isOpen);
  const openTotals = open.reduce<Record<string, number>>((totals, d) => ({ ...totals, [d.currency]: (totals[d.currency] ?? 0) + d.amountMinor }), {});
  return (
    <div>
      <PageHeader
        title="Disputes"
        description={
          open.length
            ? `${open.length} open, ${Object.entries(openTotals)
                .map(([currency, minor]) => formatMoney(minor, currency))
                .join(' + ')} at stake. Respond with evidence in the Stripe dashboard before the due date.`
            : 'Chargebacks Stripe reports (charge.dispute.* webhooks) appear here with their order.'
        }
      />
      {disputes.length === 0 ? (
        <EmptyState title="No disputes">No customer has disputed a payment.</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-sm" data-testid="admin-disputes">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Opened
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Order
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Customer · shop
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Reason
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Status
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Evidence due
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {disputes.map((d) => (
                <tr key={d.id} data-dispute-id={d.id}>
                  <td className="px-3 py-2 whitespace-nowrap text-slate-600">{d.createdAt.toLocaleString('en-IE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })}</td>
                  <td className="px-3 py-2">
                    {d.orderId ? (
                      <Link href={`/admin/orders/${d.orderId}`} className="font-mono text-brand-700 hover:underline">
                        {d.orderNumber}
                      </Link>
                    ) : (
                      <span className="text-slate-500">no matching order</span>
                    )}
                    <span className="block font-mono text-xs text-slate-500">{d.stripeChargeId}</span>
                  </td>
                  <td className="px-3 py-2">
                    {d.customerEmail ?? '—'}
                    <span className="block text-xs text-slate-500">{d.shopName ?? ''}</span>
                  </td>
                  <td className="px-3 py-2">{words(d.reason)}</td>
                  <td className="px-3 py-2">
                    <Badge tone={d.isOpen ? 'warn' : d.status === 'won' ? 'good' : d.status === 'lost' ? 'bad' : 'neutral'}>{words(d.status)}</Badge>
                  </td>
                  <td className="px-3 py-2 text-slate-600">
                    {d.isOpen && d.evidenceDueBy ? new Date(d.evidenceDueBy * 1000).toLocaleDateString('en-IE', { dateStyle: 'medium', timeZone: 'UTC' }) : '—'}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {formatMoney(d.amountMinor, d.currency)}
                    {d.orderTotalMinor !== null && d.orderTotalMinor !== d.amountMinor ? <span className="block text-xs text-slate-500">of {formatMoney(d.orderTotalMinor, d.currency)}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
