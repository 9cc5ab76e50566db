'use client';

import { useActionState } from 'react';
import { FormField } from '@/app/_components/form-field';
import { SubmitButton } from '@/app/_components/submit-button';
import { ActionMessage } from '../../_components/action-message';
import { cancelOrderAction } from '../actions';

/** Stops the order's printing for good and refunds what is left; asks for a reason and a tick. */
export function CancelOrderForm({ orderId }: { orderId: string }) {
  const [state, formAction] = useActionState(cancelOrderAction, {});
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-3" data-testid="cancel-order-form">
      <ActionMessage state={state} />
      <input type="hidden" name="orderId" value={orderId} />
      <FormField label="Reason (the customer and the shop see it)" name="reason" id="cancel-reason" defaultValue={state.values?.reason ?? ''} errors={errors.reason} />
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="confirm" value="yes" className="mt-0.5" aria-invalid={errors.confirm ? true : undefined} />
        <span>Stop printing this order and refund everything still refundable.</span>
      </label>
      {errors.confirm ? (
        <p className="text-sm text-red-700" data-field-error="confirm">
          {errors.confirm.join(' ')}
        </p>
      ) : null}
      <SubmitButton tone="danger" pendingLabel="Cancelling…">
        Cancel order with refund
      </SubmitButton>
    </form>
  );
}
