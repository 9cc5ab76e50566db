import { z } from 'zod';
import type { TGeocoderSettings } from '@/lib/config/geocoder-settings';
import type { TPlaceMatch } from './place-match';

/** The geocoder did not answer in time, answered with an error, or answered something we cannot read. */
export class GeocoderUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GeocoderUnavailableError';
  }
}

const latitude = z.number().min(-90).max(90);
const longitude = z.number().min(-180).max(180);
const optionalText = z.string().trim().optional();

/** Photon (komoot/photon) answers GeoJSON; each feature is checked on its own, so one odd feature does not lose the rest. */
const ZPhotonResponse = z.object({ features: z.array(z.unknown()) });
const ZPhotonFeature = z.object({
  geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([longitude, latitude]).rest(z.number()) }),
  properties: z.object({
    name: optionalText,
    housenumber: optionalText,
    street: optionalText,
    postcode: optionalText,
    district: optionalText,
    locality: optionalText,
    city: optionalText,
    country: optionalText,
    osm_value: optionalText,
    type: optionalText,
  }),
});

/** Nominatim `format=jsonv2`: coordinates come as strings. */
const ZNominatimResponse = z.array(z.unknown());
const ZNominatimPlace = z.object({
  lat: z.coerce.number().pipe(latitude),
  lon: z.coerce.number().pipe(longitude),
  display_name: z.string().trim().min(1),
  name: optionalText,
  type: optionalText,
  addresstype: optionalText,
});

/** "university" → "University", "bus_stop" → "Bus stop". */
const kindWords = (value: string | undefined) => (value ? value.charAt(0).toUpperCase() + value.slice(1).replace(/_/g, ' ') : 'Place');

const unique = (parts: (string | undefined)[]) => [...new Set(parts.filter((part): part is string => Boolean(part)))];

function photonPlace(feature: z.infer<typeof ZPhotonFeature>, index: number): TPlaceMatch | null {
  const p = feature.properties;
  const [lng, lat] = feature.geometry.coordinates;
  const name = p.name || unique([p.housenumber, p.street]).join(' ');
  if (!name) return null;
  const where = unique([p.district ?? p.locality, p.city, p.country]).filter((part) => part !== name);
  return {
    key: `place:${index}:${lat.toFixed(5)},${lng.toFixed(5)}`,
    kind: 'place',
    name,
    detail: [kindWords(p.osm_value ?? p.type), where.join(', ')].filter(Boolean).join(' · '),
    label: unique([name, p.city ?? p.locality]).join(', '),
    lat,
    lng,
    source: 'geocoder',
  };
}

function nominatimPlace(place: z.infer<typeof ZNominatimPlace>, index: number): TPlaceMatch {
  const [first, ...rest] = place.display_name.split(',').map((part) => part.trim());
  const name = place.name || first;
  const where = (place.name && place.name !== first ? [first, ...rest] : rest).slice(0, 3);
  return {
    key: `place:${index}:${place.lat.toFixed(5)},${place.lon.toFixed(5)}`,
    kind: 'place',
    name,
    detail: [kindWords(place.addresstype ?? place.type), where.join(', ')].filter(Boolean).join(' · '),
    label: unique([name, where[0]]).join(', '),
    lat: place.lat,
    lng: place.lon,
    source: 'geocoder',
  };
}

/**
 * Asks the configured geocoder (Photon or Nominatim) for places matching the text, within the
 * configured timeout. Throws GeocoderUnavailableError for anything but a readable answer, so
 * the caller can still answer from local data and say the wider search is unavailable.
 */
export async function geocodePlaces(settings: TGeocoderSettings, text: string, options: { limit: number; near?: { lat: number; lng: number }; fetchImpl?: typeof fetch }): Promise<TPlaceMatch[]> {
  const url = new URL(settings.url);
  url.searchParams.set('q', text);
  url.searchParams.set('limit', String(options.limit));
  if (settings.kind === 'photon') {
    // Photon prefers results near this point rather than only filtering by it.
    if (options.near) {
      url.searchParams.set('lat', options.near.lat.toFixed(5));
      url.searchParams.set('lon', options.near.lng.toFixed(5));
    }
  } else {
    url.searchParams.set('format', 'jsonv2');
  }
  let body: unknown;
  try {
    const response = await (options.fetchImpl ?? fetch)(url, {
      headers: { accept: 'application/json', 'user-agent': 'Nearprint place search' },
      signal: AbortSignal.timeout(settings.timeoutMs),
      redirect: 'error',
    });
    if (!response.ok) throw new GeocoderUnavailableError(`The geocoder answered ${response.status}`);
    body = await response.json();
  } catch (error) {
    if (error instanceof GeocoderUnavailableError) throw error;
    const isTimeout = error instanceof DOMException && error.name === 'TimeoutError';
    throw new GeocoderUnavailableError(isTimeout ? `The geocoder did not answer within ${settings.timeoutMs} ms` : 'The geocoder could not be reached or did not answer JSON', { cause: error });
  }
  if (settings.kind === 'photon') {
    const parsed = ZPhotonResponse.safeParse(body);
    if (!parsed.success) throw new GeocoderUnavailableError('The geocoder answered something that is not Photon GeoJSON');
    return parsed.data.features.flatMap((feature, index) => {
      const valid = ZPhotonFeature.safeParse(feature);
      const place = valid.success ? photonPlace(valid.data, index) : null;
      return place ? [place] : [];
    });
  }
  const parsed = ZNominatimResponse.safeParse(body);
  if (!parsed.success) throw new GeocoderUnavailableError('The geocoder answered something that is not a Nominatim result list');
  return parsed.data.flatMap((item, index) => {
    const valid = ZNominatimPlace.safeParse(item);
    return valid.success ? [nominatimPlace(valid.data, index)] : [];
  });
}
