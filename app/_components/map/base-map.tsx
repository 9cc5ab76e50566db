'use client';

import { circle } from '@turf/turf';
import { Map as MapLibreMap, Marker, NavigationControl, ScaleControl, setWorkerUrl, type GeoJSONSource, type MapMouseEvent, type StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef } from 'react';

// The package's worker, served by the app itself (copied to public/ by next.config.mjs): the
// default looks for it beside the bundled module, where it is not.
setWorkerUrl('/maplibre/maplibre-gl-worker.mjs');

/** A circle as a polygon (turf), in a GeoJSON source the map draws as a tinted disc with a dashed edge. */
function radiusFeature(radius: TMapRadius) {
  return circle([radius.lng, radius.lat], radius.km, { steps: 96, units: 'kilometers' });
}

export type TMapRadius = { lat: number; lng: number; km: number };

/** Adds (or updates) the search radius; called again after a style change, which drops sources. */
function drawRadius(map: MapLibreMap, radius: TMapRadius | null) {
  const data = radius ? radiusFeature(radius) : { type: 'FeatureCollection' as const, features: [] };
  const source = map.getSource('np-radius') as GeoJSONSource | undefined;
  if (source) {
    source.setData(data);
    map.getContainer().dataset.radiusKm = radius ? String(radius.km) : '';
    return;
  }
  map.addSource('np-radius', { type: 'geojson', data });
  map.addLayer({ id: 'np-radius-fill', type: 'fill', source: 'np-radius', paint: { 'fill-color': '#1f5bd6', 'fill-opacity': 0.06 } });
  map.addLayer({ id: 'np-radius-line', type: 'line', source: 'np-radius', paint: { 'line-color': '#1f5bd6', 'line-width': 1.5, 'line-dasharray': [3, 2] } });
  // What is drawn, for tests and assistive tools that cannot read the canvas.
  map.getContainer().dataset.radiusKm = radius ? String(radius.km) : '';
}

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
  radius = null,
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
  /** A circle to draw, e.g. the search radius around the customer. */
  radius?: TMapRadius | null;
  onMapClick?: (point: { lat: number; lng: number }) => void;
  className?: string;
  label: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const markerRefs = useRef<Marker[]>([]);
  const clickRef = useRef(onMapClick);
  const radiusRef = useRef(radius);
  useEffect(() => {
    clickRef.current = onMapClick;
    radiusRef.current = radius;
  });

  useEffect(() => {
    if (!container.current) return;
    const map = new MapLibreMap({
      container: container.current,
      style: styleUrl ?? PLAIN_STYLE,
      center: [center.lng, center.lat],
      zoom,
      // Tile hosts (OpenStreetMap's among them) require their credit on the map; the plain style has none to give.
      attributionControl: styleUrl ? { compact: true } : false,
    });
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
    // Every (re)loaded style starts without our layers.
    map.on('style.load', () => drawRadius(map, radiusRef.current));
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
    if (map?.isStyleLoaded()) drawRadius(map, radius);
  }, [radius]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    if (bounds) map.fitBounds(bounds, { padding: 48, maxZoom: 16, duration: 0 });
    else map.jumpTo({ center: [center.lng, center.lat] });
  }, [bounds, center.lat, center.lng]);

  return <div ref={container} role="region" aria-label={label} className={`overflow-hidden rounded-xl border border-slate-200 ${className}`} />;
}
