'use client';

import { useActionState } from 'react';
import type { TActionState } from '@/app/_lib/action';
import { SubmitButton } from '@/app/_components/submit-button';
import { Alert } from '@/app/_components/ui';
import { formatMoney } from '@/lib/money/money';
import type { TMoveOptions } from '@/lib/billing/moves/list-move-options';
import { moveOrderAction, refundInsteadAction } from './move-order-actions';

export type TMoveOrderPanelProps = {
  orderId: string;
  /** From listMoveOptions({ orderId, customerId }) on the server. */
  offer: TMoveOptions;
  /** Back from paying the difference: the webhook moves the order, the page follows live. */
  isConfirmingMove?: boolean;
};

function differenceWords(differenceMinor: number, currency: string): string {
  if (differenceMinor > 0) return `pay ${formatMoney(differenceMinor, currency)} more`;
  if (differenceMinor < 0) return `get ${formatMoney(-differenceMinor, currency)} back`;
  return 'same price';
}

function MoveOption({ orderId, option, currency }: { orderId: string; option: TMoveOptions['options'][number]; currency: string }) {
  const [state, formAction] = useActionState<TActionState, FormData>(moveOrderAction, {});
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 py-3" data-testid="move-option" data-shop-id={option.shopId}>
      <div className="text-sm">
        <p className="font-medium">{option.shopName}</p>
        <p className="text-slate-600">
          {option.address} · {(option.distanceM / 1000).toFixed(1)} km · {formatMoney(option.totalMinor, currency)}
          {option.readyAt ? ` · ready about ${new Date(option.readyAt).toLocaleTimeString('en-IE', { hour: '2-digit', minute: '2-digit' })}` : ''}
        </p>
        {state.error ? (
          <p className="text-red-700" role="alert">
            {state.error}
          </p>
        ) : null}
        {state.success ? (
          <p className="text-emerald-700" role="status">
            {state.success}
          </p>
        ) : null}
      </div>
      <form action={formAction}>
        <input type="hidden" name="orderId" value={orderId} />
        <input type="hidden" name="toShopId" value={option.shopId} />
        <input type="hidden" name="expectedTotalMinor" value={option.totalMinor} />
        <SubmitButton pendingLabel="Moving…">Move here ({differenceWords(option.differenceMinor, currency)})</SubmitButton>
      </form>
    </li>
  );
}

/**
 * Offered on the customer's order page when the shop cannot print a paid order (it declined
 * it, it failed, or its printers have been offline for a while): the next-ranked shops with a
 * fresh price and what moving costs or gives back, in one click, or a full refund instead.
 */
export function MoveOrderPanel({ orderId, offer, isConfirmingMove = false }: TMoveOrderPanelProps) {
  const [refundState, refundAction] = useActionState<TActionState, FormData>(refundInsteadAction, {});
  if (!offer.eligibility.canMove && !offer.pendingMove) return null;
  return (
    <section className="space-y-3 rounded-xl border border-amber-200 bg-amber-50 p-5" data-testid="move-order-panel" aria-labelledby="move-order-title">
      <h2 id="move-order-title" className="font-semibold">
        {offer.eligibility.message} You can move your order to another shop.
      </h2>
      {offer.pendingMove && isConfirmingMove ? (
        <Alert tone="info">Payment received by Stripe; moving your order to {offer.pendingMove.toShopName} as soon as Stripe confirms it. This page updates by itself.</Alert>
      ) : offer.pendingMove ? (
        <Alert tone="info">
          Moving to {offer.pendingMove.toShopName} is waiting for the {formatMoney(offer.pendingMove.differenceMinor, offer.currency)} difference.{' '}
          {offer.pendingMove.checkoutUrl ? (
            <a className="font-medium underline" href={offer.pendingMove.checkoutUrl}>
              Pay the difference
            </a>
          ) : null}
        </Alert>
      ) : null}
      {offer.eligibility.canMove ? (
        <>
          <p className="text-sm">
            Your order holds {formatMoney(offer.creditMinor, offer.currency)}. Prices below are for your exact files at each shop; a cheaper shop refunds the difference, a dearer one asks only for the
            difference.
          </p>
          {offer.options.length ? (
            <ul className="divide-y divide-amber-200">
              {offer.options.map((option) => (
                <MoveOption key={option.shopId} orderId={orderId} option={option} currency={offer.currency} />
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-700">No other shop nearby can print this job right now.</p>
          )}
          {offer.creditMinor > 0 ? (
            <form action={refundAction} className="flex flex-wrap items-center gap-3 border-t border-amber-200 pt-3">
              <input type="hidden" name="orderId" value={orderId} />
              <SubmitButton tone="secondary" pendingLabel="Refunding…">
                Refund {formatMoney(offer.creditMinor, offer.currency)} instead
              </SubmitButton>
              {refundState.error ? <span className="text-sm text-red-700">{refundState.error}</span> : null}
              {refundState.success ? <span className="text-sm text-emerald-700">{refundState.success}</span> : null}
            </form>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
