'use client';

import { useActionState, useState } from 'react';
import { Button } from '@/app/_components/ui';
import { SubmitButton } from '@/app/_components/submit-button';
import { saveWeeklyHoursAction } from '@/app/shop/actions';
import { FormMessage } from '@/app/shop/_components/form-message';

type TRow = { key: number; weekday: number; opens: string; closes: string; overnight: boolean };
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
let nextKey = 1000;

/**
 * The week at a glance: each day has zero or more opening intervals (none = closed).
 * Inputs are controlled so a failed save keeps exactly what the owner typed.
 */
export function WeeklyHoursForm({ shopId, initialRows, isOnboarding }: { shopId: string; initialRows: Omit<TRow, 'key'>[]; isOnboarding: boolean }) {
  const [state, formAction] = useActionState(saveWeeklyHoursAction, {});
  const [rows, setRows] = useState<TRow[]>(() => initialRows.map((r, i) => ({ ...r, key: i })));
  const update = (key: number, patch: Partial<TRow>) => setRows(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const copyMondayToWeekdays = () => {
    const monday = rows.filter((r) => r.weekday === 1);
    setRows([...rows.filter((r) => r.weekday === 1 || r.weekday > 5), ...[2, 3, 4, 5].flatMap((weekday) => monday.map((r) => ({ ...r, weekday, key: nextKey++ })))]);
  };
  const errorsFor = (index: number) => [state.fieldErrors?.[`rows.${index}.opens`], state.fieldErrors?.[`rows.${index}.closes`], state.fieldErrors?.[`rows.${index}.weekday`]].flat().filter(Boolean);
  // Field names use the row's position in submit order, which is what the server reports errors against.
  const ordered = [...rows].sort((a, b) => a.weekday - b.weekday || a.opens.localeCompare(b.opens));
  return (
    <form action={formAction} className="space-y-4">
      <FormMessage state={state} />
      <input type="hidden" name="shopId" value={shopId} />
      {isOnboarding ? <input type="hidden" name="onboarding" value="1" /> : null}
      <div className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
        {DAYS.map((day, dayIndex) => {
          const weekday = dayIndex + 1;
          const dayRows = ordered.filter((r) => r.weekday === weekday);
          return (
            <div key={day} className="flex flex-wrap items-start gap-4 px-4 py-3" data-weekday={weekday}>
              <div className="w-28 pt-2 text-sm font-medium">{day}</div>
              <div className="flex-1 space-y-2">
                {dayRows.length === 0 ? <p className="pt-2 text-sm text-slate-500">Closed</p> : null}
                {dayRows.map((row) => {
                  const index = ordered.indexOf(row);
                  const errors = errorsFor(index);
                  return (
                    <div key={row.key}>
                      <div className="flex flex-wrap items-center gap-2">
                        <input type="hidden" name={`rows.${index}.weekday`} value={weekday} />
                        <input
                          type="time"
                          name={`rows.${index}.opens`}
                          aria-label={`${day} opens`}
                          value={row.opens}
                          onChange={(e) => update(row.key, { opens: e.target.value })}
                          aria-invalid={errors.length > 0 || undefined}
                        />
                        <span className="text-slate-500">to</span>
                        <input
                          type="time"
                          name={`rows.${index}.closes`}
                          aria-label={`${day} closes`}
                          value={row.closes}
                          onChange={(e) => update(row.key, { closes: e.target.value })}
                          aria-invalid={errors.length > 0 || undefined}
                        />
                        <label className="flex items-center gap-1 text-xs text-slate-600">
                          <input type="checkbox" name={`rows.${index}.overnight`} checked={row.overnight} onChange={(e) => update(row.key, { overnight: e.target.checked })} />
                          after midnight
                        </label>
                        <button type="button" className="text-xs text-slate-500 hover:text-red-700" onClick={() => setRows(rows.filter((r) => r.key !== row.key))}>
                          Remove
                        </button>
                      </div>
                      {errors.length ? (
                        <p className="mt-1 text-sm text-red-700" data-field-error={`rows.${index}`}>
                          {errors.join(' ')}
                        </p>
                      ) : null}
                    </div>
                  );
                })}
              </div>
              <button
                type="button"
                className="pt-2 text-sm font-medium text-brand-600 hover:underline"
                onClick={() => setRows([...rows, { key: nextKey++, weekday, opens: dayRows.at(-1)?.closes || '09:00', closes: '17:30', overnight: false }])}
              >
                + Add hours
              </button>
            </div>
          );
        })}
      </div>
      <div className="flex gap-2">
        <SubmitButton pendingLabel="Saving…">{isOnboarding ? 'Save and continue' : 'Save opening hours'}</SubmitButton>
        <Button type="button" tone="secondary" onClick={copyMondayToWeekdays}>
          Copy Monday to Tue–Fri
        </Button>
      </div>
    </form>
  );
}
