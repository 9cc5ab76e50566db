'use client';

import { useActionState, useSyncExternalStore } from 'react';
import { FormField } from '@/app/_components/form-field';
import { SubmitButton } from '@/app/_components/submit-button';
import { ActionMessage } from '../_components/action-message';
import { addFeeRuleAction } from './actions';

const subscribeToNothing = () => () => {};
const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/**
 * Schedules a new commission. The start is typed in the admin's own time zone (sent along,
 * so "1 March 00:00" is their midnight); without JavaScript it falls back to UTC.
 */
export function FeeRuleForm({ currencySymbol, defaultStart }: { currencySymbol: string; defaultStart: string }) {
  const [state, formAction] = useActionState(addFeeRuleAction, {});
  const timezone = useSyncExternalStore(subscribeToNothing, browserTimeZone, () => 'UTC');
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-3" data-testid="fee-rule-form">
      <ActionMessage state={state} />
      <input type="hidden" name="timezone" value={timezone} />
      <div className="grid gap-3 sm:grid-cols-3">
        <FormField label="Percentage of each order (%)" name="percent" inputMode="decimal" defaultValue={state.values?.percent ?? ''} placeholder="10" errors={errors.percent} />
        <FormField label={`Fixed amount per order (${currencySymbol})`} name="fixed" inputMode="decimal" defaultValue={state.values?.fixed ?? '0'} errors={errors.fixed} />
        <FormField
          label="Starts"
          name="effectiveFrom"
          type="datetime-local"
          defaultValue={state.values?.effectiveFrom ?? defaultStart}
          errors={errors.effectiveFrom ?? errors.timezone}
          hint={`Your time zone: ${timezone}`}
        />
      </div>
      <SubmitButton pendingLabel="Scheduling…">Schedule fee</SubmitButton>
    </form>
  );
}
