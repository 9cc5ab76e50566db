'use client';

import { useActionState } from 'react';
import { FormField } from '@/app/_components/form-field';
import { SubmitButton } from '@/app/_components/submit-button';
import { FormMessage } from '@/app/shop/_components/form-message';
import { setAutoAcceptAction } from '@/app/shop/actions';
import { createAgentTokenAction, revokeAgentTokenAction, type TCreateTokenState } from './actions';

export function AutoAcceptForm({ shopId, autoAccept }: { shopId: string; autoAccept: boolean }) {
  const [state, formAction] = useActionState(setAutoAcceptAction, {});
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="shopId" value={shopId} />
      <input type="hidden" name="autoAccept" value={String(!autoAccept)} />
      <p className="text-sm" data-testid="auto-accept-state">
        {autoAccept ? 'Paid jobs go straight into your queue.' : 'You accept or decline each paid job first.'}
      </p>
      <SubmitButton tone="secondary" pendingLabel="Saving…">
        {autoAccept ? 'Accept each job myself' : 'Accept jobs automatically'}
      </SubmitButton>
      {state.error ? <span className="text-sm text-red-700">{state.error}</span> : null}
    </form>
  );
}

export function CreateAgentTokenForm({ shopId, appUrl }: { shopId: string; appUrl: string }) {
  const [state, formAction] = useActionState<TCreateTokenState, FormData>(createAgentTokenAction, {});
  return (
    <div className="space-y-3">
      <form action={formAction} className="grid gap-3 md:grid-cols-[1fr_auto_auto] md:items-end" noValidate>
        <input type="hidden" name="shopId" value={shopId} />
        <FormField label="Computer name" name="name" placeholder="Back office PC" errors={state.fieldErrors?.name} hint="Where the agent will run, so you know which token to revoke." />
        <div className="space-y-1">
          <label htmlFor="agent-token-expires" className="block text-sm font-medium text-slate-800">
            Expires
          </label>
          <select id="agent-token-expires" name="expiresInDays" defaultValue="" className="block rounded-md border border-slate-300 px-3 py-2 text-sm">
            <option value="">When revoked</option>
            <option value="30">After 30 days</option>
            <option value="90">After 90 days</option>
            <option value="365">After a year</option>
          </select>
        </div>
        <SubmitButton pendingLabel="Creating…">Create agent token</SubmitButton>
      </form>
      {state.error ? <FormMessage state={{ error: state.error }} /> : null}
      {state.token ? (
        <div className="space-y-2 rounded-md border border-emerald-200 bg-emerald-50 p-4 text-sm" role="status">
          <p className="font-medium">Token for “{state.name}”. Copy it now: it is not shown again.</p>
          <code className="block break-all rounded bg-white px-2 py-1 font-mono" data-testid="agent-token">
            {state.token}
          </code>
          <p>On that computer, in a Nearprint checkout, start the agent with your printers’ addresses:</p>
          <code className="block break-all rounded bg-white px-2 py-1 font-mono text-xs">
            npx tsx workers/main.ts --agent --url {appUrl} --token {state.token} --printer &quot;Counter=ipp://192.168.1.20/ipp/print&quot;
          </code>
        </div>
      ) : null}
    </div>
  );
}

export function RevokeAgentTokenButton({ shopId, tokenId, name }: { shopId: string; tokenId: string; name: string }) {
  const [state, formAction] = useActionState(revokeAgentTokenAction, {});
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        if (!window.confirm(`Revoke the token of “${name}”? Its agent stops printing at once.`)) event.preventDefault();
      }}
    >
      <input type="hidden" name="shopId" value={shopId} />
      <input type="hidden" name="tokenId" value={tokenId} />
      <SubmitButton tone="ghost" pendingLabel="Revoking…" aria-label={`Revoke ${name}`}>
        Revoke
      </SubmitButton>
      {state.error ? <span className="text-sm text-red-700">{state.error}</span> : null}
    </form>
  );
}
