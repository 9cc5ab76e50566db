'use client';

import type { ReactNode } from 'react';
import { MAX_COPIES } from '@/lib/job-options/job-options';
import { MAX_PAGE_COUNT } from '@/lib/search/search-shops-request';
import { MEDIA, MEDIA_NAMES } from '@/lib/job-options/media';
import type { TSearchDraft } from './search-draft';
import { COLOR_CHOICES, SIDES_CHOICES } from '@/app/_components/job/job-choices';

/** What the job fields edit: the job part of the search, as typed. */
export type TJobDraft = Pick<TSearchDraft, 'media' | 'colorMode' | 'sides' | 'copies' | 'pagesPerSheet' | 'finishing' | 'pageCount' | 'colorPageCount'>;

/**
 * Page counts read from uploaded files: when set, they replace the typed counts and the count
 * fields become read-only. `label` says where they came from ("2 files: thesis.pdf, cover.png").
 */
export type TPagesFromFiles = { pageCount: number; colorPageCount: number; label: string };

export type TJobPanelProps = {
  job: TJobDraft;
  /** `isTyping` for free-typed fields, so the search waits for a pause. */
  onChange: (patch: Partial<TJobDraft>, options?: { isTyping?: boolean }) => void;
  /** Field errors from the server, keyed by field name (pageCount, copies, …). */
  errors: Record<string, string[]>;
  pagesFromFiles?: TPagesFromFiles | null;
  /** Where the document uploader goes, above the page counts. */
  documents?: ReactNode;
};

function FieldError({ name, errors }: { name: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <span id={`${name}-error`} className="block text-sm text-red-700" data-field-error={name}>
      {errors.join(' ')}
    </span>
  );
}

/**
 * The job the shops are priced for. Counts are typed until files are uploaded, then they
 * come from the files (pagesFromFiles) and the uploader sits in the `documents` slot.
 */
export function JobPanel({ job, onChange, errors, pagesFromFiles, documents }: TJobPanelProps) {
  const invalid = (name: string) => (errors[name]?.length ? { 'aria-invalid': true as const, 'aria-describedby': `${name}-error` } : {});
  const countsLocked = !!pagesFromFiles;
  return (
    <section aria-labelledby="job-heading" className="space-y-4 text-sm">
      <h2 id="job-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
        Your job
      </h2>
      {documents}
      <div className="grid grid-cols-2 gap-3">
        <label className="block space-y-1">
          <span className="font-medium">Pages</span>
          <input
            name="pageCount"
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_PAGE_COUNT}
            className="w-full"
            value={job.pageCount}
            readOnly={countsLocked}
            onChange={(e) => onChange({ pageCount: e.target.value }, { isTyping: true })}
            {...invalid('pageCount')}
          />
          <FieldError name="pageCount" errors={errors.pageCount} />
        </label>
        <label className="block space-y-1">
          <span className="font-medium">Copies</span>
          <input
            name="copies"
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_COPIES}
            className="w-full"
            value={job.copies}
            onChange={(e) => onChange({ copies: e.target.value }, { isTyping: true })}
            {...invalid('copies')}
          />
          <FieldError name="copies" errors={errors.copies} />
        </label>
      </div>
      {countsLocked ? <p className="text-xs text-slate-500">Pages counted from {pagesFromFiles.label}.</p> : null}
      <fieldset className="space-y-1">
        <legend className="font-medium">Colour</legend>
        {COLOR_CHOICES.map(([value, label, hint]) => (
          <label key={value} className="flex items-start gap-2">
            <input type="radio" name="colorMode" value={value} className="mt-0.5" checked={job.colorMode === value} onChange={() => onChange({ colorMode: value })} />
            <span>
              {label}
              {hint ? <span className="block text-xs text-slate-500">{hint}</span> : null}
            </span>
          </label>
        ))}
        <FieldError name="colorMode" errors={errors.colorMode} />
      </fieldset>
      {job.colorMode === 'auto' ? (
        <label className="block space-y-1">
          <span className="font-medium">How many pages are in colour?</span>
          <input
            name="colorPageCount"
            type="number"
            inputMode="numeric"
            min={0}
            max={MAX_PAGE_COUNT}
            className="w-full"
            value={job.colorPageCount}
            readOnly={countsLocked}
            onChange={(e) => onChange({ colorPageCount: e.target.value }, { isTyping: true })}
            {...invalid('colorPageCount')}
          />
          <FieldError name="colorPageCount" errors={errors.colorPageCount} />
        </label>
      ) : null}
      <label className="block space-y-1">
        <span className="font-medium">Paper</span>
        <select name="media" className="w-full" value={job.media} onChange={(e) => onChange({ media: e.target.value })} {...invalid('media')}>
          {MEDIA_NAMES.map((name) => (
            <option key={name} value={name}>
              {MEDIA[name].label}
            </option>
          ))}
        </select>
        <FieldError name="media" errors={errors.media} />
      </label>
      <div className="grid grid-cols-2 gap-3">
        <label className="block space-y-1">
          <span className="font-medium">Sides</span>
          <select name="sides" className="w-full" value={job.sides} onChange={(e) => onChange({ sides: e.target.value })} {...invalid('sides')}>
            {SIDES_CHOICES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="block space-y-1">
          <span className="font-medium">Pages per sheet</span>
          <select name="pagesPerSheet" className="w-full" value={job.pagesPerSheet} onChange={(e) => onChange({ pagesPerSheet: e.target.value })} {...invalid('pagesPerSheet')}>
            {['1', '2', '4'].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      </div>
      <FieldError name="sides" errors={errors.sides} />
      <FieldError name="pagesPerSheet" errors={errors.pagesPerSheet} />
      <label className="block space-y-1">
        <span className="font-medium">Finishing</span>
        <select name="finishing" className="w-full" value={job.finishing} onChange={(e) => onChange({ finishing: e.target.value })} {...invalid('finishing')}>
          <option value="none">None</option>
          <option value="staple">Staple</option>
          <option value="punch">Hole punch</option>
          <option value="bind">Binding</option>
        </select>
        <FieldError name="finishing" errors={errors.finishing} />
      </label>
    </section>
  );
}
