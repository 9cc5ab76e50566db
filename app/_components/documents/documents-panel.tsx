'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { TAcceptedUploadTypes } from '@/lib/documents/accepted-upload-types';
import type { TDocumentSummary } from '@/lib/documents/document-summary';

type TUpload = { key: string; filename: string; sizeBytes: number; progress: number; error: string | null; document: TDocumentSummary | null };

const POLL_MS = 700;

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Longest wait for a free upload slot before giving up (the server caps uploads per customer). */
const MAX_SLOT_WAIT_S = 30;

/**
 * Sends one file with XMLHttpRequest, the only browser API that reports upload progress. When
 * the customer already has as many uploads running as the server allows (429 with a short
 * Retry-After), it waits its turn; a used-up daily allowance (a long Retry-After) is shown.
 */
async function sendFile(file: File, onProgress: (fraction: number) => void): Promise<TDocumentSummary> {
  for (;;) {
    const outcome = await sendOnce(file, onProgress);
    if ('document' in outcome) return outcome.document;
    if (outcome.retryAfterS === null || outcome.retryAfterS > MAX_SLOT_WAIT_S) throw new Error(outcome.message);
    await new Promise((resolve) => setTimeout(resolve, outcome.retryAfterS! * 1000));
  }
}

function sendOnce(file: File, onProgress: (fraction: number) => void): Promise<{ document: TDocumentSummary } | { message: string; retryAfterS: number | null }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/documents');
    xhr.setRequestHeader('x-filename', encodeURIComponent(file.name));
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    xhr.onload = () => {
      const body = (() => {
        try {
          return JSON.parse(xhr.responseText);
        } catch {
          return null;
        }
      })();
      if (xhr.status === 201 && body?.document) return resolve({ document: body.document });
      const retryAfter = xhr.status === 429 ? Number(xhr.getResponseHeader('retry-after')) : NaN;
      resolve({ message: body?.error?.message ?? `Upload failed (HTTP ${xhr.status}).`, retryAfterS: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null });
    };
    xhr.onerror = () => reject(new Error('The upload was interrupted. Check your connection and try again.'));
    xhr.send(file);
  });
}

export type TDocumentsChange = { documents: TDocumentSummary[]; isBusy: boolean };

/**
 * Upload and check the files to print: several at once, dropped or picked, each with a real
 * progress bar, then the worker's inspection progress, then a page map where colour pages can
 * be switched to black & white before paying.
 */
