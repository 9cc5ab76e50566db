'use client';

import { useEffect, useState } from 'react';
import { Alert } from '@/app/_components/ui';
import type { TLayoutPreview } from '@/lib/convert/layout-preview';
import type { TJobOptions } from '@/lib/job-options/job-options';
import { countOf } from '@/lib/text/count-of';

/** Wait this long after the last change before asking: choosing "4 per sheet" by keyboard passes "2" on the way. */
const DEBOUNCE_MS = 400;

const SIDE_LABEL = { front: 'front', back: 'back', single: 'one side' } as const;

/** The answer to one request, by the request it answers; the last good preview stays shown while the next one draws. */
type TResult = { requestKey: string; preview: TLayoutPreview | null; error: string | null };

/**
 * The first sheets of the job as the printer will print them (n-up, sides, fitted to the paper),
 * drawn by the server with the print pipeline's own imposition; redrawn when the options, the
 * documents or their black & white pages change.
 */
export function LayoutPreview({ documentIds, job, revision }: { documentIds: string[]; job: TJobOptions; revision: string }) {
  const [result, setResult] = useState<TResult | null>(null);
  const query = new URLSearchParams({
    documents: documentIds.join(','),
    media: job.media,
    colorMode: job.colorMode,
    sides: job.sides,
    pagesPerSheet: String(job.pagesPerSheet),
    pageRanges: job.pageRanges ?? '',
  }).toString();
  const requestKey = `${query}#${revision}`;

  useEffect(() => {
    if (documentIds.length === 0) return;
    const controller = new AbortController();
    const settle = (preview: TLayoutPreview | null, error: string | null) => setResult((previous) => ({ requestKey, preview: preview ?? previous?.preview ?? null, error }));
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/api/documents/layout-preview?${query}`, { signal: controller.signal });
        const body = (await response.json().catch(() => null)) as (TLayoutPreview & { error?: { message?: string } }) | null;
        if (!response.ok || !body || body.error) settle(null, body?.error?.message ?? 'The preview could not be drawn. Your files still print as usual.');
        else settle(body, null);
      } catch (error) {
        if (!controller.signal.aborted) settle(null, `The preview could not be loaded (${String(error)}).`);
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // documentIds is part of `query`, and `revision` of requestKey.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [requestKey]);

  if (documentIds.length === 0) return <p className="text-sm text-slate-600">Add a file to see how its pages land on the paper.</p>;
  const isLoading = result?.requestKey !== requestKey;
  const preview = result?.preview ?? null;
  const error = isLoading ? null : result?.error;
  return (
    <div data-testid="layout-preview" data-preview-key={preview?.key ?? ''} aria-busy={isLoading}>
      {error ? (
        <div className="mb-3">
          <Alert tone="warn">{error}</Alert>
        </div>
      ) : null}
      <p className="mb-3 text-sm text-slate-600" aria-live="polite">
        {isLoading && !preview ? 'Drawing your first sheets…' : preview ? describeShown(new Set(preview.images.map((i) => i.sheetNumber)).size, preview.totalSheets) : null}
      </p>
      {preview ? (
        <ul className={`flex flex-wrap items-end gap-4 transition-opacity ${isLoading ? 'opacity-50' : ''}`}>
          {preview.images.map((image) => {
            const label = `Sheet ${image.sheetNumber}, ${SIDE_LABEL[image.side]}`;
            return (
              <li key={`${image.sheetNumber}-${image.side}`}>
                <figure className="space-y-1">
                  {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made on the server, nothing for next/image to optimise */}
                  <img
                    src={image.src}
                    alt={`${label}, as printed`}
                    width={image.widthPx / 2}
                    height={image.heightPx / 2}
                    data-testid="preview-sheet"
                    data-sheet={image.sheetNumber}
                    data-side={image.side}
                    data-orientation={image.isLandscape ? 'landscape' : 'portrait'}
                    className="h-auto max-w-[8.5rem] border border-slate-300 bg-white shadow-sm sm:max-w-none"
                  />
                  <figcaption className="text-xs text-slate-600">{label}</figcaption>
                </figure>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}

function describeShown(shown: number, total: number): string {
  if (shown >= total) return `Your job on ${countOf(total, 'sheet')}, as the shop's printer will print it.`;
  return `The first ${countOf(shown, 'sheet')} of ${total}, as the shop's printer will print them.`;
}
