import 'server-only';
import { fieldErrorsOf } from '@/app/_lib/http';
import { DEFAULT_SEARCH_LOCATION } from '@/lib/search/default-search-location';
import { loadGazetteer } from '@/lib/search/load-gazetteer';
import { nameNearestPlace } from '@/lib/search/name-nearest-place';
import { DEFAULT_RADIUS_KM, searchParamsToRecord, ZSearchShopsRequest, type TSearchShopsRequest } from '@/lib/search/search-shops-request';
import { draftFromQuery, type TSearchDraft } from './search-draft';

/**
 * Where the search is centred; radiusKm is what it searches within (the default when the URL's
 * is not valid). `label` is the place picked, or for a bare point (a map click, the device's
 * position) the nearest known place once nameSearchLocation has looked, else its coordinates.
 */
export type TSearchLocation = { lat: number; lng: number; label: string; isDefault: boolean; isBarePoint: boolean; radiusKm: number };

export type TSearchPageState = {
  draft: TSearchDraft;
  location: TSearchLocation;
  /** Null when the URL holds something invalid; fieldErrors say what, next to the field. */
  request: TSearchShopsRequest | null;
  fieldErrors: Record<string, string[]>;
};

/**
 * The page's search from its URL. No position means the demo city centre (and the page says
 * so); anything else goes through the same schema as the API, so the page and
 * GET /api/shops/search accept exactly the same searches.
 */
export function readSearchPage(query: Record<string, string | string[] | undefined>): TSearchPageState {
  const draft = draftFromQuery(query);
  const isDefault = draft.lat.trim() === '' && draft.lng.trim() === '';
  const record = searchParamsToRecord(query);
  if (isDefault) Object.assign(record, { lat: String(DEFAULT_SEARCH_LOCATION.lat), lng: String(DEFAULT_SEARCH_LOCATION.lng) });
  const parsed = ZSearchShopsRequest.safeParse(record);
  // The map and the place line still need a position when another field is invalid.
  const latParsed = ZSearchShopsRequest.shape.lat.safeParse(record.lat);
  const lngParsed = ZSearchShopsRequest.shape.lng.safeParse(record.lng);
  const hasPoint = latParsed.success && lngParsed.success && latParsed.data !== undefined && lngParsed.data !== undefined;
  const lat = hasPoint ? Number(latParsed.data) : DEFAULT_SEARCH_LOCATION.lat;
  const lng = hasPoint ? Number(lngParsed.data) : DEFAULT_SEARCH_LOCATION.lng;
  const isBarePoint = !isDefault && hasPoint && draft.place.trim() === '';
  const label = isDefault || !hasPoint ? DEFAULT_SEARCH_LOCATION.label : draft.place.trim() || `${lat.toFixed(4)}, ${lng.toFixed(4)}`;
  return {
    draft,
    location: { lat, lng, label, isDefault: isDefault || !hasPoint, isBarePoint, radiusKm: parsed.success ? parsed.data.radiusKm : DEFAULT_RADIUS_KM },
    request: parsed.success ? parsed.data : null,
    fieldErrors: parsed.success ? {} : fieldErrorsOf(parsed.error),
  };
}

/**
 * Names a bare point by the nearest gazetteer place ("Rathmines" rather than "53.3203, -6.2633");
 * a point further than NEAREST_PLACE_MAX_KM from any keeps its coordinates.
 */
export async function nameSearchLocation(location: TSearchLocation): Promise<TSearchLocation> {
  if (!location.isBarePoint) return location;
  const nearest = nameNearestPlace(await loadGazetteer(), location);
  return nearest ? { ...location, label: nearest.name } : location;
}
