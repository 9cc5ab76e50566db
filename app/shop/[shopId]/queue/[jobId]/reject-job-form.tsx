'use client';

import { useActionState, useState } from 'react';
import { SubmitButton } from '@/app/_components/submit-button';
import { REJECT_REASONS, type TRejectReasonCode } from '@/lib/shop-queue/reject-reasons';
import { rejectJobAction } from '../actions';

/** Reject with a reason from the list (words required for "other"); the customer is refunded and told why. */
export function RejectJobForm({ shopId, jobId }: { shopId: string; jobId: string }) {
  const [state, formAction] = useActionState(rejectJobAction, {});
  const [code, setCode] = useState<TRejectReasonCode | ''>('');
  if (state.success) {
    return (
      <p className="text-sm text-emerald-700" role="status" data-testid="reject-result">
        {state.success}
      </p>
    );
  }
  return (
    <form
      action={formAction}
      className="space-y-3"
      data-testid="reject-job-form"
      onSubmit={(event) => {
        if (!window.confirm('Reject this job? The customer is refunded in full and sees your reason.')) event.preventDefault();
      }}
    >
      <input type="hidden" name="shopId" value={shopId} />
      <input type="hidden" name="jobId" value={jobId} />
      <fieldset className="space-y-1 text-sm">
        <legend className="mb-1 font-medium">Why do you reject it?</legend>
        {(Object.entries(REJECT_REASONS) as [TRejectReasonCode, string][]).map(([value, label]) => (
          <label key={value} className="flex items-center gap-2">
            <input type="radio" name="reasonCode" value={value} required checked={code === value} onChange={() => setCode(value)} />
            {label}
          </label>
        ))}
      </fieldset>
      <label className="block text-sm">
        <span className="font-medium">{code === 'other' ? 'Tell the customer why' : 'A note for the customer (optional)'}</span>
        <textarea name="note" maxLength={200} required={code === 'other'} rows={2} className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5" />
      </label>
      {state.fieldErrors ? (
        <ul className="text-sm text-red-700" role="alert">
          {Object.values(state.fieldErrors)
            .flat()
            .map((message) => (
              <li key={message}>{message}</li>
            ))}
        </ul>
      ) : null}
      {state.error ? (
        <p className="text-sm text-red-700" role="alert">
          {state.error}
        </p>
      ) : null}
      <SubmitButton tone="danger" pendingLabel="Rejecting…">
        Reject and refund
      </SubmitButton>
    </form>
  );
}
