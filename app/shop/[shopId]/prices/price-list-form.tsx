'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/app/_components/submit-button';
import { savePriceListAction } from '@/app/shop/actions';
import { FormMessage } from '@/app/shop/_components/form-message';

type TColumn = { colorMode: string; sides: string; label: string };

function MoneyInput({ name, label, defaultValue, errors, symbol }: { name: string; label: string; defaultValue: string; errors?: string[]; symbol: string }) {
  return (
    <div>
      <div className="flex items-center gap-1">
        <span className="text-sm text-slate-500">{symbol}</span>
        <input name={name} aria-label={label} inputMode="decimal" defaultValue={defaultValue} placeholder="—" className="w-24" aria-invalid={errors?.length ? true : undefined} />
      </div>
      {errors?.length ? (
        <p className="mt-1 max-w-40 text-xs text-red-700" data-field-error={name}>
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The whole price list on one screen: per-page prices for each paper size × colour × sides
 * (blank = not offered), the per-job fee, the minimum charge and finishing.
 */
export function PriceListForm({
  shopId,
  isOnboarding,
  media,
  columns,
  initial,
  symbol,
}: {
  shopId: string;
  isOnboarding: boolean;
  media: { name: string; label: string }[];
  columns: readonly TColumn[];
  initial: Record<string, string>;
  symbol: string;
}) {
  const [state, formAction] = useActionState(savePriceListAction, {});
  const value = (name: string) => state.values?.[name] ?? initial[name] ?? '';
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-6">
      <FormMessage state={state} />
      <input type="hidden" name="shopId" value={shopId} />
      {isOnboarding ? <input type="hidden" name="onboarding" value="1" /> : null}
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <caption className="px-4 pt-3 text-left text-slate-600">Price per printed page (one side of a sheet). Leave blank for what you do not offer.</caption>
          <thead>
            <tr className="text-left text-slate-600">
              <th className="px-4 py-2 font-medium">Paper</th>
              {columns.map((c) => (
                <th key={c.label} className="px-4 py-2 font-medium">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {media.map((m) => (
              <tr key={m.name} className="border-t border-slate-100">
                <th scope="row" className="px-4 py-2 text-left font-medium">
                  {m.label}
                </th>
                {columns.map((c) => {
                  const name = `price.${m.name}.${c.colorMode}.${c.sides}`;
                  return (
                    <td key={name} className="px-4 py-2 align-top">
                      <MoneyInput name={name} label={`${m.label} ${c.label}`} defaultValue={value(name)} errors={errors[name]} symbol={symbol} />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="grid gap-6 md:grid-cols-2">
        <fieldset className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
          <legend className="px-1 text-sm font-semibold">Per order</legend>
          <label className="flex items-center justify-between gap-4 text-sm">
            Fee per job
            <MoneyInput name="jobFee" label="Fee per job" defaultValue={value('jobFee')} errors={errors.jobFee} symbol={symbol} />
          </label>
          <label className="flex items-center justify-between gap-4 text-sm">
            Minimum charge
            <MoneyInput name="minimumCharge" label="Minimum charge" defaultValue={value('minimumCharge')} errors={errors.minimumCharge} symbol={symbol} />
          </label>
        </fieldset>
        <fieldset className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
          <legend className="px-1 text-sm font-semibold">Finishing, per copy</legend>
          {(['staple', 'punch', 'bind'] as const).map((kind) => (
            <div key={kind} className="flex items-center justify-between gap-4 text-sm">
              <span className="capitalize">{kind === 'bind' ? 'Binding' : kind === 'punch' ? 'Hole punch' : 'Staple'}</span>
              <div className="flex items-center gap-3">
                <label className="flex items-center gap-1 text-xs text-slate-600" title="Done by hand at the counter, so no printer needs to support it">
                  <input type="checkbox" name={`finishing.${kind}.manual`} defaultChecked={(state.values ?? initial)[`finishing.${kind}.manual`] === 'on'} />
                  by hand
                </label>
                <MoneyInput name={`finishing.${kind}`} label={`Finishing ${kind}`} defaultValue={value(`finishing.${kind}`)} errors={errors[`finishing.${kind}`]} symbol={symbol} />
              </div>
            </div>
          ))}
        </fieldset>
      </div>
      <SubmitButton pendingLabel="Saving…">{isOnboarding ? 'Save and continue' : 'Save price list'}</SubmitButton>
    </form>
  );
}
