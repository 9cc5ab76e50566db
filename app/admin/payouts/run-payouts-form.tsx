'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/app/_components/submit-button';
import { ActionMessage } from '../_components/action-message';
import { ConfirmCheckbox } from '../_components/confirm-checkbox';
import { runPayoutsAction } from './actions';

export type TPayoutPreviewRow = { shopId: string; shopName: string; amountLabel: string };

/**
 * Shows what the run will pay, shop by shop, before anything moves: the admin ticks that they
 * checked it, and the run refuses if the shops or the total changed since (safe to press twice).
 */
export function RunPayoutsForm({ payableLabel, payableMinor, shops }: { payableLabel: string; payableMinor: number; shops: TPayoutPreviewRow[] }) {
  const [state, formAction] = useActionState(runPayoutsAction, {});
  if (!shops.length) {
    return (
      <div className="space-y-3" data-testid="run-payouts-form">
        <ActionMessage state={state} />
        <p className="text-sm text-slate-600">No shop can be paid now.</p>
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-3" data-testid="run-payouts-form">
      <ActionMessage state={state} />
      <input type="hidden" name="expectedShopCount" value={shops.length} />
      <input type="hidden" name="expectedTotalMinor" value={payableMinor} />
      <details className="text-sm" data-testid="payout-preview">
        <summary className="cursor-pointer text-slate-700">
          This run pays {shops.length === 1 ? '1 shop' : `${shops.length} shops`} {payableLabel} in total
        </summary>
        <ul className="mt-2 divide-y divide-slate-100">
          {shops.map((shop) => (
            <li key={shop.shopId} className="flex justify-between gap-3 py-1">
              <span>{shop.shopName}</span>
              <span className="tabular-nums">{shop.amountLabel}</span>
            </li>
          ))}
        </ul>
      </details>
      <ConfirmCheckbox errors={state.fieldErrors?.confirm}>I checked the shops and amounts: pay {payableLabel} by Stripe transfer.</ConfirmCheckbox>
      <SubmitButton pendingLabel="Paying shops…">Run payouts ({payableLabel})</SubmitButton>
    </form>
  );
}
