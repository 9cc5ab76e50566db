'use client';

import { bbox, circle, distance } from '@turf/turf';
import { useMemo } from 'react';
import { BaseMap, type TMapMarker, type TMapRadius } from '@/app/_components/map/base-map';
import { formatDistance } from '@/lib/search/format-distance';
import type { TSearchLocation } from './read-search-page';
import type { TResultView } from './result-view';

/**
 * The results on a map: you (red) in the middle of the search radius (a turf circle), the
 * shops (numbered by rank in their labels), the one under the pointer or chosen highlighted,
 * a scale bar and a legend. Fits to the radius; a click on the map moves the search there.
 * Works with no tiles: everything is drawn on a plain background.
 */
export function ResultsMap({
  styleUrl,
  location,
  results,
  selectedId,
  onSelect,
  onPickPoint,
}: {
  styleUrl: string | null;
  location: TSearchLocation;
  results: TResultView[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  onPickPoint: (point: { lat: number; lng: number }) => void;
}) {
  const markers = useMemo<TMapMarker[]>(
    () => [
      { id: 'you', lat: location.lat, lng: location.lng, label: `You: ${location.label}`, tone: 'you' },
      ...results.map((r) => ({
        id: r.id,
        lat: r.lat,
        lng: r.lng,
        label: `${r.position}. ${r.name}, ${formatDistance(distance([location.lng, location.lat], [r.lng, r.lat], { units: 'meters' }))} away, ${r.totalLabel}`,
        tone: r.id === selectedId ? ('selected' as const) : ('brand' as const),
        onClick: () => onSelect(r.id),
      })),
    ],
    [location, results, selectedId, onSelect],
  );
  const radius = useMemo<TMapRadius>(() => ({ lat: location.lat, lng: location.lng, km: location.radiusKm }), [location.lat, location.lng, location.radiusKm]);
  const bounds = useMemo<[[number, number], [number, number]]>(() => {
    const [west, south, east, north] = bbox(circle([radius.lng, radius.lat], radius.km, { steps: 32, units: 'kilometers' }));
    return [
      [west, south],
      [east, north],
    ];
  }, [radius]);
  return (
    <div className="space-y-2">
      <BaseMap
        styleUrl={styleUrl}
        center={location}
        zoom={13}
        markers={markers}
        bounds={bounds}
        radius={radius}
        onMapClick={onPickPoint}
        className="h-72 w-full xl:h-[calc(100vh-16rem)] xl:min-h-96"
        label="Map of the shops found. Click anywhere to search around that point."
      />
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600" aria-label="Map legend" data-testid="map-legend">
        <li className="flex items-center gap-1.5">
          <span aria-hidden className="inline-block h-3 w-3 rounded-full border-2 border-white bg-red-600 shadow" /> You ({location.label})
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden className="inline-block h-3 w-3 rounded-full border-2 border-white bg-[#1f5bd6] shadow" /> A shop that can print your job
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden className="inline-block h-3 w-3 rounded-full border-2 border-white bg-amber-500 shadow" /> The shop you are looking at
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden className="inline-block h-3 w-4 rounded-sm border border-dashed border-[#1f5bd6] bg-[#1f5bd6]/10" /> Searching within {location.radiusKm} km
        </li>
      </ul>
    </div>
  );
}
