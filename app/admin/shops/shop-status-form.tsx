'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/app/_components/submit-button';
import { setShopStatusAction } from '../actions';

/** Approve / reinstate in one click; suspending asks for the reason the owner will read. */
export function ShopStatusForm({ shopId, status }: { shopId: string; status: 'pending_review' | 'active' | 'suspended' }) {
  const [state, formAction] = useActionState(setShopStatusAction, {});
  const target = status === 'active' ? 'suspended' : 'active';
  return (
    <form action={formAction} className="space-y-2" data-action="set-shop-status">
      <input type="hidden" name="shopId" value={shopId} />
      <input type="hidden" name="status" value={target} />
      {target === 'suspended' ? (
        <label className="block text-sm">
          <span className="text-slate-700">Reason shown to the owner</span>
          <input name="reason" className="mt-1 w-full" placeholder="e.g. Prices do not match the shop’s own website" aria-invalid={state.fieldErrors?.reason ? true : undefined} />
        </label>
      ) : null}
      <SubmitButton tone={target === 'suspended' ? 'danger' : 'primary'} pendingLabel="Saving…">
        {status === 'pending_review' ? 'Approve' : status === 'suspended' ? 'Reinstate' : 'Suspend'}
      </SubmitButton>
      {state.fieldErrors?.reason ? <p className="text-sm text-red-700">{state.fieldErrors.reason.join(' ')}</p> : null}
      {state.error && !state.fieldErrors ? <p className="text-sm text-red-700">{state.error}</p> : null}
    </form>
  );
}
