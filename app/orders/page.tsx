import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge, EmptyState, PageHeader } from '@/app/_components/ui';
import { requirePageRole } from '@/app/_lib/session';
import { formatMoney } from '@/lib/money/money';
import { listCustomerOrders } from '@/lib/orders/order-details';

export const metadata: Metadata = { title: 'My orders' };

const STATUS = {
  awaiting_payment: ['Not paid', 'warn'],
  paid: ['Paid', 'info'],
  printing: ['Printing', 'info'],
  ready: ['Ready for pickup', 'good'],
  collected: ['Collected', 'neutral'],
  canceled: ['Cancelled', 'neutral'],
  refunded: ['Refunded', 'bad'],
  payment_review: ['Checking payment', 'warn'],
} as const;

export default async function OrdersPage() {
  const user = await requirePageRole(['customer'], '/orders');
  const list = await listCustomerOrders(user.id);
  return (
    <div>
      <PageHeader title="My orders" description="Receipts, pickup codes and live progress." />
      {list.length === 0 ? (
        <EmptyState title="No orders yet">
          <Link href="/" className="font-medium text-brand-600 hover:underline">
            Find a print shop
          </Link>{' '}
          and print something.
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white" data-testid="orders-list">
          {list.map((order) => {
            const [label, tone] = STATUS[order.status];
            return (
              <li key={order.id}>
                <Link href={`/orders/${order.id}`} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 hover:bg-slate-50">
                  <span>
                    <span className="font-medium">{order.number}</span> · {order.shopName}
                    <span className="block text-xs text-slate-500">{order.createdAt.toLocaleString('en-IE', { dateStyle: 'medium', timeStyle: 'short' })}</span>
                  </span>
                  <span className="flex items-center gap-3">
                    <Badge tone={tone}>{label}</Badge>
                    <span className="tabular-nums">{formatMoney(order.totalMinor, order.currency)}</span>
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
