'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/app/_components/submit-button';
import { ActionMessage } from '../_components/action-message';
import { runPayoutsAction } from './actions';

/** One button: pays every shop that can be paid its whole balance (safe to press twice). */
export function RunPayoutsForm({ payableLabel }: { payableLabel: string }) {
  const [state, formAction] = useActionState(runPayoutsAction, {});
  return (
    <form action={formAction} className="space-y-3" data-testid="run-payouts-form">
      <ActionMessage state={state} />
      <SubmitButton pendingLabel="Paying shops…">Run payouts ({payableLabel})</SubmitButton>
    </form>
  );
}
