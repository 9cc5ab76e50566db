import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import QRCode from 'qrcode';
import { LiveRefresh } from '@/app/_components/live-refresh';
import { Alert, Badge, Card } from '@/app/_components/ui';
import { requirePageRole } from '@/app/_lib/session';
import { isAppError } from '@/lib/errors/app-error';
import { isId } from '@/lib/errors/ids';
import { liveStreamStart } from '@/lib/events/read-events';
import { MEDIA } from '@/lib/job-options/media';
import { formatMoney } from '@/lib/money/money';
import { getOrderDetails } from '@/lib/orders/order-details';
import { orderHistory } from '@/lib/orders/order-history';
import { orderProgress, PROGRESS_STEPS } from '@/lib/orders/order-progress';
import { pickupCodeFor, pickupQrPayload } from '@/lib/orders/pickup-code';
import { MoveOrderPanel } from '@/app/_components/orders/move-order-panel';
import { listMoveOptions } from '@/lib/billing/moves/list-move-options';
import { describeTodayHours } from '@/lib/shops/describe-hours';
import { openStateAt } from '@/lib/shops/opening-hours';
import { shopDirections } from '@/lib/shops/shop-directions';
import { getOpeningSchedule } from '@/lib/shops/shop-hours';
import { formatShopTime } from '@/lib/search/format-shop-time';
import { orderPickupLocks } from '@/lib/shop-queue/pickup-lockout';
import { UnpaidOrderActions } from './unpaid-order-actions';
import { countOf } from '@/lib/text/count-of';

export const metadata: Metadata = { title: 'Order' };

const TONE_CLASS = { info: 'border-brand-100 bg-brand-50', good: 'border-emerald-200 bg-emerald-50', warn: 'border-amber-200 bg-amber-50', bad: 'border-red-200 bg-red-50' };

