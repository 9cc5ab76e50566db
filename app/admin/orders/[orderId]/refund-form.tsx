'use client';

import { useActionState, useState, useTransition } from 'react';
import { FormField } from '@/app/_components/form-field';
import { SubmitButton } from '@/app/_components/submit-button';
import { Button } from '@/app/_components/ui';
import type { TAdminRefundPreview } from '@/lib/admin/refund-order-as-admin';
import { formatMoney, minorToDecimalString } from '@/lib/money/money';
import { MoneyChange } from '@/app/admin/_components/money-change';
import { ActionMessage } from '../../_components/action-message';
import { previewRefundAction, refundOrderAction } from '../actions';

type TSuggestion = { label: string; amountMinor: number };

/** "€2.70 → €1.80 (−€0.90)": one party's money for this order, before and after. */
/**
 * Full or partial refund in two steps, so a click never refunds by accident: the amount starts
 * empty (suggested amounts are buttons), "Review refund" shows what it does to the customer,
 * the shop's earning and the platform fee, and only "Confirm" sends it. After a refund the
 * form is empty again, never refilled with the remainder.
 */
export function RefundForm({ orderId, currency, refundableLabel, suggestions }: { orderId: string; currency: string; refundableLabel: string; suggestions: TSuggestion[] }) {
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [preview, setPreview] = useState<TAdminRefundPreview | null>(null);
  const [previewErrors, setPreviewErrors] = useState<Record<string, string[]>>({});
  const [isReviewing, startReview] = useTransition();
  const [state, formAction] = useActionState(async (previous: Parameters<typeof refundOrderAction>[0], formData: FormData) => {
    const next = await refundOrderAction(previous, formData);
    if (next.success) {
      setAmount('');
      setReason('');
    }
    setPreview(null);
    return next;
  }, {});
  const errors = { ...(state.fieldErrors ?? {}), ...previewErrors };

  const review = () =>
    startReview(async () => {
      const result = await previewRefundAction({ orderId, amount, reason });
      if (result.ok) {
        setPreviewErrors({});
        setPreview(result.data);
      } else {
        setPreview(null);
        setPreviewErrors(result.fieldErrors ?? { amount: [result.error] });
      }
    });
  const change = (set: (value: string) => void) => (value: string) => {
    set(value);
    setPreview(null);
  };

  return (
    <form action={formAction} className="space-y-3" data-testid="refund-form">
      <ActionMessage state={preview ? {} : state} />
      <input type="hidden" name="orderId" value={orderId} />
      <FormField
        label={`Amount to refund (${formatMoney(0, currency).replace(/[\d.,\s]/g, '')})`}
        name="amount"
        id="refund-amount"
        inputMode="decimal"
        value={amount}
        onChange={(e) => change(setAmount)(e.target.value)}
        readOnly={preview !== null}
        errors={errors.amount}
        hint={`Up to ${refundableLabel}.`}
      />
      {suggestions.length ? (
        <div className="flex flex-wrap gap-2" data-testid="refund-suggestions">
          {suggestions.map((s) => (
            <Button key={s.label} type="button" tone="secondary" className="text-xs" onClick={() => change(setAmount)(minorToDecimalString(s.amountMinor, currency))}>
              {s.label}: {formatMoney(s.amountMinor, currency)}
            </Button>
          ))}
        </div>
      ) : null}
      <FormField
        label="Reason (the customer sees it)"
        name="reason"
        id="refund-reason"
        value={reason}
        onChange={(e) => change(setReason)(e.target.value)}
        readOnly={preview !== null}
        errors={errors.reason}
        placeholder="e.g. Two pages printed too light"
      />
      {preview ? (
        <div className="space-y-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="refund-preview" role="region" aria-label="What this refund does">
          <p className="font-medium">
            Refund {formatMoney(preview.effect.amountMinor, preview.currency)} on {preview.orderNumber}?
          </p>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
            <dt className="text-slate-600">Customer gets back</dt>
            <dd data-testid="refund-preview-customer">
              {formatMoney(preview.effect.amountMinor, preview.currency)} (refunded in all: {formatMoney(preview.effect.customer.refundedAfterMinor, preview.currency)}; still paid:{' '}
              {formatMoney(preview.effect.customer.keptPaidAfterMinor, preview.currency)})
            </dd>
            <dt className="text-slate-600">Shop’s earning</dt>
            <dd data-testid="refund-preview-shop">
              <MoneyChange before={preview.effect.before.shopMinor} after={preview.effect.after.shopMinor} currency={preview.currency} />
            </dd>
            <dt className="text-slate-600">Platform fee</dt>
            <dd data-testid="refund-preview-fee">
              <MoneyChange before={preview.effect.before.feeMinor} after={preview.effect.after.feeMinor} currency={preview.currency} />
            </dd>
          </dl>
          <input type="hidden" name="confirm" value="yes" />
          <div className="flex gap-2">
            <SubmitButton tone="danger" pendingLabel="Refunding…">
              Confirm refund of {formatMoney(preview.effect.amountMinor, preview.currency)}
            </SubmitButton>
            <Button type="button" tone="ghost" onClick={() => setPreview(null)}>
              Change
            </Button>
          </div>
        </div>
      ) : (
        <Button type="button" tone="danger" onClick={review} disabled={isReviewing || !amount.trim()} aria-busy={isReviewing}>
          {isReviewing ? 'Checking…' : 'Review refund'}
        </Button>
      )}
    </form>
  );
}
