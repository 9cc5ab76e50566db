'use client';

import { RADIUS_CHOICES_KM } from '@/lib/search/search-shops-request';
import { FINISHINGS } from '@/lib/job-options/job-options';
import { useSearchState } from './search-state';

const OFFER_LABELS = { staple: 'Stapling', punch: 'Hole punching', bind: 'Binding' } as const;

/** How far to look, open now, and finishing the shop must also offer. */
export function FiltersPanel({ errors }: { errors: Record<string, string[]> }) {
  const { draft, update } = useSearchState();
  const radiusChoices = RADIUS_CHOICES_KM.map(String).includes(draft.radiusKm) || !draft.radiusKm ? RADIUS_CHOICES_KM.map(String) : [draft.radiusKm, ...RADIUS_CHOICES_KM.map(String)];
  return (
    <section aria-labelledby="filters-heading" className="space-y-3 text-sm">
      <h2 id="filters-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
        Filters
      </h2>
      <label className="block space-y-1">
        <span className="font-medium">Distance</span>
        <select name="radiusKm" className="w-full" value={draft.radiusKm} onChange={(e) => update({ radiusKm: e.target.value })} aria-invalid={errors.radiusKm ? true : undefined}>
          {radiusChoices.map((km) => (
            <option key={km} value={km}>
              Within {km} km
            </option>
          ))}
        </select>
        {errors.radiusKm ? (
          <span className="block text-sm text-red-700" data-field-error="radiusKm">
            {errors.radiusKm.join(' ')}
          </span>
        ) : null}
      </label>
      <label className="flex items-center gap-2">
        <input type="checkbox" name="openNow" checked={draft.openNow} onChange={(e) => update({ openNow: e.target.checked })} />
        <span className="font-medium">Open now</span>
      </label>
      <fieldset className="space-y-1">
        <legend className="font-medium">Shop also offers</legend>
        {FINISHINGS.map((kind) => (
          <label key={kind} className="flex items-center gap-2">
            <input
              type="checkbox"
              name="offers"
              value={kind}
              checked={draft.offers.includes(kind)}
              onChange={(e) => update({ offers: e.target.checked ? [...draft.offers, kind] : draft.offers.filter((o) => o !== kind) })}
            />
            <span>{OFFER_LABELS[kind]}</span>
          </label>
        ))}
      </fieldset>
    </section>
  );
}
