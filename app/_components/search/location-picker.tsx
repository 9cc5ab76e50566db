'use client';

import { useState } from 'react';
import type { TSearchLocation } from './read-search-page';
import { PlaceSearch } from './place-search';
import { useSearchState } from './search-state';

const GEOLOCATION_ERRORS: Record<number, string> = {
  1: 'Your browser did not allow us to see your location. Search for a place instead, or click the map.',
  2: 'Your device could not tell where you are. Search for a place instead, or click the map.',
  3: 'Finding your location took too long. Try again, or search for a place.',
};

/** Where the customer is: their device's position, a place name, or (in ResultsMap) a click on the map. */
export function LocationPicker({ location, errors }: { location: TSearchLocation; errors: Record<string, string[]> }) {
  const { update } = useSearchState();
  const [locating, setLocating] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const useMyLocation = () => {
    if (!('geolocation' in navigator)) {
      setError('This browser cannot share its location. Search for a place instead, or click the map.');
      return;
    }
    setLocating(true);
    setError(null);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        // No label: the page names the point by the nearest known place ("Shops near Rathmines").
        update({ lat: position.coords.latitude.toFixed(5), lng: position.coords.longitude.toFixed(5), place: '', shop: '' });
      },
      (failure) => {
        setLocating(false);
        setError(GEOLOCATION_ERRORS[failure.code] ?? 'We could not get your location. Search for a place instead.');
      },
      { enableHighAccuracy: false, timeout: 10_000, maximumAge: 60_000 },
    );
  };

  return (
    <section aria-labelledby="where-heading" className="space-y-3">
      <h2 id="where-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
        Where are you?
      </h2>
      <p className="text-sm" data-testid="search-location">
        <span className="text-slate-500">Shops near </span>
        <span className="font-medium">{location.label}</span>
      </p>
      {errors.lat || errors.lng ? (
        <p role="alert" className="text-sm text-red-700" data-field-error="lat">
          That position is not valid ({[...(errors.lat ?? []), ...(errors.lng ?? [])].join('; ')}). Pick a place again.
        </p>
      ) : null}
      {location.isDefault && !errors.lat && !errors.lng ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900" data-testid="default-location-notice">
          We don’t know where you are yet, so this shows the demo area in Dublin. Use your location, search for a place or click the map.
        </p>
      ) : null}
      <button
        type="button"
        onClick={useMyLocation}
        disabled={locating}
        className="inline-flex w-full items-center justify-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50 disabled:text-slate-400"
      >
        <span aria-hidden>◎</span> {locating ? 'Finding you…' : 'Use my location'}
      </button>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <PlaceSearch near={location} onPick={(place) => update({ lat: place.lat.toFixed(5), lng: place.lng.toFixed(5), place: place.label, shop: place.shopId ?? '' })} />
      <p className="text-xs text-slate-500">Or click the map to search around that point.</p>
    </section>
  );
}
