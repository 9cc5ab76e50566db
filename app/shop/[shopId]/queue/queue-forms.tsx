'use client';

import { useActionState } from 'react';
import type { TActionState } from '@/app/_lib/action';
import { SubmitButton } from '@/app/_components/submit-button';
import { acceptJobAction, cancelJobAction, confirmPrintedAction, markReadyAction, moveJobAction, reprintAction } from './actions';

type TAction = (state: TActionState, formData: FormData) => Promise<TActionState>;

const ACTIONS = {
  accept: acceptJobAction,
  cancel: cancelJobAction,
  confirmPrinted: confirmPrintedAction,
  reprint: reprintAction,
  markReady: markReadyAction,
} satisfies Record<string, TAction>;

/**
 * One button that runs one queue action on a job or an order; asks first when `confirm` is
 * given (declining and canceling refund the customer), and says what happened next to it.
 */
export function QueueActionButton(props: {
  action: keyof typeof ACTIONS;
  fields: Record<string, string>;
  label: string;
  pendingLabel?: string;
  tone?: 'primary' | 'secondary' | 'danger' | 'ghost';
  confirm?: string;
  askReason?: boolean;
}) {
  const [state, formAction] = useActionState(ACTIONS[props.action], {});
  return (
    <form
      action={formAction}
      className="inline-flex flex-wrap items-center gap-2"
      onSubmit={(event) => {
        if (!props.confirm) return;
        const form = event.currentTarget;
        if (props.askReason) {
          const reason = window.prompt(props.confirm, '');
          if (reason === null) return event.preventDefault();
          (form.elements.namedItem('reason') as HTMLInputElement).value = reason;
        } else if (!window.confirm(props.confirm)) event.preventDefault();
      }}
    >
      {Object.entries(props.fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {props.askReason ? <input type="hidden" name="reason" defaultValue="" /> : null}
      <SubmitButton tone={props.tone ?? 'secondary'} pendingLabel={props.pendingLabel ?? 'Working…'} className="px-3 py-1.5">
        {props.label}
      </SubmitButton>
      {state.error ? (
        <span className="text-sm text-red-700" role="alert">
          {state.error}
        </span>
      ) : null}
      {state.success ? (
        <span className="text-sm text-emerald-700" role="status">
          {state.success}
        </span>
      ) : null}
    </form>
  );
}

export function MoveJobForm({ shopId, jobId, printers }: { shopId: string; jobId: string; printers: { id: string; name: string; isOnline: boolean }[] }) {
  const [state, formAction] = useActionState(moveJobAction, {});
  if (!printers.length) return null;
  return (
    <form action={formAction} className="inline-flex flex-wrap items-center gap-2">
      <input type="hidden" name="shopId" value={shopId} />
      <input type="hidden" name="jobId" value={jobId} />
      <label className="sr-only" htmlFor={`move-${jobId}`}>
        Move to printer
      </label>
      <select id={`move-${jobId}`} name="printerId" className="rounded-md border border-slate-300 px-2 py-1.5 text-sm" defaultValue="">
        <option value="" disabled>
          Move to…
        </option>
        {printers.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
            {p.isOnline ? '' : ' (offline)'}
          </option>
        ))}
      </select>
      <SubmitButton tone="secondary" pendingLabel="Moving…" className="px-3 py-1.5">
        Move
      </SubmitButton>
      {state.error ? (
        <span className="text-sm text-red-700" role="alert">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}
