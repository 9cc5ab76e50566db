'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/app/_components/submit-button';
import { withdrawFeeRuleAction } from './actions';

/** Withdraws a fee that has not started yet. */
export function WithdrawFeeRuleButton({ ruleId }: { ruleId: string }) {
  const [state, formAction] = useActionState(withdrawFeeRuleAction, {});
  return (
    <form action={formAction} className="inline">
      <input type="hidden" name="ruleId" value={ruleId} />
      <SubmitButton tone="ghost" pendingLabel="Withdrawing…" className="px-2 py-1 text-xs">
        Withdraw
      </SubmitButton>
      {state.error ? <span className="ml-2 text-xs text-red-700">{state.error}</span> : null}
    </form>
  );
}
