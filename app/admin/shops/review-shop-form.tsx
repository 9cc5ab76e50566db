'use client';

import { useActionState } from 'react';
import { Button } from '@/app/_components/ui';
import { ActionMessage } from '../_components/action-message';
import { reviewShopAction } from '../actions';

/** The decision on a submitted shop: approve, or hand it back with a reason the owner reads. */
export function ReviewShopForm({ shopId }: { shopId: string }) {
  const [state, formAction, isPending] = useActionState(reviewShopAction, {});
  return (
    <form action={formAction} className="space-y-2" data-action="review-shop">
      <ActionMessage state={state} />
      <input type="hidden" name="shopId" value={shopId} />
      <label className="block text-sm">
        <span className="text-slate-700">Reason shown to the owner (needed to request changes or reject)</span>
        <textarea name="reason" rows={2} className="mt-1 w-full" defaultValue={state.values?.reason} aria-invalid={state.fieldErrors?.reason ? true : undefined} />
      </label>
      {state.fieldErrors?.reason ? (
        <p className="text-sm text-red-700" data-field-error="reason">
          {state.fieldErrors.reason.join(' ')}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" name="decision" value="approved" disabled={isPending}>
          Approve
        </Button>
        <Button type="submit" name="decision" value="changes_requested" tone="secondary" disabled={isPending}>
          Request changes
        </Button>
        <Button type="submit" name="decision" value="rejected" tone="danger" disabled={isPending}>
          Reject
        </Button>
      </div>
    </form>
  );
}
