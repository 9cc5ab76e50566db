'use client';

import { useActionState } from 'react';
import { FormField } from '@/app/_components/form-field';
import { SubmitButton } from '@/app/_components/submit-button';
import { ActionMessage } from '../../_components/action-message';
import { refundOrderAction } from '../actions';

/** Full or partial refund: the amount starts at everything still refundable. */
export function RefundForm({ orderId, refundable, refundableLabel, currencySymbol }: { orderId: string; refundable: string; refundableLabel: string; currencySymbol: string }) {
  const [state, formAction] = useActionState(refundOrderAction, {});
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-3" data-testid="refund-form">
      <ActionMessage state={state} />
      <input type="hidden" name="orderId" value={orderId} />
      <FormField
        label={`Amount to refund (${currencySymbol})`}
        name="amount"
        id="refund-amount"
        inputMode="decimal"
        defaultValue={state.values?.amount ?? refundable}
        errors={errors.amount}
        hint={`Up to ${refundableLabel}. Leave it for a full refund.`}
      />
      <FormField
        label="Reason (the customer sees it)"
        name="reason"
        id="refund-reason"
        defaultValue={state.values?.reason ?? ''}
        errors={errors.reason}
        placeholder="e.g. Two pages printed too light"
      />
      <SubmitButton tone="danger" pendingLabel="Refunding…">
        Refund
      </SubmitButton>
    </form>
  );
}