export default async function OrderPage({ params, searchParams }: { params: Promise<{ orderId: string }>; searchParams: Promise<{ checkout?: string; move?: string }> }) {
  const { orderId } = await params;
  const { checkout, move } = await searchParams;
  const user = await requirePageRole(['customer', 'admin'], `/orders/${orderId}`);
  // Before the order is read: whatever changes after that read is streamed to the page.
  const streamFrom = await liveStreamStart();
  let details;
  try {
    details = await getOrderDetails(user, orderId);
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') {
      // A guest whose email already had an account: the order is that account's, shown only after they prove the email.
      if (user.isAnonymous && isId(orderId)) return <GuestOrderNotice orderId={orderId} />;
      notFound();
    }
    throw error;
  }
  const { order, shop, files, job, refunds, timeline } = details;
  const progress = orderProgress(order, job?.job ?? null);
  const isPaid = !!order.paidAt;
  const showPickup = isPaid && !['collected', 'refunded', 'payment_review'].includes(order.status);
  const code = pickupCodeFor(order.id);
  const qr = showPickup ? await QRCode.toDataURL(pickupQrPayload(order.number, code), { margin: 1, width: 180 }) : null;
  const refunded = refunds.filter((r) => r.status === 'succeeded').reduce((sum, r) => sum + r.amountMinor, 0);
  const isConfirming = order.status === 'awaiting_payment' && checkout === 'success';
  const moveOffer = order.customerId === user.id ? await listMoveOptions({ orderId: order.id, customerId: user.id }) : null;
  const pickup = order.status === 'ready' ? await pickupHours(shop) : null;
  const pickupLockedUntil = showPickup ? ((await orderPickupLocks([order.id])).get(order.id) ?? null) : null;
  return (
    <div className="space-y-6" data-testid="order-page" data-status={order.status}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <p className="text-sm text-slate-500">
            <Link href="/orders" className="hover:underline">
              My orders
            </Link>
          </p>
          <h1 className="text-2xl font-semibold">Order {order.number}</h1>
          <p className="text-sm text-slate-600">
            <Link href={`/shops/${shop.id}`} className="font-medium text-brand-600 hover:underline">
              {shop.name}
            </Link>{' '}
            · {shop.addressLine}, {shop.city}
          </p>
        </div>
        <LiveRefresh url={`/api/orders/${order.id}/events?after=${streamFrom}`} label="Live updates" />
      </div>

      <section className={`rounded-xl border p-5 ${TONE_CLASS[isConfirming ? 'info' : progress.tone]}`} aria-live="polite">
        <p className="text-lg font-semibold" data-testid="order-headline">
          {isConfirming ? 'Payment received by Stripe; confirming it…' : progress.headline}
        </p>
        {progress.pages ? (
          <progress className="mt-2 h-2 w-full accent-brand-600" value={progress.pages.done} max={progress.pages.of} aria-label={progress.headline} data-testid="printing-progress" />
        ) : null}
        {progress.detail ? <p className="mt-1 text-sm">{progress.detail}</p> : null}
        {pickup ? (
          <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm" data-testid="pickup-hours">
            <span className="font-medium">{pickup.today}</span>
            <span>{pickup.openLabel}</span>
            <a className="font-medium text-brand-700 hover:underline" href={pickup.directions.directionsUrl} target="_blank" rel="noopener noreferrer">
              Directions
            </a>
            <a className="text-brand-700 hover:underline" href={pickup.directions.geoUri}>
              Open in your maps app
            </a>
          </div>
        ) : null}
        {order.status !== 'canceled' && order.status !== 'awaiting_payment' ? (
          <ol className="mt-4 grid grid-cols-2 gap-2 text-xs sm:grid-cols-6" aria-label="Progress">
            {PROGRESS_STEPS.map((step, i) => (
              <li key={step.key} className="flex items-center gap-2" aria-current={i === progress.doneCount ? 'step' : undefined}>
                <span
                  className={`grid h-5 w-5 shrink-0 place-items-center rounded-full ${i < progress.doneCount ? 'bg-emerald-500 text-white' : i === progress.doneCount ? 'border-2 border-brand-500' : 'border border-slate-300'}`}
                >
                  {i < progress.doneCount ? '✓' : ''}
                </span>
                <span className={i <= progress.doneCount ? 'font-medium' : 'text-slate-500'}>{step.label}</span>
              </li>
            ))}
          </ol>
        ) : null}
        {order.status === 'awaiting_payment' && !isConfirming ? <UnpaidOrderActions orderId={order.id} checkoutUrl={order.checkoutUrl} /> : null}
      </section>

      {moveOffer ? <MoveOrderPanel orderId={order.id} offer={moveOffer} isConfirmingMove={move === 'success'} /> : null}

      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <div className="space-y-6">
          <Card>
            <h2 className="mb-3 font-semibold">Receipt</h2>
            <ul className="space-y-1 text-sm">
              {order.quote.lines.map((line) => (
                <li key={line.kind + line.label} className="flex justify-between gap-3">
                  <span>{line.label}</span>
                  <span className="tabular-nums">{formatMoney(line.amountMinor, order.currency)}</span>
                </li>
              ))}
            </ul>
            <p className="mt-3 flex justify-between border-t border-slate-200 pt-3 font-semibold">
              <span>Total {isPaid ? 'paid' : 'to pay'}</span>
              <span data-testid="order-total">{formatMoney(order.totalMinor, order.currency)}</span>
            </p>
            {refunds.length ? (
              <ul className="mt-3 space-y-1 text-sm" aria-label="Refunds">
                {refunds.map((refund) => (
                  <li key={refund.id} className="flex justify-between gap-3 text-slate-700">
                    <span>
                      Refund: {refund.reason} <Badge tone={refund.status === 'succeeded' ? 'good' : refund.status === 'failed' ? 'bad' : 'warn'}>{refund.status}</Badge>
                    </span>
                    <span className="tabular-nums">−{formatMoney(refund.amountMinor, order.currency)}</span>
                  </li>
                ))}
              </ul>
            ) : null}
            {refunded > 0 ? <p className="mt-2 text-sm text-slate-600">You paid {formatMoney(order.totalMinor - refunded, order.currency)} after refunds.</p> : null}
            <p className="mt-3 text-xs text-slate-500">
              {MEDIA[order.options.media].label}, {order.options.colorMode === 'auto' ? 'colour where needed' : order.options.colorMode === 'color' ? 'all colour' : 'black & white'},{' '}
              {order.options.sides === 'one-sided' ? 'one-sided' : 'two-sided'}, {countOf(order.options.copies, 'copy', 'copies')}
              {order.options.pagesPerSheet > 1 ? `, ${order.options.pagesPerSheet} pages per sheet` : ''}
              {order.options.finishing !== 'none' ? `, ${order.options.finishing}` : ''}.
            </p>
          </Card>
          <Card>
            <h2 className="mb-3 font-semibold">Files</h2>
            <ul className="space-y-1 text-sm">
              {files.map((file) => (
                <li key={file.id} className="flex justify-between gap-3">
                  <span>{file.filename}</span>
                  <span className="text-slate-500">{file.pageCount === null ? '' : countOf(file.pageCount, 'page')}</span>
                </li>
              ))}
            </ul>
            {order.filesDeletedAt || files.some((f) => f.filesDeletedAt) ? (
              <p className="mt-2 text-sm text-slate-600" data-testid="files-deleted">
                Your files were deleted on {(order.filesDeletedAt ?? files.find((f) => f.filesDeletedAt)!.filesDeletedAt!).toLocaleString('en-IE')}, as we promise after pickup. The order and receipt
                stay.
              </p>
            ) : null}
          </Card>
          <Card>
            <h2 className="mb-3 font-semibold">History</h2>
            <ol className="space-y-1 text-sm" data-testid="order-timeline">
              {orderHistory(timeline, order.currency).map((row) => (
                <li key={row.id} className="flex flex-col sm:flex-row sm:gap-3">
                  <span className="shrink-0 whitespace-nowrap text-slate-500 sm:w-44">{row.at.toLocaleString('en-IE', { dateStyle: 'short', timeStyle: 'medium' })}</span>
                  <span>
                    {row.text}
                    {row.updates > 1 ? <span className="text-slate-500"> ({row.updates} updates)</span> : null}
                  </span>
                </li>
              ))}
            </ol>
          </Card>
        </div>
        {/* On a phone the pickup code comes right after the state, before the receipt and history. */}
        <aside className="order-first space-y-4 lg:order-none">
          {showPickup ? (
            <Card className="text-center" data-testid="pickup">
              <p className="text-sm text-slate-600">Pickup code</p>
              <p className="my-2 font-mono text-4xl font-semibold tracking-widest" data-testid="pickup-code">
                {code}
              </p>
              {/* eslint-disable-next-line @next/next/no-img-element -- an inline data URL */}
              {qr ? <img src={qr} alt={`QR code for pickup code ${code}`} className="mx-auto" width={180} height={180} /> : null}
              <p className="mt-2 text-xs text-slate-500">Show this at {shop.name}. Keep it to yourself until then.</p>
            </Card>
          ) : null}
          {pickupLockedUntil ? (
            <Alert tone="warn">
              <span data-testid="pickup-locked">
                Hand-over of this order is paused until {formatShopTime(pickupLockedUntil.toISOString(), new Date(), shop.timezone)}: wrong pickup codes were entered for it at the counter. Your code
                still works after that. If you did not try to collect it, keep your code to yourself.
              </span>
            </Alert>
          ) : null}
          {order.status === 'awaiting_payment' && isConfirming ? <Alert tone="info">This page updates by itself as soon as the payment is confirmed.</Alert> : null}
        </aside>
      </div>
    </div>
  );
}

