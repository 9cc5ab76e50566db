'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/app/_components/submit-button';
import { dismissAlertAction } from '@/app/shop/[shopId]/alerts/actions';

/** Moves an alert the owner has dealt with (a failed job) to the history. */
export function DismissAlertButton({ shopId, alertId }: { shopId: string; alertId: string }) {
  const [state, formAction] = useActionState(dismissAlertAction, {});
  return (
    <form action={formAction} className="mt-2 inline-flex items-center gap-2">
      <input type="hidden" name="shopId" value={shopId} />
      <input type="hidden" name="alertId" value={alertId} />
      <SubmitButton tone="secondary" pendingLabel="Dismissing…" className="px-3 py-1">
        Dealt with it
      </SubmitButton>
      {state.error ? (
        <span className="text-red-700" role="alert">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}
