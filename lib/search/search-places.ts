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
  /** How the text matched: the whole name, the start of the name, the start of a later word, or a misspelling of the name. */
  match: TPlaceMatchTier;
};

export type TPlaceMatchTier = 'exact' | 'prefix' | 'word' | 'fuzzy';
const TIERS: TPlaceMatchTier[] = ['exact', 'prefix', 'word', 'fuzzy'];

export const MAX_PLACE_RESULTS = 10;

const optionalCoordinate = (limit: number) => z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number({ message: 'Must be a number' }).min(-limit).max(limit).optional());

/** GET /api/places: the text typed so far (a town, street, postcode or shop), and optionally where the map is, to prefer places near it. */
export const ZSearchPlacesRequest = z
  .object({
    q: z.string({ message: 'Type a place name' }).trim().min(1, 'Type a place name').max(100, 'That is too long for a place name'),
    limit: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(MAX_PLACE_RESULTS).default(8)),
    lat: optionalCoordinate(90),
    lng: optionalCoordinate(180),
  })
  .refine((r) => (r.lat === undefined) === (r.lng === undefined), { path: ['lng'], message: 'Give both lat and lng, or neither' });
export type TSearchPlacesRequest = z.infer<typeof ZSearchPlacesRequest>;

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
 * "paris tx". When nothing starts with the text, names a typo or two away ("dubln") match.
 */
export function searchPlaces(gazetteer: TGazetteer, query: string, options: { limit?: number; near?: { lat: number; lng: number } } = {}): TPlace[] {
  const limit = options.limit ?? MAX_PLACE_RESULTS;
  const [rawPlace, ...rest] = query.split(',');
  const prefix = normalizePlaceName(rawPlace);
  const qualifier = normalizePlaceName(rest.join(' '));
  let found = rankMatches(gazetteer, prefixMatches(gazetteer, prefix), qualifier, options.near);
  const lastSpace = prefix.lastIndexOf(' ');
  if (found.length === 0 && !qualifier && lastSpace > 0) {
    found = rankMatches(gazetteer, prefixMatches(gazetteer, prefix.slice(0, lastSpace)), prefix.slice(lastSpace + 1), options.near);
  }
  // A misspelling ("dubln") only when nothing starts with the text, so typing stays a prefix search.
  if (found.length === 0) found = rankMatches(gazetteer, fuzzyMatches(gazetteer, prefix), qualifier, options.near);
  return found.slice(0, limit).map(({ city, tier }) => toPlace(gazetteer, city, TIERS[Math.min(tier, 3)]));
}

/** City → best tier (0 whole name, 1 name starts with it, 2 a later word starts with it) over the keys starting with `prefix`. */
function prefixMatches(gazetteer: TGazetteer, prefix: string): Map<number, number> {
  const best = new Map<number, number>();
  if (!prefix) return best;
  for (let i = lowerBound(gazetteer.keys, prefix); i < gazetteer.keys.length && gazetteer.keys[i].startsWith(prefix); i++) {
    const city = gazetteer.keyCity[i];
    const tier = gazetteer.keyIsWholeName[i] ? (gazetteer.keys[i] === prefix ? 0 : 1) : 2;
    const previous = best.get(city);
    if (previous === undefined || tier < previous) best.set(city, tier);
  }
  return best;
}

/** Typos allowed in a name of this many letters: none below 4 (too many near-misses), 1 up to 7, then 2. */
export function allowedTypos(length: number): number {
  return length < 4 ? 0 : length < 8 ? 1 : 2;
}

/** Whole-name keys of one length: their indices, and which characters each holds (a 32-bit mask). */
type TLengthBucket = { keys: Uint32Array; masks: Uint32Array };

const wholeNamesByLength = new WeakMap<TGazetteer, Map<number, TLengthBucket>>();

/** Bit (code % 32) for each character: two strings one edit apart differ in at most 2 bits. */
function characterMask(text: string): number {
  let mask = 0;
  for (let i = 0; i < text.length; i++) mask |= 1 << (text.charCodeAt(i) & 31);
  return mask >>> 0;
}

