'use client';

import { useEffect, useId, useRef, useState } from 'react';
import type { TPlaceKind, TPlaceMatch, TWiderSearch } from '@/lib/search/place-match';

type TStatus = { kind: 'idle' } | { kind: 'loading' } | { kind: 'done'; places: TPlaceMatch[]; widerSearch: TWiderSearch } | { kind: 'error'; message: string };

export const PLACE_SEARCH_LABEL = 'Search a town, street, postcode or shop';

/** A small mark before each answer, so a street is not mistaken for a town of the same name. */
const KIND_MARK: Record<TPlaceKind, string> = { town: 'Town', street: 'Street', postcode: 'Postcode', shop: 'Shop', place: 'Place' };

/**
 * Type-ahead over GET /api/places (towns and cities, the listed shops' names, streets and
 * postcodes, and the geocoder where one is set up), as an ARIA combobox: arrows move, Enter
 * picks, Escape closes. Places near where the map is come first.
 */
export function PlaceSearch({ near, onPick }: { near: { lat: number; lng: number }; onPick: (place: TPlaceMatch) => void }) {
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
        setStatus({ kind: 'done', places: body.places, widerSearch: body.widerSearch });
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
  const pick = (place: TPlaceMatch) => {
    onPick(place);
    setText('');
    setIsOpen(false);
    setStatus({ kind: 'idle' });
  };

  return (
    <div className="relative">
      <label htmlFor={`${id}-input`} className="sr-only">
        {PLACE_SEARCH_LABEL}
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
        // Shorter than the label, which screen readers get in full: the sidebar cuts a long placeholder.
        placeholder="Town, street, postcode or shop"
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
          {status.kind === 'done' && places.length === 0 ? (
            <p className="px-3 py-2 text-slate-500">Nothing found for “{text.trim()}”. Try a town, a street, a postcode or a shop’s name, or click the map.</p>
          ) : null}
          {places.length ? (
            <ul id={`${id}-list`} role="listbox" aria-label="Places">
              {places.map((place, index) => (
                <li
                  key={place.key}
                  id={`${id}-option-${index}`}
                  role="option"
                  aria-selected={index === active}
                  aria-label={`${place.name}, ${place.detail}`}
                  data-place-kind={place.kind}
                  className={`cursor-pointer px-3 py-2 ${index === active ? 'bg-brand-50 text-brand-700' : 'hover:bg-slate-50'}`}
                  onMouseDown={(e) => e.preventDefault()}
                  onMouseEnter={() => setActive(index)}
                  onClick={() => pick(place)}
                >
                  <span className="flex items-baseline gap-2">
                    <span aria-hidden className="shrink-0 rounded bg-slate-100 px-1.5 text-xs text-slate-600">
                      {KIND_MARK[place.kind]}
                    </span>
                    <span className="font-medium">{place.name}</span>
                  </span>
                  <span className="block truncate text-xs text-slate-500" data-testid="place-detail">
                    {place.detail}
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
          {status.kind === 'done' && status.widerSearch === 'unavailable' ? (
            <p className="border-t border-slate-100 px-3 py-2 text-xs text-amber-800" data-testid="wider-search-unavailable">
              The wider place search (streets and landmarks everywhere) is unavailable right now, so these are towns and listed shops only.
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
