import type { Metadata } from 'next';
import Link from 'next/link';
import { EmptyState, PageHeader } from '@/app/_components/ui';
import { FormField } from '@/app/_components/form-field';
import { fieldErrorsOf } from '@/app/_lib/http';
import { requirePageRole } from '@/app/_lib/session';
import { orderStatus } from '@/db/schema';
import { searchOrders, shopChoices, ZSearchOrdersRequest } from '@/lib/admin/search-orders';
import { JOB_STATE_LABELS } from '@/lib/print-jobs/job-states';
import { formatMoney } from '@/lib/money/money';
import { OrderStatusBadge, ORDER_STATUS_LABELS } from '../_components/order-status-badge';
import { Pagination } from '../_components/pagination';
import { CsvExportLink } from '../_components/csv-export-link';

export const metadata: Metadata = { title: 'Orders' };

type TSearchParams = Record<string, string | string[] | undefined>;

function firstValues(params: TSearchParams): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? (value[0] ?? '') : (value ?? '')]));
}

export default async function AdminOrdersPage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  await requirePageRole(['admin'], '/admin/orders');
  const raw = firstValues(await searchParams);
  const parsed = ZSearchOrdersRequest.safeParse(raw);
  const errors = parsed.success ? {} : fieldErrorsOf(parsed.error);
  const [result, shops] = await Promise.all([parsed.success ? searchOrders(parsed.data) : null, shopChoices()]);
  const isFiltered = ['number', 'email', 'shopId', 'status', 'from', 'to'].some((key) => raw[key]);
  return (
    <div>
      <PageHeader title="Orders" description="Find any order by its number, the customer’s email, the shop, its state or when it was placed." />
      <form method="get" className="mb-6 grid gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-3 lg:grid-cols-6" role="search" aria-label="Search orders">
        <FormField label="Order number" name="number" defaultValue={raw.number} placeholder="NP-7K3F9Q" errors={errors.number} />
        <FormField label="Customer email" name="email" defaultValue={raw.email} placeholder="name@example.com" errors={errors.email} />
        <FormField label="Shop" name="shopId" errors={errors.shopId}>
          <select id="field-shopId" name="shopId" defaultValue={raw.shopId ?? ''} className="w-full">
            <option value="">Any shop</option>
            {shops.map((shop) => (
              <option key={shop.id} value={shop.id}>
                {shop.name}
                {shop.status !== 'active' ? ` (${shop.status.replace('_', ' ')})` : ''}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label="State" name="status" errors={errors.status}>
          <select id="field-status" name="status" defaultValue={raw.status ?? ''} className="w-full">
            <option value="">Any state</option>
            {orderStatus.enumValues.map((status) => (
              <option key={status} value={status}>
                {ORDER_STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label="Placed from" name="from" type="date" defaultValue={raw.from} errors={errors.from} />
        <FormField label="Placed until" name="to" type="date" defaultValue={raw.to} errors={errors.to} />
        <div className="flex flex-wrap gap-2 sm:col-span-3 lg:col-span-6">
          <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
            Search
          </button>
          {isFiltered ? (
            <Link href="/admin/orders" className="rounded-md px-4 py-2 text-sm text-slate-700 hover:bg-slate-100">
              Clear filters
            </Link>
          ) : null}
          {result?.total ? <CsvExportLink href="/api/admin/orders/export" filters={raw} count={result.total} /> : null}
        </div>
      </form>
      {!result ? (
        <EmptyState title="Check the search fields">Some filters are not valid; see the messages above.</EmptyState>
      ) : result.orders.length === 0 ? (
        <EmptyState title={isFiltered ? 'No order matches these filters' : 'No orders yet'}>
          {isFiltered ? 'Try fewer filters or a wider date range.' : 'Orders appear here as soon as customers place them.'}
        </EmptyState>
      ) : (
        <>
          <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
            <table className="w-full text-sm" data-testid="admin-orders">
              <thead className="bg-slate-50 text-left text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Order
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Placed
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Customer
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Shop
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    State
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Print job
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Total
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Refunded
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {result.orders.map((order) => (
                  <tr key={order.id} data-order-number={order.number}>
                    <td className="px-3 py-2 font-mono">
                      <Link href={`/admin/orders/${order.id}`} className="text-brand-700 hover:underline">
                        {order.number}
                      </Link>
                    </td>
                    <td className="px-3 py-2 whitespace-nowrap text-slate-600">{order.createdAt.toLocaleString('en-IE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })}</td>
                    <td className="px-3 py-2">{order.customerEmail}</td>
                    <td className="px-3 py-2">
                      <Link href={`/admin/shops/${order.shopId}`} className="hover:underline">
                        {order.shopName}
                      </Link>
                    </td>
                    <td className="px-3 py-2">
                      <OrderStatusBadge status={order.status} />
                    </td>
                    <td className="px-3 py-2 text-slate-600">{order.jobState ? JOB_STATE_LABELS[order.jobState as keyof typeof JOB_STATE_LABELS] : '—'}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{formatMoney(order.totalMinor, order.currency)}</td>
                    <td className="px-3 py-2 text-right tabular-nums text-slate-600">{order.refundedMinor ? `−${formatMoney(order.refundedMinor, order.currency)}` : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination basePath="/admin/orders" query={raw} page={result.page} pageCount={result.pageCount} total={result.total} noun="order" />
        </>
      )}
    </div>
  );
}
