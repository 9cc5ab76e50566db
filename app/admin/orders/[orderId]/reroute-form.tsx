'use client';

import { useActionState } from 'react';
import { FormField } from '@/app/_components/form-field';
import { SubmitButton } from '@/app/_components/submit-button';
import { ActionMessage } from '../../_components/action-message';
import { ConfirmCheckbox } from '../../_components/confirm-checkbox';
import { rerouteOrderAction } from '../actions';

export type TRerouteChoice = { shopId: string; shopName: string; address: string; distance: string; total: string; totalMinor: number; difference: string };

/**
 * Moves a stuck order to another shop once the customer agreed: the admin picks one of the
 * shops the customer would be offered and writes down how the customer agreed.
 */
export function RerouteForm({ orderId, choices }: { orderId: string; choices: TRerouteChoice[] }) {
  const [state, formAction] = useActionState(rerouteOrderAction, {});
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-3" data-testid="reroute-form">
      <ActionMessage state={state} />
      <input type="hidden" name="orderId" value={orderId} />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">Move to</legend>
        {choices.map((choice) => (
          <label key={choice.shopId} className="flex items-start gap-2 rounded-md border border-slate-200 p-2 text-sm has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50">
            <input type="radio" name="toShopId" value={choice.shopId} className="mt-0.5" defaultChecked={state.values?.toShopId === choice.shopId} />
            <input type="hidden" name={`total.${choice.shopId}`} value={choice.totalMinor} />
            <span className="flex-1">
              <span className="font-medium">{choice.shopName}</span> · {choice.address} · {choice.distance}
              <span className="block text-slate-600">
                {choice.total} ({choice.difference})
              </span>
            </span>
          </label>
        ))}
        {errors.toShopId ? (
          <p className="text-sm text-red-700" data-field-error="toShopId">
            {errors.toShopId.join(' ')}
          </p>
        ) : null}
      </fieldset>
      <FormField label="How the customer agreed" name="agreement" id="reroute-agreement" defaultValue={state.values?.agreement ?? ''} errors={errors.agreement} placeholder="e.g. by phone at 14:05" />
      <ConfirmCheckbox errors={errors.confirm}>The customer agreed to move this order.</ConfirmCheckbox>
      <SubmitButton pendingLabel="Moving…">Move the order</SubmitButton>
    </form>
  );
}
