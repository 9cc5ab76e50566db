'use client';

import { useEffect, useId, useRef, useState } from 'react';
import type { TPlace } from '@/lib/search/search-places';

type TStatus = { kind: 'idle' } | { kind: 'loading' } | { kind: 'done'; places: TPlace[] } | { kind: 'error'; message: string };

/**
 * Type-ahead over the offline gazetteer (GET /api/places), as an ARIA combobox: arrows move,
 * Enter picks, Escape closes. Places near where the map is come first.
 */
export function PlaceSearch({ near, onPick }: { near: { lat: number; lng: number }; onPick: (place: TPlace) => void }) {
  const id = useId();
  const [text, setText] = useState('');
  const [searched, setStatus] = useState<TStatus>({ kind: 'idle' });
  // Too short to search: nothing to show, whatever an earlier search found.
  const status: TStatus = text.trim().length < 2 ? { kind: 'idle' } : searched;
  const [isOpen, setIsOpen] = useState(false);
  const [active, setActive] = useState(0);
  const nearRef = useRef(near);
  useEffect(() => {
    nearRef.current = near;
  }, [near]);

  useEffect(() => {
    const q = text.trim();
    if (q.length < 2) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      setStatus({ kind: 'loading' });
      try {
        const params = new URLSearchParams({ q, lat: String(nearRef.current.lat), lng: String(nearRef.current.lng), limit: '8' });
        const response = await fetch(`/api/places?${params}`, { signal: controller.signal });
        const body = await response.json();
        if (!response.ok) throw new Error(body?.error?.message ?? 'Place search failed');
        setStatus({ kind: 'done', places: body.places });
        setActive(0);
      } catch {
        if (!controller.signal.aborted) setStatus({ kind: 'error', message: 'Place search is not answering. Try again, or click the map.' });
      }
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text]);

  const places = status.kind === 'done' ? status.places : [];
  const pick = (place: TPlace) => {
    onPick(place);
    setText('');
    setIsOpen(false);
    setStatus({ kind: 'idle' });
  };

  return (
    <div className="relative">
      <label htmlFor={`${id}-input`} className="sr-only">
        Search for a town or city
      </label>
      <input
        id={`${id}-input`}
        type="search"
        role="combobox"
        aria-expanded={isOpen && status.kind !== 'idle'}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={isOpen && places[active] ? `${id}-option-${active}` : undefined}
        autoComplete="off"
        placeholder="Search for a town or city"
        className="w-full"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setIsOpen(true);
        }}
        onFocus={() => setIsOpen(true)}
        onBlur={() => setTimeout(() => setIsOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && places.length) {
            e.preventDefault();
            setIsOpen(true);
            setActive((a) => (a + 1) % places.length);
          } else if (e.key === 'ArrowUp' && places.length) {
            e.preventDefault();
            setActive((a) => (a - 1 + places.length) % places.length);
          } else if (e.key === 'Enter') {
            e.preventDefault();
            if (places[active]) pick(places[active]);
          } else if (e.key === 'Escape') {
            setIsOpen(false);
          }
        }}
      />
      {isOpen && status.kind !== 'idle' ? (
        <div className="absolute z-20 mt-1 w-full overflow-hidden rounded-md border border-slate-200 bg-white text-sm shadow-lg">
          {status.kind === 'loading' ? <p className="px-3 py-2 text-slate-500">Searching…</p> : null}
          {status.kind === 'error' ? (
            <p role="alert" className="px-3 py-2 text-red-700">
              {status.message}
            </p>
          ) : null}
          {status.kind === 'done' && places.length === 0 ? <p className="px-3 py-2 text-slate-500">No town or city called “{text.trim()}”.</p> : null}
          {places.length ? (
            <ul id={`${id}-list`} role="listbox" aria-label="Places">
              {places.map((place, index) => (
                <li
                  key={place.id}
                  id={`${id}-option-${index}`}
                  role="option"
                  aria-selected={index === active}
                  className={`cursor-pointer px-3 py-2 ${index === active ? 'bg-brand-50 text-brand-700' : 'hover:bg-slate-50'}`}
                  onMouseDown={(e) => e.preventDefault()}
                  onMouseEnter={() => setActive(index)}
                  onClick={() => pick(place)}
                >
                  <span className="font-medium">{place.name}</span>
                  <span className="text-slate-500">{place.label.slice(place.name.length)}</span>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
