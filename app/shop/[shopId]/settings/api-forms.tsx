'use client';

import { useActionState } from 'react';
import { FormField } from '@/app/_components/form-field';
import { SubmitButton } from '@/app/_components/submit-button';
import { FormMessage } from '@/app/shop/_components/form-message';
import { createApiKeyAction, createWebhookEndpointAction, deleteWebhookEndpointAction, replayWebhookDeliveryAction, revokeApiKeyAction, type TCreateApiKeyState } from './actions';

export function CreateApiKeyForm({ shopId, appUrl }: { shopId: string; appUrl: string }) {
  const [state, formAction] = useActionState<TCreateApiKeyState, FormData>(createApiKeyAction, {});
  return (
    <div className="space-y-3">
      <form action={formAction} className="grid gap-3 md:grid-cols-[1fr_auto_auto] md:items-end" noValidate>
        <input type="hidden" name="shopId" value={shopId} />
        <FormField label="Key name" name="name" id="api-key-name" placeholder="Till system" errors={state.fieldErrors?.name} hint="Which system uses it, so you know which key to revoke." />
        <div className="space-y-1">
          <label htmlFor="api-key-scope" className="block text-sm font-medium text-slate-800">
            Access
          </label>
          <select id="api-key-scope" name="scope" defaultValue="read" className="block rounded-md border border-slate-300 px-3 py-2 text-sm">
            <option value="read">Read only</option>
            <option value="write">Read and write (accept, reject, hand over)</option>
          </select>
        </div>
        <SubmitButton pendingLabel="Creating…">Create API key</SubmitButton>
      </form>
      {state.error ? <FormMessage state={{ error: state.error }} /> : null}
      {state.key ? (
        <div className="space-y-2 rounded-md border border-emerald-200 bg-emerald-50 p-4 text-sm" role="status">
          <p className="font-medium">Key for “{state.name}”. Copy it now: it is not shown again.</p>
          <code className="block break-all rounded bg-white px-2 py-1 font-mono" data-testid="api-key">
            {state.key}
          </code>
          <p>Send it with each request:</p>
          <code className="block break-all rounded bg-white px-2 py-1 font-mono text-xs">
            curl -H &quot;Authorization: Bearer {state.key}&quot; {appUrl}/api/v1/shops/{shopId}/jobs
          </code>
        </div>
      ) : null}
    </div>
  );
}

export function RevokeApiKeyButton({ shopId, keyId, name }: { shopId: string; keyId: string; name: string }) {
  const [state, formAction] = useActionState(revokeApiKeyAction, {});
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        if (!window.confirm(`Revoke the key “${name}”? Requests with it are refused at once.`)) event.preventDefault();
      }}
    >
      <input type="hidden" name="shopId" value={shopId} />
      <input type="hidden" name="keyId" value={keyId} />
      <SubmitButton tone="ghost" pendingLabel="Revoking…" aria-label={`Revoke key ${name}`}>
        Revoke
      </SubmitButton>
      {state.error ? <span className="text-sm text-red-700">{state.error}</span> : null}
    </form>
  );
}

export function CreateWebhookEndpointForm({ shopId, events }: { shopId: string; events: { type: string; description: string }[] }) {
  const [state, formAction] = useActionState(createWebhookEndpointAction, {});
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="shopId" value={shopId} />
      <FormField
        label="Endpoint URL"
        name="url"
        id="webhook-url"
        placeholder="https://erp.example.com/nearprint"
        defaultValue={state.values?.url}
        errors={state.fieldErrors?.url}
        hint="We POST each event here as JSON."
      />
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-800">Events</legend>
        {events.map((event) => (
          <label key={event.type} className="flex items-start gap-2 text-sm">
            <input type="checkbox" name="events" value={event.type} defaultChecked className="mt-1" />
            <span>
              <code className="font-mono">{event.type}</code> <span className="text-slate-600">{event.description}</span>
            </span>
          </label>
        ))}
        {state.fieldErrors?.events ? <p className="text-sm text-red-700">{state.fieldErrors.events.join(' ')}</p> : null}
      </fieldset>
      <SubmitButton pendingLabel="Adding…">Add endpoint</SubmitButton>
    </form>
  );
}

export function DeleteWebhookEndpointButton({ shopId, endpointId, url }: { shopId: string; endpointId: string; url: string }) {
  const [state, formAction] = useActionState(deleteWebhookEndpointAction, {});
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        if (!window.confirm(`Stop sending events to ${url}?`)) event.preventDefault();
      }}
    >
      <input type="hidden" name="shopId" value={shopId} />
      <input type="hidden" name="endpointId" value={endpointId} />
      <SubmitButton tone="ghost" pendingLabel="Deleting…" aria-label={`Delete endpoint ${url}`}>
        Delete
      </SubmitButton>
      {state.error ? <span className="text-sm text-red-700">{state.error}</span> : null}
    </form>
  );
}

export function ReplayDeliveryButton({ shopId, deliveryId }: { shopId: string; deliveryId: string }) {
  const [state, formAction] = useActionState(replayWebhookDeliveryAction, {});
  return (
    <form action={formAction} className="flex items-center gap-2">
      <input type="hidden" name="shopId" value={shopId} />
      <input type="hidden" name="deliveryId" value={deliveryId} />
      <SubmitButton tone="secondary" pendingLabel="Sending…">
        Send again
      </SubmitButton>
      {state.error ? <span className="text-sm text-red-700">{state.error}</span> : state.success ? <span className="text-sm text-emerald-700">{state.success}</span> : null}
    </form>
  );
}
