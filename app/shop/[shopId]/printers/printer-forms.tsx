'use client';

import { useActionState } from 'react';
import { FormField } from '@/app/_components/form-field';
import { SubmitButton } from '@/app/_components/submit-button';
import { addPrinterAction, removePrinterAction, setPrinterEnabledAction } from '@/app/shop/actions';
import { FormMessage } from '@/app/shop/_components/form-message';

export function AddPrinterForm({ shopId }: { shopId: string }) {
  const [state, formAction] = useActionState(addPrinterAction, {});
  const e = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="shopId" value={shopId} />
      <div className="grid gap-3 md:grid-cols-[1fr_2fr_auto] md:items-start">
        <FormField label="Printer name" name="name" placeholder="Front counter colour" defaultValue={state.error ? state.values?.name : ''} errors={e.name} />
        <FormField
          label="IPP address"
          name="uri"
          placeholder="ipp://192.168.1.20/ipp/print"
          defaultValue={state.error ? state.values?.uri : ''}
          errors={e.uri}
          hint="Printed on the printer’s network page; IPP Everywhere printers answer at /ipp/print."
        />
        <div className="md:pt-6">
          <SubmitButton pendingLabel="Contacting printer…">Connect printer</SubmitButton>
        </div>
      </div>
    </form>
  );
}

export function PrinterSwitches({ shopId, printerId, isEnabled, name }: { shopId: string; printerId: string; isEnabled: boolean; name: string }) {
  const [toggleState, toggleAction] = useActionState(setPrinterEnabledAction, {});
  const [removeState, removeAction] = useActionState(removePrinterAction, {});
  return (
    <div className="flex flex-wrap items-center gap-2">
      <form action={toggleAction}>
        <input type="hidden" name="shopId" value={shopId} />
        <input type="hidden" name="printerId" value={printerId} />
        <input type="hidden" name="isEnabled" value={String(!isEnabled)} />
        <SubmitButton tone="secondary" pendingLabel="Saving…" aria-label={`${isEnabled ? 'Disable' : 'Enable'} ${name}`}>
          {isEnabled ? 'Disable' : 'Enable'}
        </SubmitButton>
      </form>
      <form
        action={removeAction}
        onSubmit={(event) => {
          if (!window.confirm(`Remove “${name}” from Nearprint? The printer itself is not changed.`)) event.preventDefault();
        }}
      >
        <input type="hidden" name="shopId" value={shopId} />
        <input type="hidden" name="printerId" value={printerId} />
        <SubmitButton tone="ghost" pendingLabel="Removing…" aria-label={`Remove ${name}`}>
          Remove
        </SubmitButton>
      </form>
      {toggleState.error || removeState.error ? <span className="text-sm text-red-700">{toggleState.error ?? removeState.error}</span> : null}
    </div>
  );
}
