'use client';

import { useActionState } from 'react';
import { FormField } from '@/app/_components/form-field';
import { SubmitButton } from '@/app/_components/submit-button';
import { ActionMessage } from '../../_components/action-message';
import { ConfirmCheckbox } from '../../_components/confirm-checkbox';
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
      <ConfirmCheckbox errors={errors.confirm}>Stop printing this order and refund everything still refundable.</ConfirmCheckbox>
      <SubmitButton tone="danger" pendingLabel="Cancelling…">
        Cancel order with refund
      </SubmitButton>
    </form>
  );
}
