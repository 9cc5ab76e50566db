import { distance } from '@turf/turf';
import type { TSql } from '@/db/client';
import type { TGeocoderSettings } from '@/lib/config/geocoder-settings';
import { GeocoderUnavailableError, geocodePlaces } from './geocode-places';
import { normalizePlaceName, type TGazetteer } from './load-gazetteer';
import type { TPlaceMatch, TWiderSearch } from './place-match';
import { NEAR_BIAS_KM, searchPlaces, type TPlace, type TPlaceMatchTier, type TSearchPlacesRequest } from './search-places';
import { searchShopPlaces } from './search-shop-places';

export type TFindPlacesResponse = { places: TPlaceMatch[]; widerSearch: TWiderSearch };

/** How well a gazetteer match counts against a shop's trigram similarity (0–1) when the two lists are merged. */
const TIER_SCORE: Record<TPlaceMatchTier, number> = { exact: 1, prefix: 0.9, word: 0.8, fuzzy: 0.6 };
/** A match further than NEAR_BIAS_KM from where the map is counts this much less: "Grafton" near Dublin is Grafton Street before Grafton, Australia. */
const FAR_PENALTY = 0.25;
/** Places at least this big are called cities, the rest towns. */
const CITY_POPULATION = 100_000;
/** A geocoder answer this close to a local one with the same name is the same place. */
const SAME_PLACE_KM = 1;

function townMatch(place: TPlace): TPlaceMatch {
  return {
    key: `town:${place.id}`,
    kind: 'town',
    name: place.name,
    detail: `${place.population >= CITY_POPULATION ? 'City' : 'Town'} · ${place.label.slice(place.name.length).replace(/^,\s*/, '')}`,
    label: place.label,
    lat: place.lat,
    lng: place.lng,
    source: 'gazetteer',
  };
}

const kmBetween = (a: { lat: number; lng: number }, b: { lat: number; lng: number }) => distance([a.lng, a.lat], [b.lng, b.lat], { units: 'kilometers' });

/** Merges two lists already in their own best order, taking whichever head scores higher (the gazetteer on a tie). */
function mergeByScore<T>(first: { item: T; score: number }[], second: { item: T; score: number }[]): T[] {
  const merged: T[] = [];
  let i = 0;
  let j = 0;
  while (i < first.length || j < second.length) {
    if (j >= second.length || (i < first.length && first[i].score >= second[j].score)) merged.push(first[i++].item);
    else merged.push(second[j++].item);
  }
  return merged;
}

/**
 * The one place search behind GET /api/places: towns and cities from the offline gazetteer and
 * the listed shops' names, streets and postcodes (both local, merged by how well they match and
 * whether they are near the map), then, when GEOCODER_URL is set, the geocoder's answers after
 * them. The geocoder is asked at the same time as the database and bounded by its timeout;
 * when it fails the local answers still come back, with widerSearch "unavailable".
 */
export async function findPlaces(
  request: TSearchPlacesRequest,
  deps: { gazetteer: TGazetteer; geocoder: TGeocoderSettings | null; executor?: TSql; fetchImpl?: typeof fetch },
): Promise<TFindPlacesResponse> {
  const near = request.lat !== undefined && request.lng !== undefined ? { lat: request.lat, lng: request.lng } : undefined;
  const limit = request.limit;
  const geocoded = deps.geocoder
    ? geocodePlaces(deps.geocoder, request.q, { limit, near, fetchImpl: deps.fetchImpl }).then(
        (places) => ({ places, widerSearch: 'ok' as const }),
        (error: unknown) => {
          // Whatever went wrong out there, typing must still find local places.
          console.warn(`Place search without the geocoder: ${error instanceof GeocoderUnavailableError ? error.message : String(error)}`);
          return { places: [] as TPlaceMatch[], widerSearch: 'unavailable' as const };
        },
      )
    : Promise.resolve({ places: [] as TPlaceMatch[], widerSearch: 'off' as const });

  const farPenalty = (point: { lat: number; lng: number }) => (near && kmBetween(near, point) > NEAR_BIAS_KM ? FAR_PENALTY : 0);
  const towns = searchPlaces(deps.gazetteer, request.q, { limit, near }).map((place) => ({ item: townMatch(place), score: TIER_SCORE[place.match] - farPenalty(place) }));
  const shops = (await searchShopPlaces(request.q, { near, limit, executor: deps.executor })).map(({ score, distanceM, ...match }) => ({
    item: match,
    score: score - (distanceM !== null && distanceM > NEAR_BIAS_KM * 1000 ? FAR_PENALTY : 0),
  }));
  const local = mergeByScore(towns, shops);

  const wider = await geocoded;
  const sameName = (a: TPlaceMatch, b: TPlaceMatch) => normalizePlaceName(a.name) === normalizePlaceName(b.name) && kmBetween(a, b) < SAME_PLACE_KM;
  const extra = wider.places.filter((place) => !local.some((known) => sameName(known, place)));
  // The geocoder's answers come after the local ones but always get a few of the rows.
  const localRows = Math.max(limit - Math.min(extra.length, Math.ceil(limit / 3)), 0);
  const places = [...local.slice(0, localRows), ...extra].slice(0, limit);
  return { places, widerSearch: wider.widerSearch };
}