function bitCount(value: number): number {
  let n = value - ((value >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Whole-name keys by length, built once per gazetteer (~50 ms) for the misspelling scan. */
function wholeNameKeysOfLength(gazetteer: TGazetteer, length: number): TLengthBucket {
  let byLength = wholeNamesByLength.get(gazetteer);
  if (!byLength) {
    const lists = new Map<number, number[]>();
    gazetteer.keys.forEach((key, i) => {
      if (!gazetteer.keyIsWholeName[i]) return;
      const list = lists.get(key.length) ?? [];
      list.push(i);
      lists.set(key.length, list);
    });
    byLength = new Map([...lists].map(([n, list]) => [n, { keys: Uint32Array.from(list), masks: Uint32Array.from(list, (i) => characterMask(gazetteer.keys[i])) }]));
    wholeNamesByLength.set(gazetteer, byLength);
  }
  return byLength.get(length) ?? { keys: new Uint32Array(), masks: new Uint32Array() };
}

/**
 * Cities whose whole name is within a few typos of `text`, tier 2 + typos (3 or 4). Only names
 * of a length the typos allow and with nearly the same characters are compared, with an
 * early-exit edit distance: a few
 * milliseconds (see search-places.test.ts), and only when the prefix search found nothing.
 */
function fuzzyMatches(gazetteer: TGazetteer, text: string): Map<number, number> {
  const found = new Map<number, number>();
  const maxTypos = allowedTypos(text.length);
  if (maxTypos === 0) return found;
  const rows = editDistanceRows(text.length + maxTypos);
  const mask = characterMask(text);
  for (let length = text.length - maxTypos; length <= text.length + maxTypos; length++) {
    const bucket = wholeNameKeysOfLength(gazetteer, length);
    for (let k = 0; k < bucket.keys.length; k++) {
      if (bitCount(mask ^ bucket.masks[k]) > 2 * maxTypos) continue;
      const i = bucket.keys[k];
      const typos = editDistanceWithin(text, gazetteer.keys[i], maxTypos, rows);
      if (typos > maxTypos) continue;
      const city = gazetteer.keyCity[i];
      const previous = found.get(city);
      if (previous === undefined || 2 + typos < previous) found.set(city, 2 + typos);
    }
  }
  return found;
}

type TEditRows = [Int32Array, Int32Array, Int32Array];

/** Three reusable rows for editDistanceWithin, for strings up to `length` long. */
function editDistanceRows(length: number): TEditRows {
  return [new Int32Array(length + 1), new Int32Array(length + 1), new Int32Array(length + 1)];
}

/**
 * Optimal-string-alignment distance (insertions, deletions, substitutions and swaps of
 * neighbours: "dbulin" is one typo from "dublin"), or max + 1 as soon as it must exceed max.
 */
export function editDistanceWithin(a: string, b: string, max: number, rows: TEditRows = editDistanceRows(b.length)): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let [before, previous, current] = rows;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) value = Math.min(value, before[j - 2] + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length];
}

function rankMatches(gazetteer: TGazetteer, best: Map<number, number>, qualifier: string, near: { lat: number; lng: number } | undefined): { city: number; tier: number }[] {
  const weight = (city: number) => {
    if (!near) return gazetteer.population[city];
    const km = distance([near.lng, near.lat], [gazetteer.lng[city], gazetteer.lat[city]], { units: 'kilometers' });
    return gazetteer.population[city] * (1 + 9 * Math.exp(-km / NEAR_BIAS_KM));
  };
  return [...best]
    .filter(([city]) => matchesQualifier(gazetteer, city, qualifier))
    .map(([city, tier]) => ({ city, tier, weight: weight(city) }))
    .sort((a, b) => a.tier - b.tier || b.weight - a.weight || a.city - b.city);
}

function toPlace(gazetteer: TGazetteer, city: number, match: TPlaceMatchTier): TPlace {
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
    match,
  };
}
