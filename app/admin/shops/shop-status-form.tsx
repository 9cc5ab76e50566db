'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/app/_components/submit-button';
import { ActionMessage } from '../_components/action-message';
import { setShopStatusAction } from '../actions';

/**
 * Approve / reinstate in one click; suspending asks for the reason the owner will read and
 * what happens to the orders the shop has not printed yet.
 */
export function ShopStatusForm({ shopId, status, openOrders }: { shopId: string; status: 'pending_review' | 'active' | 'suspended'; openOrders?: number }) {
  const [state, formAction] = useActionState(setShopStatusAction, {});
  const target = status === 'active' ? 'suspended' : 'active';
  return (
    <form action={formAction} className="space-y-2" data-action="set-shop-status">
      <ActionMessage state={state} />
      <input type="hidden" name="shopId" value={shopId} />
      <input type="hidden" name="status" value={target} />
      {target === 'suspended' ? (
        <>
          <label className="block text-sm">
            <span className="text-slate-700">Reason shown to the owner</span>
            <input name="reason" className="mt-1 w-full" placeholder="e.g. Prices do not match the shop’s own website" aria-invalid={state.fieldErrors?.reason ? true : undefined} />
          </label>
          {state.fieldErrors?.reason ? (
            <p className="text-sm text-red-700" data-field-error="reason">
              {state.fieldErrors.reason.join(' ')}
            </p>
          ) : null}
          <fieldset className="space-y-1 text-sm">
            <legend className="text-slate-700">Open orders{openOrders === undefined ? '' : ` (${openOrders})`}</legend>
            <label className="flex items-start gap-2">
              <input type="radio" name="openJobs" value="finish" defaultChecked className="mt-0.5" />
              <span>Let them finish printing</span>
            </label>
            <label className="flex items-start gap-2">
              <input type="radio" name="openJobs" value="refund" className="mt-0.5" />
              <span>Stop them and refund the customers</span>
            </label>
          </fieldset>
        </>
      ) : null}
      <SubmitButton tone={target === 'suspended' ? 'danger' : 'primary'} pendingLabel="Saving…">
        {status === 'pending_review' ? 'Approve' : status === 'suspended' ? 'Reinstate' : 'Suspend'}
      </SubmitButton>
    </form>
  );
}
