import type postgres from 'postgres';
import { rawSql, type TSql } from '@/db/client';
import type { TPlaceMatch } from './place-match';

/**
 * pg_trgm word similarity a shop's name, street or postcode needs to match near the map: 0.5
 * lets one typo through in a word of six letters or more ("grafon street" → 0.71, "trinty" →
 * 0.57) and keeps unrelated words out.
 */
export const SHOP_MATCH_THRESHOLD = 0.5;
/** Further afield only near-exact words count (a typo in a long word at most), and only a bounded number of them. */
export const FAR_SHOP_MATCH_THRESHOLD = 0.8;
/** "Near the map": the shops whose text is compared in full, found through the location GiST index. */
export const NEAR_SHOPS_KM = 50;
/** Shops fetched before grouping by street and postcode; the best of them make the answer. */
const NEAR_CANDIDATES = 40;
const FAR_CANDIDATES = 20;

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
 * matches the text: each matching shop name, each street (once, centred on its shops) and each
 * postcode. Two statements in one transaction, so each keeps its own pg_trgm threshold:
 *
 * - near the map (within NEAR_SHOPS_KM, on the location GiST index): misspellings too, ranked
 *   by similarity then distance. A common word ("Road") matches thousands of shops worldwide
 *   but only the few hundred near one point are compared, so it stays fast at 100k shops.
 * - anywhere else, only when that found too little: near-exact matches on the partial trigram
 *   GIN indexes of migration 0015, without ranking so the scan stops after FAR_CANDIDATES rows.
 */
export async function searchShopPlaces(text: string, options: { near?: { lat: number; lng: number }; limit: number; executor?: TSql }): Promise<TScoredPlaceMatch[]> {
  const q = text.trim().replace(/\s+/g, ' ');
  if (q.replace(/[^\p{L}\p{N}]/gu, '').length < 3) return [];
  // Postcodes hold digits; without one the postcode index is not asked at all.
  const code = /\d/.test(q) ? compactPostcode(q) : '';
  const executor = options.executor ?? rawSql();
  const near = options.near;
  const rows = await executor.begin(async (tx) => {
    const nearby = near ? await matchingShops(tx, { q, code, near, threshold: SHOP_MATCH_THRESHOLD, withinKm: NEAR_SHOPS_KM, limit: NEAR_CANDIDATES }) : [];
    if (nearby.length >= options.limit) return nearby;
    const seen = new Set(nearby.map((row) => row.id));
    const further = await matchingShops(tx, { q, code, near, threshold: FAR_SHOP_MATCH_THRESHOLD, limit: FAR_CANDIDATES });
    return [...nearby, ...further.filter((row) => !seen.has(row.id))];
  });
  return placesFromShops(rows).slice(0, options.limit);
}

/** One matching statement: ranked when bounded to a radius around `near`, otherwise the first `limit` the index gives. */
async function matchingShops(
  tx: postgres.TransactionSql,
  options: { q: string; code: string; near?: { lat: number; lng: number }; threshold: number; withinKm?: number; limit: number },
): Promise<TShopRow[]> {
  const { q, code, near, withinKm } = options;
  const here = near ? tx`ST_SetSRID(ST_MakePoint(${near.lng}::float8, ${near.lat}::float8), 4326)::geography` : null;
  const isRanked = here !== null && withinKm !== undefined;
  await tx`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(options.threshold)}, true)`;
  // The planner cannot estimate how many rows `<%` keeps, so under a LIMIT it bets on a scan of
  // the table (or of the status index) finding them early; for rare text that reads all 100k
  // shops (~1 s). The trigram indexes answer any text in ~10 ms (dev/bench/search/bench-places.ts),
  // so the unranked statement may only use bitmap scans, which here means them.
  const scansAllowed = isRanked ? 'on' : 'off';
  await tx`SELECT set_config('enable_seqscan', ${scansAllowed}, true), set_config('enable_indexscan', ${scansAllowed}, true)`;
  return tx<TShopRow[]>`
    SELECT * FROM (
      SELECT s.id, s.name, s.address_line, s.city, s.postcode, s.lat, s.lng,
             word_similarity(${q}, s.name) AS name_score,
             word_similarity(${q}, s.address_line) AS street_score,
             ${code ? tx`word_similarity(${code}, replace(s.postcode, ' ', ''))` : tx`0::real`} AS postcode_score,
             ${here ? tx`ST_Distance(s.location, ${here}, false)` : tx`NULL::float8`} AS distance_m
      FROM shops s
      WHERE s.status = 'active'
        ${isRanked ? tx`AND ST_DWithin(s.location, ${here}, ${withinKm * 1000}::float8, false)` : tx``}
        AND (${q} <% s.name OR ${q} <% s.address_line ${code ? tx`OR ${code} <% replace(s.postcode, ' ', '')` : tx``})
      ${isRanked ? tx`` : tx`LIMIT ${options.limit}`}
    ) m
    ${isRanked ? tx`ORDER BY greatest(m.name_score, m.street_score, m.postcode_score) DESC, m.distance_m, m.id LIMIT ${options.limit}` : tx``}`;
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
