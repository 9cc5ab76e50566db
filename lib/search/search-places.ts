import { distance } from '@turf/turf';
import { z } from 'zod';
import { normalizePlaceName, type TGazetteer } from './load-gazetteer';

export type TPlace = {
  /** Index in the gazetteer; stable for one build of the data. */
  id: number;
  name: string;
  /** ISO 3166-1 alpha-2, and its English name. */
  country: string;
  countryName: string;
  /** Geonames admin-1 code (a US state such as "OH"; elsewhere often a number). */
  admin: string;
  /** What to show: "Dublin, Ireland", "Dublin, OH, United States". */
  label: string;
  lat: number;
  lng: number;
  population: number;
};

export const MAX_PLACE_RESULTS = 10;

const optionalCoordinate = (limit: number) => z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number({ message: 'Must be a number' }).min(-limit).max(limit).optional());

/** GET /api/places: the text typed so far, and optionally where the map is, to prefer places near it. */
export const ZSearchPlacesRequest = z
  .object({
    q: z.string({ message: 'Type a place name' }).trim().min(1, 'Type a place name').max(100, 'That is too long for a place name'),
    limit: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(MAX_PLACE_RESULTS).default(8)),
    lat: optionalCoordinate(90),
    lng: optionalCoordinate(180),
  })
  .refine((r) => (r.lat === undefined) === (r.lng === undefined), { path: ['lng'], message: 'Give both lat and lng, or neither' });

const countryNames = new Intl.DisplayNames(['en'], { type: 'region' });

function countryName(code: string): string {
  try {
    return countryNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Lowest index whose key is >= prefix (keys are in code-unit order). */
function lowerBound(keys: string[], prefix: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A "dublin, us" / "dublin oh" qualifier: a country code, a country name prefix or an admin code. */
function matchesQualifier(gazetteer: TGazetteer, city: number, qualifier: string): boolean {
  if (!qualifier) return true;
  const country = gazetteer.countries[city];
  return country.toLowerCase() === qualifier || gazetteer.admins[city].toLowerCase() === qualifier || normalizePlaceName(countryName(country)).startsWith(qualifier);
}

/** Within this many km of the map's centre a place counts as "near" and gets up to 10× its population. */
export const NEAR_BIAS_KM = 250;

/**
 * Autocomplete over the gazetteer. A city ranks by how its name matches (the whole name
 * exactly, then the name starting with the text, then a later word starting with it: "york"
 * finds New York), then by population, boosted near `near` (where the customer is looking),
 * so "dub" near Dublin gives Dublin before Dubai. Text after a comma, or a last word that
 * matches nothing as part of the name, narrows by country or US state: "dublin, us",
 * "paris tx".
 */
export function searchPlaces(gazetteer: TGazetteer, query: string, options: { limit?: number; near?: { lat: number; lng: number } } = {}): TPlace[] {
  const limit = options.limit ?? MAX_PLACE_RESULTS;
  const [rawPlace, ...rest] = query.split(',');
  const prefix = normalizePlaceName(rawPlace);
  const qualifier = normalizePlaceName(rest.join(' '));
  const found = rankMatches(gazetteer, prefix, qualifier, options.near);
  const lastSpace = prefix.lastIndexOf(' ');
  if (found.length === 0 && !qualifier && lastSpace > 0) {
    return rankMatches(gazetteer, prefix.slice(0, lastSpace), prefix.slice(lastSpace + 1), options.near)
      .slice(0, limit)
      .map((city) => toPlace(gazetteer, city));
  }
  return found.slice(0, limit).map((city) => toPlace(gazetteer, city));
}

function rankMatches(gazetteer: TGazetteer, prefix: string, qualifier: string, near: { lat: number; lng: number } | undefined): number[] {
  if (!prefix) return [];
  const best = new Map<number, number>();
  for (let i = lowerBound(gazetteer.keys, prefix); i < gazetteer.keys.length && gazetteer.keys[i].startsWith(prefix); i++) {
    const city = gazetteer.keyCity[i];
    const tier = gazetteer.keyIsWholeName[i] ? (gazetteer.keys[i] === prefix ? 0 : 1) : 2;
    const previous = best.get(city);
    if (previous === undefined || tier < previous) best.set(city, tier);
  }
  const weight = (city: number) => {
    if (!near) return gazetteer.population[city];
    const km = distance([near.lng, near.lat], [gazetteer.lng[city], gazetteer.lat[city]], { units: 'kilometers' });
    return gazetteer.population[city] * (1 + 9 * Math.exp(-km / NEAR_BIAS_KM));
  };
  return [...best]
    .filter(([city]) => matchesQualifier(gazetteer, city, qualifier))
    .map(([city, tier]) => ({ city, tier, weight: weight(city) }))
    .sort((a, b) => a.tier - b.tier || b.weight - a.weight || a.city - b.city)
    .map((match) => match.city);
}

function toPlace(gazetteer: TGazetteer, city: number): TPlace {
  const country = gazetteer.countries[city];
  const admin = gazetteer.admins[city];
  const name = gazetteer.names[city];
  const countryLabel = countryName(country);
  return {
    id: city,
    name,
    country,
    countryName: countryLabel,
    admin,
    label: country === 'US' && /^[A-Z]{2}$/.test(admin) ? `${name}, ${admin}, ${countryLabel}` : `${name}, ${countryLabel}`,
    lat: gazetteer.lat[city],
    lng: gazetteer.lng[city],
    population: gazetteer.population[city],
  };
}