/** For "Ready for pickup": when the shop is open today, whether it is open now, and the way there. */
async function pickupHours(shop: { id: string; name: string; lat: number; lng: number; timezone: string }) {
  const schedule = await getOpeningSchedule(shop.id, shop.timezone);
  const now = new Date();
  const state = openStateAt(schedule, now);
  const at = now.toISOString();
  return {
    today: describeTodayHours(schedule, now),
    openLabel: state.isOpen
      ? `Open now, until ${formatShopTime(state.closesAt.toISO()!, at, shop.timezone)}`
      : state.opensAt
        ? `Closed now, opens ${formatShopTime(state.opensAt.toISO()!, at, shop.timezone)}`
        : 'Closed now',
    directions: shopDirections(shop),
  };
}

/**
 * What a guest sees after paying with the email of an existing account: nothing about the order
 * (the same for any order id), only where to find it.
 */
function GuestOrderNotice({ orderId }: { orderId: string }) {
  return (
    <div className="mx-auto max-w-lg py-6" data-testid="guest-order-notice">
      <Card>
        <h1 className="mb-2 text-xl font-semibold">Your order is in your account</h1>
        <p className="mb-3 text-slate-700">
          The email address you gave already has a Nearprint account, so the order was added to it. To see it, open the sign-in link we emailed you, or sign in with your password.
        </p>
        <p className="mb-4 text-sm text-slate-500">The receipt goes to the same address as soon as the payment is confirmed.</p>
        <Link className="font-medium text-brand-600 hover:underline" href={`/sign-in?next=${encodeURIComponent(`/orders/${orderId}`)}`}>
          Sign in to see the order
        </Link>
      </Card>
    </div>
  );
}
