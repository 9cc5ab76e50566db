'use client';

import { useActionState, useState } from 'react';
import { FormField } from '@/app/_components/form-field';
import { SubmitButton } from '@/app/_components/submit-button';
import { deleteHoursExceptionAction, saveHoursExceptionAction } from '@/app/shop/actions';
import { FormMessage } from '@/app/shop/_components/form-message';

export function AddExceptionForm({ shopId }: { shopId: string }) {
  const [state, formAction] = useActionState(saveHoursExceptionAction, {});
  const [isClosed, setIsClosed] = useState(true);
  const e = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-3">
      <FormMessage state={state} />
      <input type="hidden" name="shopId" value={shopId} />
      <div className="flex flex-wrap items-end gap-3">
        <FormField label="Date" name="date" type="date" errors={e.date} defaultValue={state.values?.date} />
        <label className="flex items-center gap-2 pb-2 text-sm">
          <input type="checkbox" name="isClosed" checked={isClosed} onChange={(ev) => setIsClosed(ev.target.checked)} /> Closed all day
        </label>
        {!isClosed ? (
          <>
            <FormField label="Opens" name="opens" type="time" errors={e.opens} defaultValue={state.values?.opens} />
            <FormField label="Closes" name="closes" type="time" errors={e.closes} defaultValue={state.values?.closes} />
          </>
        ) : null}
        <FormField label="Note" name="note" placeholder="e.g. Christmas Day" errors={e.note} defaultValue={state.values?.note} />
        <SubmitButton tone="secondary" pendingLabel="Saving…">
          Add exception
        </SubmitButton>
      </div>
    </form>
  );
}

export function DeleteExceptionButton({ shopId, exceptionId }: { shopId: string; exceptionId: string }) {
  const [state, formAction] = useActionState(deleteHoursExceptionAction, {});
  return (
    <form action={formAction}>
      <input type="hidden" name="shopId" value={shopId} />
      <input type="hidden" name="exceptionId" value={exceptionId} />
      <button className="text-sm text-slate-500 hover:text-red-700" type="submit">
        Remove
      </button>
      {state.error ? <span className="text-sm text-red-700">{state.error}</span> : null}
    </form>
  );
}
