import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { LiveRefresh } from '@/app/_components/live-refresh';
import { Badge, Card, PageHeader } from '@/app/_components/ui';
import { requirePageRole } from '@/app/_lib/session';
import { getAdminOrder } from '@/lib/admin/get-admin-order';
import { adminRefundSuggestions } from '@/lib/admin/refund-order-as-admin';
import { rerouteOptionsForAdmin } from '@/lib/admin/reroute-order-as-admin';
import { isAppError } from '@/lib/errors/app-error';
import { describeEvent } from '@/lib/events/describe-event';
import { liveStreamStart } from '@/lib/events/read-events';
import { formatDistance } from '@/lib/search/format-distance';
import { jobStateLabel } from '@/lib/print-jobs/job-states';
import { formatMoney } from '@/lib/money/money';
import { OrderStatusBadge } from '../../_components/order-status-badge';
import { CancelOrderForm } from './cancel-order-form';
import { HeldPaymentForms } from './held-payment-forms';
import { RefundForm } from './refund-form';
import { RerouteForm } from './reroute-form';

export const metadata: Metadata = { title: 'Order (admin)' };

const dateTime = (date: Date | null) => (date ? date.toLocaleString('en-IE', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' }) + ' UTC' : '—');
/** Timeline times: short date, seconds, UTC like the rest of the console. */
const eventTime = (date: Date) => date.toLocaleString('en-IE', { dateStyle: 'short', timeStyle: 'medium', timeZone: 'UTC' });

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

export default async function AdminOrderPage({ params }: { params: Promise<{ orderId: string }> }) {
  const { orderId } = await params;
  await requirePageRole(['admin'], `/admin/orders/${orderId}`);
  // Before the order is read: whatever changes after that read is streamed to the page.
  const streamFrom = await liveStreamStart();
  let details;
  try {
    details = await getAdminOrder(orderId);
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') notFound();
    throw error;
  }
  const { order, customer, shop, jobs, files, ledger, refundableMinor, timeline, actorNames, audit, disputes, moves } = details;
  const money = (minor: number) => formatMoney(minor, order.currency);
  const refundSuggestions = await adminRefundSuggestions(order.id);
  const isCancelable = ['paid', 'printing', 'ready'].includes(order.status);
  const isHeld = order.status === 'payment_review';
  const mismatch = timeline.findLast((event) => event.type === 'order.paid_amount_mismatch')?.data as { amountMinor?: number; currency?: string } | undefined;
  const reroute =
    order.paidAt && ['paid', 'refunded'].includes(order.status) ? await rerouteOptionsForAdmin(order.id).catch((error: unknown) => (isAppError(error) ? null : Promise.reject(error))) : null;
  return (
    <div className="space-y-6" data-testid="admin-order" data-status={order.status}>
      <PageHeader
        title={`Order ${order.number}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <OrderStatusBadge status={order.status} /> placed {dateTime(order.createdAt)} ·
            <Link href={`/orders/${order.id}`} className="text-brand-700 underline hover:no-underline">
              customer’s view
            </Link>
          </span>
        }
        actions={
          <span className="flex items-center gap-3">
            <LiveRefresh url={`/api/orders/${order.id}/events?after=${streamFrom}`} label="Live" />
            <Link href="/admin/orders" className="rounded-md px-3 py-1.5 text-sm text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50">
              All orders
            </Link>
          </span>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="space-y-6">
          <Card>
            <h2 className="mb-3 font-semibold">Order</h2>
            <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-1 text-sm">
              <Row label="Customer">
                {customer.name} &lt;{customer.email}&gt;{' '}
                <Link href={`/admin/orders?email=${encodeURIComponent(customer.email)}`} className="text-brand-700 underline hover:no-underline">
                  their orders
                </Link>
              </Row>
              <Row label="Shop">
                <Link href={`/admin/shops/${shop.id}`} className="text-brand-700 underline hover:no-underline">
                  {shop.name}
                </Link>{' '}
                ({shop.city}) {shop.status !== 'active' ? <Badge tone="bad">{shop.status.replace('_', ' ')}</Badge> : null}
              </Row>
              <Row label="Paid">{dateTime(order.paidAt)}</Row>
              <Row label="Ready">{dateTime(order.readyAt)}</Row>
              <Row label="Collected">{dateTime(order.collectedAt)}</Row>
              <Row label="Files">
                {files.map((f) => `${f.filename} (${f.pageCount ?? '?'} p.)`).join(', ') || '—'}
                {order.filesDeletedAt ? <span className="text-slate-500"> · deleted {dateTime(order.filesDeletedAt)}</span> : null}
              </Row>
              <Row label="Stripe">
                <span className="font-mono text-xs">{order.stripeChargeId ?? order.stripeCheckoutSessionId ?? '—'}</span>
              </Row>
            </dl>
          </Card>

          <Card>
            <h2 className="mb-3 font-semibold">Money</h2>
            <table className="w-full text-sm">
              <tbody className="divide-y divide-slate-100">
                {order.quote.lines.map((line) => (
                  <tr key={line.kind + line.label}>
                    <td className="py-1">{line.label}</td>
                    <td className="py-1 text-right tabular-nums">{money(line.amountMinor)}</td>
                  </tr>
                ))}
                <tr className="font-semibold">
                  <td className="py-1">Total</td>
                  <td className="py-1 text-right tabular-nums" data-testid="admin-order-total">
                    {money(order.totalMinor)}
                  </td>
                </tr>
                <tr className="text-slate-600">
                  <td className="py-1">Platform fee (fixed at payment)</td>
                  <td className="py-1 text-right tabular-nums">{money(order.platformFeeMinor)}</td>
                </tr>
              </tbody>
            </table>
            <dl className="mt-4 grid grid-cols-2 gap-x-4 gap-y-1 border-t border-slate-200 pt-3 text-sm sm:grid-cols-4" data-testid="admin-order-ledger">
              <div>
                <dt className="text-slate-500">Paid (ledger)</dt>
                <dd className="tabular-nums">{money(ledger.paidMinor)}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Refunded</dt>
                <dd className="tabular-nums" data-testid="admin-order-refunded">
                  {money(ledger.refundedMinor)}
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">Still refundable</dt>
                <dd className="tabular-nums" data-testid="admin-order-refundable">
                  {money(refundableMinor)}
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">Shop earning</dt>
                <dd>{ledger.isEarningBooked ? `${money(ledger.shopBookedMinor)} booked` : 'not yet (at hand-over)'}</dd>
              </div>
            </dl>
            {details.refunds.length ? (
              <table className="mt-4 w-full text-sm" aria-label="Refunds">
                <thead className="text-left text-slate-500">
                  <tr>
                    <th className="py-1 font-medium">Refund</th>
                    <th className="py-1 font-medium">By</th>
                    <th className="py-1 font-medium">Status</th>
                    <th className="py-1 text-right font-medium">Amount</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {details.refunds.map(({ refund, requestedByEmail }) => (
                    <tr key={refund.id}>
                      <td className="py-1">
                        {refund.reason}{' '}
                        <span className="text-xs text-slate-500">
                          ({refund.kind.replace('_', ' ')}, {dateTime(refund.createdAt)})
                        </span>
                      </td>
                      <td className="py-1 text-slate-600">{requestedByEmail ?? refund.requestedBy ?? 'Stripe'}</td>
                      <td className="py-1">
                        <Badge tone={refund.status === 'succeeded' ? 'good' : refund.status === 'failed' ? 'bad' : 'warn'} title={refund.failureMessage ?? undefined}>
                          {refund.status}
                        </Badge>
                      </td>
                      <td className="py-1 text-right tabular-nums">−{money(refund.amountMinor)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            {disputes.length ? (
              <ul className="mt-4 space-y-1 text-sm" aria-label="Disputes">
                {disputes.map((d) => (
                  <li key={d.id}>
                    <Badge tone="bad">Dispute</Badge> {money(d.amountMinor)} · {d.reason.replace(/_/g, ' ')} · {d.status.replace(/_/g, ' ')}{' '}
                    <span className="font-mono text-xs text-slate-500">{d.id}</span>
                  </li>
                ))}
              </ul>
            ) : null}
            {moves.length ? (
              <ul className="mt-4 space-y-1 text-sm" aria-label="Moves">
                {moves.map(({ move, fromShopName }) => (
                  <li key={move.id}>
                    Moved from {fromShopName}: new total {money(move.totalMinor)}, difference {money(move.differenceMinor)} · {move.status.replace('_', ' ')}
                  </li>
                ))}
              </ul>
            ) : null}
          </Card>

          <Card>
            <h2 className="mb-3 font-semibold">Print jobs</h2>
            {jobs.length === 0 ? (
              <p className="text-sm text-slate-600">No print job: the order was never paid.</p>
            ) : (
              <div className="overflow-x-auto">
                <table className="w-full text-sm">
                  <thead className="text-left text-slate-500">
                    <tr>
                      <th className="py-1 font-medium">State</th>
                      <th className="py-1 font-medium">Shop · printer</th>
                      <th className="py-1 font-medium">Pages</th>
                      <th className="py-1 font-medium">Attempts</th>
                      <th className="py-1 font-medium">Created</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {jobs.map(({ job, printerName, shopName }) => (
                      <tr key={job.id} data-job-state={job.state}>
                        <td className="py-1">
                          {jobStateLabel(job)}
                          {job.cancelRequestedAt ? <Badge tone="warn">stopping</Badge> : null}
                          {job.lastError ? <span className="block text-xs text-red-700">{job.lastError}</span> : null}
                        </td>
                        <td className="py-1">
                          {shopName} · {printerName ?? 'no printer yet'}
                        </td>
                        <td className="py-1 tabular-nums">
                          {job.impressionsCompleted}/{job.expectedImpressions ?? '?'}
                        </td>
                        <td className="py-1 tabular-nums">{job.attempts}</td>
                        <td className="py-1 text-slate-600">{dateTime(job.createdAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Card>

          <Card>
            <h2 className="mb-3 font-semibold">Timeline (UTC)</h2>
            <ol className="space-y-2 text-sm" data-testid="admin-order-timeline">
              {timeline.map((event) => (
                <li key={event.id} className="grid grid-cols-[10rem_1fr] gap-3" data-event-type={event.type}>
                  <span className="whitespace-nowrap text-slate-500 tabular-nums">{eventTime(event.createdAt)}</span>
                  <div>
                    <p>
                      {describeEvent(event, order.currency)} <span className="text-xs text-slate-500">· {actorNames[event.actor] ?? event.actor}</span>
                    </p>
                    <details className="text-xs text-slate-600">
                      <summary className="cursor-pointer select-none">
                        <code>{event.type}</code> #{event.id}
                      </summary>
                      <pre className="mt-1 overflow-x-auto rounded bg-slate-50 p-2">
                        {JSON.stringify({ ...event.data, jobId: event.jobId, printerId: event.printerId, shopId: event.shopId, actor: event.actor }, null, 2)}
                      </pre>
                    </details>
                  </div>
                </li>
              ))}
            </ol>
          </Card>
        </div>

        <aside className="space-y-6">
          {isHeld ? (
            <Card data-testid="held-payment">
              <h2 className="mb-1 flex items-center gap-2 font-semibold">
                Payment held for a check <Badge tone="warn">held</Badge>
              </h2>
              <p className="mb-3 text-sm">
                Stripe received <strong>{mismatch?.amountMinor !== undefined ? formatMoney(mismatch.amountMinor, mismatch.currency ?? order.currency) : money(ledger.paidMinor)}</strong>, but the order
                costs <strong>{money(order.totalMinor)}</strong>. Nothing prints until you decide. The customer is told the payment is being checked.
              </p>
              <HeldPaymentForms orderId={order.id} />
            </Card>
          ) : null}
          <Card>
            <h2 className="mb-3 font-semibold">Refund</h2>
            {refundableMinor > 0 ? (
              <RefundForm
                orderId={order.id}
                currency={order.currency}
                refundableLabel={money(refundableMinor)}
                suggestions={[
                  ...(refundSuggestions.pagesNotPrintedMinor ? [{ label: 'Pages not printed', amountMinor: refundSuggestions.pagesNotPrintedMinor }] : []),
                  { label: 'Full remaining', amountMinor: refundSuggestions.fullRemainingMinor },
                ]}
              />
            ) : (
              <p className="text-sm text-slate-600">{order.paidAt ? 'Nothing left to refund.' : 'The order was never paid.'}</p>
            )}
          </Card>
          {isCancelable ? (
            <Card>
              <h2 className="mb-3 font-semibold">Cancel with refund</h2>
              <CancelOrderForm orderId={order.id} />
            </Card>
          ) : null}
          {reroute ? (
            <Card>
              <h2 className="mb-1 font-semibold">Move to another shop</h2>
              <p className="mb-3 text-sm text-slate-600">{reroute.eligibility.message}</p>
              {reroute.pendingMove ? (
                <p className="mb-3 text-sm">
                  Waiting for the customer to pay {money(reroute.pendingMove.differenceMinor)} to move to {reroute.pendingMove.toShopName}.
                </p>
              ) : null}
              {reroute.eligibility.canMove && reroute.options.length ? (
                <RerouteForm
                  orderId={order.id}
                  choices={reroute.options.map((o) => ({
                    shopId: o.shopId,
                    shopName: o.shopName,
                    address: o.address,
                    distance: formatDistance(o.distanceM),
                    total: money(o.totalMinor),
                    totalMinor: o.totalMinor,
                    difference: o.differenceMinor > 0 ? `customer pays ${money(o.differenceMinor)} more` : o.differenceMinor < 0 ? `${money(-o.differenceMinor)} refunded` : 'same price',
                  }))}
                />
              ) : reroute.eligibility.canMove ? (
                <p className="text-sm text-slate-600">No other shop nearby can print this job right now.</p>
              ) : null}
            </Card>
          ) : null}
          <Card>
            <h2 className="mb-3 font-semibold">Admin actions</h2>
            {audit.length === 0 ? (
              <p className="text-sm text-slate-600">None yet.</p>
            ) : (
              <ul className="space-y-2 text-sm" data-testid="admin-order-audit">
                {audit.map(({ entry, actorEmail }) => (
                  <li key={entry.id}>
                    <code className="text-xs">{entry.action}</code> by {actorEmail}
                    <span className="block text-xs text-slate-500">
                      {dateTime(entry.createdAt)}
                      {entry.reason ? ` · ${entry.reason}` : ''}
                    </span>
                  </li>
                ))}
              </ul>
            )}
            <Link href={`/admin/audit?targetType=order&targetId=${order.id}`} className="mt-2 inline-block text-sm text-brand-700 hover:underline">
              Full audit entries
            </Link>
          </Card>
        </aside>
      </div>
    </div>
  );
}
