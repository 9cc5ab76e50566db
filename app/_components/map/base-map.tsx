'use client';

import { Map as MapLibreMap, Marker, NavigationControl, type MapMouseEvent, type StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef } from 'react';

/** Used when no style URL is configured, or the configured one cannot be loaded (offline). */
const PLAIN_STYLE: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#e8eef5' } }],
};

export type TMapMarker = { id: string; lat: number; lng: number; label: string; tone?: 'brand' | 'muted' | 'you' | 'selected'; onClick?: () => void };

const MARKER_COLORS = { brand: '#1f5bd6', muted: '#94a3b8', you: '#dc2626', selected: '#f59e0b' };

function markerElement(marker: TMapMarker): HTMLElement {
  const el = document.createElement('button');
  el.type = 'button';
  el.title = marker.label;
  el.setAttribute('aria-label', marker.label);
  el.dataset.markerId = marker.id;
  el.className = 'np-marker';
  el.style.cssText = `width:18px;height:18px;border-radius:9999px;border:2px solid white;box-shadow:0 1px 3px rgba(0,0,0,.4);cursor:pointer;background:${MARKER_COLORS[marker.tone ?? 'brand']}`;
  if (marker.onClick)
    el.addEventListener('click', (e) => {
      e.stopPropagation();
      marker.onClick?.();
    });
  return el;
}

/**
 * A MapLibre map that works with no tiles: markers are DOM elements positioned by the map,
 * so they show on the plain background as well as on a real basemap.
 */
export function BaseMap({
  styleUrl,
  center,
  zoom = 13,
  markers,
  bounds,
  onMapClick,
  className = 'h-80 w-full',
  label,
}: {
  styleUrl: string | null;
  center: { lat: number; lng: number };
  zoom?: number;
  markers: TMapMarker[];
  /** [[west, south], [east, north]] to fit, e.g. from turf.bbox of the results. */
  bounds?: [[number, number], [number, number]] | null;
  onMapClick?: (point: { lat: number; lng: number }) => void;
  className?: string;
  label: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const markerRefs = useRef<Marker[]>([]);
  const clickRef = useRef(onMapClick);
  useEffect(() => {
    clickRef.current = onMapClick;
  });

  useEffect(() => {
    if (!container.current) return;
    const map = new MapLibreMap({
      container: container.current,
      style: styleUrl ?? PLAIN_STYLE,
      center: [center.lng, center.lat],
      zoom,
      attributionControl: false,
    });
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    if (styleUrl) {
      // A configured style that cannot load (offline, wrong URL) falls back to the plain one.
      map.once('error', () => {
        if (!map.isStyleLoaded()) map.setStyle(PLAIN_STYLE);
      });
    }
    map.on('click', (event: MapMouseEvent) => clickRef.current?.({ lat: event.lngLat.lat, lng: event.lngLat.lng }));
    mapRef.current = map;
    return () => {
      map.remove();
      mapRef.current = null;
    };
    // The map is created once; later prop changes move it (effects below).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [styleUrl]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    for (const marker of markerRefs.current) marker.remove();
    markerRefs.current = markers.map((m) => new Marker({ element: markerElement(m) }).setLngLat([m.lng, m.lat]).addTo(map));
  }, [markers]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    if (bounds) map.fitBounds(bounds, { padding: 48, maxZoom: 16, duration: 0 });
    else map.jumpTo({ center: [center.lng, center.lat] });
  }, [bounds, center.lat, center.lng]);

  return <div ref={container} role="region" aria-label={label} className={`overflow-hidden rounded-xl border border-slate-200 ${className}`} />;
}
