'use client';

import { bbox, distance, featureCollection, point } from '@turf/turf';
import { useMemo } from 'react';
import { BaseMap, type TMapMarker } from '@/app/_components/map/base-map';
import { formatDistance } from '@/lib/search/format-distance';
import type { TSearchLocation } from './read-search-page';
import type { TResultView } from './result-view';

/**
 * The results on a map: you (red), the shops (numbered by rank in their labels), the one
 * under the pointer highlighted. Fits to you and the results (turf bbox); a click on the
 * map moves the search there. Works with no tiles: the markers sit on a plain background.
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
  const bounds = useMemo<[[number, number], [number, number]] | null>(() => {
    if (results.length === 0) return null;
    const [west, south, east, north] = bbox(featureCollection([point([location.lng, location.lat]), ...results.map((r) => point([r.lng, r.lat]))]));
    return [
      [west, south],
      [east, north],
    ];
  }, [location, results]);
  return (
    <BaseMap
      styleUrl={styleUrl}
      center={location}
      zoom={13}
      markers={markers}
      bounds={bounds}
      onMapClick={onPickPoint}
      className="h-72 w-full xl:h-[calc(100vh-14rem)] xl:min-h-96"
      label="Map of the shops found. Click anywhere to search around that point."
    />
  );
}
