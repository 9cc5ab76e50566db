import { rawSql, type TSql } from '@/db/client';
import type { TPlaceMatch } from './place-match';

/**
 * pg_trgm word similarity a shop's name, street or postcode needs to match: 0.5 lets one typo
 * through in a word of six letters or more ("grafon street" → 0.71, "trinty" → 0.57) and
 * keeps unrelated words out.
 */
export const SHOP_MATCH_THRESHOLD = 0.5;
/** Shops fetched before grouping by street and postcode; the best of them make the answer. */
const CANDIDATE_SHOPS = 40;

export type TScoredPlaceMatch = TPlaceMatch & {
  /** 0–1: how well the text matched (pg_trgm word similarity), for merging with other sources. */
  score: number;
  /** From where the map is, when given; metres. */
  distanceM: number | null;
};

type TShopRow = {
  id: string;
  name: string;
  address_line: string;
  city: string;
  postcode: string;
  lat: number;
  lng: number;
  name_score: number;
  street_score: number;
  postcode_score: number;
  distance_m: number | null;
};

/** "48 Grafton Street" → "Grafton Street": the street, without the house number. */
export function streetOf(addressLine: string): string {
  return addressLine.replace(/^\s*(no\.?\s*)?\d+[a-z]?(\s*[-–/]\s*\d+[a-z]?)?\s*,?\s+/i, '').trim() || addressLine.trim();
}

/** "d02xk66", "D02 XK66" → "D02XK66": postcodes compare without spaces or case. */
const compactPostcode = (text: string) => text.replace(/\s+/g, '').toUpperCase();

/**
 * Listed shops (active ones, as customers see them in search) whose name, street or postcode
 * matches the text, misspellings included: each matching shop name, each street (once, centred
 * on its shops) and each postcode. One statement on the partial trigram GIN indexes of
 * migration 0015; the threshold is set for this transaction only.
 */
export async function searchShopPlaces(text: string, options: { near?: { lat: number; lng: number }; limit: number; executor?: TSql }): Promise<TScoredPlaceMatch[]> {
  const q = text.trim().replace(/\s+/g, ' ');
  if (q.replace(/[^\p{L}\p{N}]/gu, '').length < 3) return [];
  // Postcodes hold digits; without one the postcode index is not asked at all.
  const code = /\d/.test(q) ? compactPostcode(q) : '';
  const executor = options.executor ?? rawSql();
  const near = options.near;
  const rows = await executor.begin(async (tx) => {
    await tx`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(SHOP_MATCH_THRESHOLD)}, true)`;
    return tx<TShopRow[]>`
      SELECT * FROM (
        SELECT s.id, s.name, s.address_line, s.city, s.postcode, s.lat, s.lng,
               word_similarity(${q}, s.name) AS name_score,
               word_similarity(${q}, s.address_line) AS street_score,
               ${code ? tx`word_similarity(${code}, replace(s.postcode, ' ', ''))` : tx`0::real`} AS postcode_score,
               ${near ? tx`ST_Distance(s.location, ST_SetSRID(ST_MakePoint(${near.lng}::float8, ${near.lat}::float8), 4326)::geography, false)` : tx`NULL::float8`} AS distance_m
        FROM shops s
        WHERE s.status = 'active'
          AND (${q} <% s.name OR ${q} <% s.address_line ${code ? tx`OR ${code} <% replace(s.postcode, ' ', '')` : tx``})
      ) m
      ORDER BY greatest(m.name_score, m.street_score, m.postcode_score) DESC, m.distance_m NULLS LAST, m.id
      LIMIT ${CANDIDATE_SHOPS}`;
  });
  return placesFromShops(rows).slice(0, options.limit);
}

/** Turns matching shops into answers: the shop itself, its street (grouped) and its postcode, each where that field matched. */
function placesFromShops(rows: TShopRow[]): TScoredPlaceMatch[] {
  const matches: TScoredPlaceMatch[] = [];
  const streets = new Map<string, { match: TScoredPlaceMatch; shops: TShopRow[] }>();
  for (const row of rows) {
    const where = [row.address_line, row.city].filter(Boolean).join(', ');
    const distanceM = row.distance_m === null ? null : Number(row.distance_m);
    if (row.name_score >= SHOP_MATCH_THRESHOLD) {
      matches.push({
        key: `shop:${row.id}`,
        kind: 'shop',
        name: row.name,
        detail: `Print shop · ${[where, row.postcode].filter(Boolean).join(' ')}`,
        label: `${row.name}, ${where}`,
        lat: row.lat,
        lng: row.lng,
        shopId: row.id,
        source: 'shops',
        score: row.name_score,
        distanceM,
      });
    }
    if (row.street_score >= SHOP_MATCH_THRESHOLD) {
      const street = streetOf(row.address_line);
      const key = `street:${row.city.toLowerCase()}/${street.toLowerCase()}`;
      const group = streets.get(key);
      if (group) group.shops.push(row);
      else {
        const match: TScoredPlaceMatch = {
          key,
          kind: 'street',
          name: street,
          detail: '',
          label: [street, row.city].filter(Boolean).join(', '),
          lat: row.lat,
          lng: row.lng,
          source: 'shops',
          score: row.street_score,
          distanceM,
        };
        streets.set(key, { match, shops: [row] });
        matches.push(match);
      }
    }
    if (row.postcode && row.postcode_score >= SHOP_MATCH_THRESHOLD) {
      matches.push({
        key: `postcode:${compactPostcode(row.postcode)}:${row.id}`,
        kind: 'postcode',
        name: row.postcode,
        detail: `Postcode · ${where} (${row.name})`,
        label: [row.postcode, row.city].filter(Boolean).join(', '),
        lat: row.lat,
        lng: row.lng,
        source: 'shops',
        score: row.postcode_score,
        distanceM,
      });
    }
  }
  // A street is centred between its listed shops and says what is on it.
  for (const { match, shops } of streets.values()) {
    match.lat = shops.reduce((sum, s) => sum + s.lat, 0) / shops.length;
    match.lng = shops.reduce((sum, s) => sum + s.lng, 0) / shops.length;
    const city = shops[0].city;
    match.detail = `Street${city ? ` in ${city}` : ''} · ${shops.length === 1 ? `${shops[0].name} at ${shops[0].address_line}` : `${shops.length} listed shops`}`;
  }
  return matches.sort((a, b) => b.score - a.score || (a.distanceM ?? Infinity) - (b.distanceM ?? Infinity));
}
