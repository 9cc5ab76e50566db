'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/app/_components/submit-button';
import { FormMessage } from '@/app/shop/_components/form-message';
import { submitShopForReviewAction } from '@/app/shop/actions';

/** The owner's one click to the review queue; the server checks the prices again. */
export function SubmitForReviewForm({ shopId, isBlocked }: { shopId: string; isBlocked: boolean }) {
  const [state, formAction] = useActionState(submitShopForReviewAction, {});
  return (
    <form action={formAction} className="space-y-3">
      <FormMessage state={state} />
      {state.fieldErrors?.prices ? (
        <ul className="list-inside list-disc text-sm text-red-800" data-field-error="prices">
          {state.fieldErrors.prices.map((label) => (
            <li key={label}>{label}</li>
          ))}
        </ul>
      ) : null}
      <input type="hidden" name="shopId" value={shopId} />
      <SubmitButton pendingLabel="Submitting…" {...(isBlocked ? { disabled: true } : {})}>
        Submit for review
      </SubmitButton>
    </form>
  );
}
