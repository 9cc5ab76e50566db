'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/app/_components/submit-button';
import { startPayoutOnboardingAction } from './actions';

export function PayoutOnboardingButton({ shopId, label }: { shopId: string; label: string }) {
  const [state, action] = useActionState(startPayoutOnboardingAction, {});
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="shopId" value={shopId} />
      <SubmitButton pendingLabel="Opening Stripe…">{label}</SubmitButton>
      {state.error ? <p className="text-sm text-red-700">{state.error}</p> : null}
    </form>
  );
}
