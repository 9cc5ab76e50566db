'use client';

import type { TJobOptions } from '@/lib/job-options/job-options';
import { MEDIA, MEDIA_NAMES } from '@/lib/job-options/media';
import { COLOR_CHOICES, SIDES_CHOICES } from '@/app/_components/job/job-choices';

/** The print options of a job, as controlled inputs; the parent keeps the value. */
export function JobOptionsFields({ value, onChange, errors = {} }: { value: TJobOptions; onChange: (job: TJobOptions) => void; errors?: Record<string, string[]> }) {
  const set = <K extends keyof TJobOptions>(key: K, v: TJobOptions[K]) => onChange({ ...value, [key]: v });
  const error = (key: string) => (errors[`job.${key}`] ?? errors[key])?.join(' ');
  return (
    <div className="space-y-4 text-sm">
      <label className="block space-y-1">
        <span className="font-medium">Paper</span>
        <select className="w-full" value={value.media} onChange={(e) => set('media', e.target.value as TJobOptions['media'])}>
          {MEDIA_NAMES.map((name) => (
            <option key={name} value={name}>
              {MEDIA[name].label}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="space-y-1">
        <legend className="font-medium">Colour</legend>
        {COLOR_CHOICES.map(([key, label, hint]) => (
          <label key={key} className="flex items-start gap-2">
            <input type="radio" name="colorMode" className="mt-0.5" checked={value.colorMode === key} onChange={() => set('colorMode', key)} />
            <span>
              {label}
              {hint ? <span className="block text-xs text-slate-500">{hint}</span> : null}
            </span>
          </label>
        ))}
      </fieldset>
      <label className="block space-y-1">
        <span className="font-medium">Sides</span>
        <select className="w-full" value={value.sides} onChange={(e) => set('sides', e.target.value as TJobOptions['sides'])}>
          {SIDES_CHOICES.map(([key, label]) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <div className="grid grid-cols-2 gap-3">
        <label className="block space-y-1">
          <span className="font-medium">Copies</span>
          <input type="number" min={1} max={999} className="w-full" value={value.copies} onChange={(e) => set('copies', Math.max(1, Math.min(999, Number(e.target.value) || 1)))} />
        </label>
        <label className="block space-y-1">
          <span className="font-medium">Pages per sheet</span>
          <select className="w-full" value={value.pagesPerSheet} onChange={(e) => set('pagesPerSheet', Number(e.target.value) as TJobOptions['pagesPerSheet'])}>
            {[1, 2, 4].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="block space-y-1">
        <span className="font-medium">Pages to print</span>
        <input
          className="w-full"
          placeholder="All pages, or e.g. 1-3,5"
          value={value.pageRanges ?? ''}
          onChange={(e) => set('pageRanges', e.target.value.trim() ? e.target.value : undefined)}
          aria-invalid={error('pageRanges') ? true : undefined}
        />
        {error('pageRanges') ? <span className="block text-red-700">{error('pageRanges')}</span> : null}
      </label>
      <label className="block space-y-1">
        <span className="font-medium">Finishing</span>
        <select className="w-full" value={value.finishing} onChange={(e) => set('finishing', e.target.value as TJobOptions['finishing'])}>
          <option value="none">None</option>
          <option value="staple">Staple</option>
          <option value="punch">Hole punch</option>
          <option value="bind">Binding</option>
        </select>
      </label>
    </div>
  );
}
