'use client';

import { useActionState } from 'react';
import { FormField } from '@/app/_components/form-field';
import type { TActionState } from '@/app/_lib/action';
import { SubmitButton } from '@/app/_components/submit-button';
import { ActionMessage } from '../../_components/action-message';
import { ConfirmCheckbox } from '../../_components/confirm-checkbox';
import { refundHeldPaymentAction, releaseHeldPaymentAction } from '../actions';

type THeldAction = (state: TActionState, formData: FormData) => Promise<TActionState>;

function HeldPaymentForm({
  orderId,
  action,
  kind,
  confirmText,
  label,
  pendingLabel,
}: {
  orderId: string;
  action: THeldAction;
  kind: 'release' | 'refund';
  confirmText: string;
  label: string;
  pendingLabel: string;
}) {
  const [state, formAction] = useActionState(action, {});
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-3" data-testid={`held-payment-${kind}-form`}>
      <ActionMessage state={state} />
      <input type="hidden" name="orderId" value={orderId} />
      <FormField label="What you checked (the customer sees it)" name="reason" id={`held-${kind}-reason`} defaultValue={state.values?.reason ?? ''} errors={errors.reason} />
      <ConfirmCheckbox errors={errors.confirm}>{confirmText}</ConfirmCheckbox>
      <SubmitButton tone={kind === 'refund' ? 'danger' : undefined} pendingLabel={pendingLabel}>
        {label}
      </SubmitButton>
    </form>
  );
}

/** The two ways out of a payment hold: print as paid, or refund everything. */
export function HeldPaymentForms({ orderId }: { orderId: string }) {
  return (
    <div className="space-y-5">
      <HeldPaymentForm
        orderId={orderId}
        action={releaseHeldPaymentAction}
        kind="release"
        confirmText="The payment is right for this order: send it to the shop to print."
        label="Print as paid"
        pendingLabel="Releasing…"
      />
      <HeldPaymentForm
        orderId={orderId}
        action={refundHeldPaymentAction}
        kind="refund"
        confirmText="Refund the whole payment; the order will not print."
        label="Refund instead"
        pendingLabel="Refunding…"
      />
    </div>
  );
}