export function DocumentsPanel({
  initial = [],
  uploadTypes,
  onChange,
}: {
  initial?: TDocumentSummary[];
  /** What this deployment can print (acceptedUploadTypes). */
  uploadTypes: TAcceptedUploadTypes;
  onChange: (change: TDocumentsChange) => void;
}) {
  const [uploads, setUploads] = useState<TUpload[]>(() =>
    initial.map((document) => ({ key: document.id, filename: document.filename, sizeBytes: document.sizeBytes, progress: 1, error: null, document })),
  );
  const [isDragging, setIsDragging] = useState(false);
  const [openMap, setOpenMap] = useState<string | null>(initial[0]?.id ?? null);
  const inputRef = useRef<HTMLInputElement>(null);
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  });

  const update = useCallback((key: string, patch: Partial<TUpload>) => setUploads((all) => all.map((u) => (u.key === key ? { ...u, ...patch } : u))), []);

  useEffect(() => {
    const documents = uploads.flatMap((u) => (u.document && !u.error ? [u.document] : []));
    const isBusy = uploads.some((u) => !u.error && (!u.document || u.document.status === 'uploaded' || u.document.status === 'inspecting'));
    onChangeRef.current({ documents, isBusy });
  }, [uploads]);

  // Follow inspection until every document is ready or failed.
  useEffect(() => {
    const pending = uploads.filter((u) => u.document && (u.document.status === 'uploaded' || u.document.status === 'inspecting'));
    if (!pending.length) return;
    const timer = setTimeout(async () => {
      for (const upload of pending) {
        const response = await fetch(`/api/documents/${upload.document!.id}`, { cache: 'no-store' });
        if (response.ok) update(upload.key, { document: (await response.json()).document });
      }
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [uploads, update]);

  const addFiles = (files: FileList | File[]) => {
    for (const file of Array.from(files)) {
      const key = `${file.name}-${file.size}-${Date.now()}-${Math.random()}`;
      setUploads((all) => [...all, { key, filename: file.name, sizeBytes: file.size, progress: 0, error: null, document: null }]);
      sendFile(file, (progress) => update(key, { progress }))
        .then((document) => {
          update(key, { document, progress: 1 });
          setOpenMap((current) => current ?? document.id);
        })
        .catch((error: Error) => update(key, { error: error.message }));
    }
  };

  const setForcedMono = (documentId: string, pageNumber: number, isForcedMono: boolean) =>
    setUploads((all) =>
      all.map((u) => (u.document?.id === documentId ? { ...u, document: { ...u.document, pages: u.document.pages.map((p) => (p.pageNumber === pageNumber ? { ...p, isForcedMono } : p)) } } : u)),
    );

  // Optimistic: the checkbox moves at once; it moves back, with the reason, if the server says no.
  const toggleMono = async (documentId: string, pageNumber: number, isForcedMono: boolean) => {
    setForcedMono(documentId, pageNumber, isForcedMono);
    const response = await fetch(`/api/documents/${documentId}/pages/${pageNumber}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ isForcedMono }) });
    if (!response.ok) {
      setForcedMono(documentId, pageNumber, !isForcedMono);
      const body = await response.json().catch(() => null);
      window.alert(body?.error?.message ?? 'That page could not be changed.');
    }
  };

  return (
    <div className="space-y-3">
      <label
        onDragOver={(e) => {
          e.preventDefault();
          setIsDragging(true);
        }}
        onDragLeave={() => setIsDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setIsDragging(false);
          addFiles(e.dataTransfer.files);
        }}
        className={`flex cursor-pointer flex-col items-center justify-center rounded-xl border-2 border-dashed px-6 py-8 text-center transition focus-within:ring-2 focus-within:ring-brand-500 ${isDragging ? 'border-brand-500 bg-brand-50' : 'border-slate-300 bg-white hover:border-brand-500'}`}
        data-testid="dropzone"
      >
        {/* A phone has no files to drag: it gets the words for what a tap does. */}
        <span className="font-medium pointer-coarse:hidden">Drop files here, or click to choose</span>
        <span className="hidden font-medium pointer-coarse:inline">Tap to choose files or take a photo</span>
        <span className="mt-1 text-sm text-slate-500" data-testid="upload-types">
          {uploadTypes.description}; several at once
        </span>
        <input ref={inputRef} type="file" multiple accept={uploadTypes.accept} className="sr-only" aria-label="Choose files to print" onChange={(e) => e.target.files && addFiles(e.target.files)} />
      </label>

      <ul className="space-y-2" aria-label="Your documents">
        {uploads.map((upload) => {
          const doc = upload.document;
          const status = upload.error
            ? upload.error
            : !doc
              ? `Uploading… ${Math.round(upload.progress * 100)}%`
              : doc.status === 'failed'
                ? (doc.errorMessage ?? 'We could not read this file.')
                : doc.status === 'ready'
                  ? `${doc.pageCount} page${doc.pageCount === 1 ? '' : 's'}, ${doc.colorPageCount} in colour`
                  : doc.pagesInspected > 0
                    ? `Checking pages… ${doc.pagesInspected}${doc.pageCount ? ` of ${doc.pageCount}` : ''}`
                    : 'Checking the file…';
          const isFailed = !!upload.error || doc?.status === 'failed';
          const fraction = !doc ? upload.progress : doc.status === 'ready' || isFailed ? 1 : 0.5 + (doc.pageCount ? (doc.pagesInspected / doc.pageCount) * 0.5 : 0.1);
          return (
            <li key={upload.key} className="rounded-lg border border-slate-200 bg-white p-3" data-testid="document-row" data-status={isFailed ? 'failed' : (doc?.status ?? 'uploading')}>
              <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 text-sm">
                <div className="min-w-0 flex-1 basis-40">
                  <p className="truncate font-medium">{upload.filename}</p>
                  <p className={isFailed ? 'text-red-700' : 'text-slate-600'} role={isFailed ? 'alert' : undefined} data-testid="document-status">
                    {status}
                  </p>
                </div>
                <div className="flex shrink-0 items-center gap-3">
                  <span className="text-xs text-slate-500">{formatBytes(upload.sizeBytes)}</span>
                  {doc?.status === 'ready' ? (
                    <button type="button" className="text-sm text-brand-600 hover:underline" onClick={() => setOpenMap(openMap === doc.id ? null : doc.id)}>
                      {openMap === doc.id ? 'Hide pages' : 'Show pages'}
                    </button>
                  ) : null}
                  <button type="button" className="text-sm text-slate-500 hover:text-red-700" onClick={() => setUploads((all) => all.filter((u) => u.key !== upload.key))}>
                    Remove
                  </button>
                </div>
              </div>
              <div
                className="mt-2 h-1.5 rounded bg-slate-100"
                role="progressbar"
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={Math.round(fraction * 100)}
                aria-label={`${upload.filename} progress`}
              >
                <div className={`h-1.5 rounded transition-all ${isFailed ? 'bg-red-500' : fraction >= 1 ? 'bg-emerald-500' : 'bg-brand-500'}`} style={{ width: `${Math.round(fraction * 100)}%` }} />
              </div>
              {doc?.status === 'ready' && openMap === doc.id ? (
                <div className="mt-3 grid grid-cols-[repeat(auto-fill,minmax(4.5rem,1fr))] gap-3" aria-label={`Pages of ${doc.filename}`} data-testid="page-map">
                  {doc.pages.map((page) => {
                    const printsInColour = page.isColor && !page.isForcedMono;
                    return (
                      <figure key={page.pageNumber} className="space-y-1 text-center text-xs" data-page={page.pageNumber} data-color={printsInColour}>
                        <div className={`relative overflow-hidden rounded border-2 bg-white ${printsInColour ? 'border-fuchsia-400' : 'border-slate-200'}`}>
                          {page.thumbnailUrl ? (
                            // eslint-disable-next-line @next/next/no-img-element -- signed, expiring links; next/image would cache them
                            <img src={page.thumbnailUrl} alt={`Page ${page.pageNumber}`} loading="lazy" className={`w-full ${page.isForcedMono ? 'grayscale' : ''}`} />
                          ) : (
                            <div className="grid h-24 place-items-center text-slate-400">{page.pageNumber}</div>
                          )}
                        </div>
                        <figcaption className="flex flex-wrap items-center justify-between gap-x-1">
                          <span>p. {page.pageNumber}</span>
                          <span className={printsInColour ? 'font-medium text-fuchsia-700' : 'text-slate-500'}>{printsInColour ? 'Colour' : 'B&W'}</span>
                        </figcaption>
                        {page.isColor ? (
                          <label className="flex items-center justify-center gap-1 whitespace-nowrap text-slate-600">
                            <input
                              type="checkbox"
                              checked={page.isForcedMono}
                              onChange={(e) => toggleMono(doc.id, page.pageNumber, e.target.checked)}
                              aria-label={`Print page ${page.pageNumber} in black & white`}
                            />
                            in B&amp;W
                          </label>
                        ) : null}
                      </figure>
                    );
                  })}
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
