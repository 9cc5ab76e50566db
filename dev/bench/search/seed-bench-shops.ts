import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';
import { HOURS_TEMPLATES } from '@/db/seed-data';
import { loadGazetteer } from '@/lib/search/load-gazetteer';
import { intervalFromClocks } from '@/lib/shops/opening-hours';

/** The cities shops are spread over: the largest ones, each getting shops in proportion to its people. */
const CITY_COUNT = 3000;
const BATCH = 5000;

export type TBenchCity = { name: string; country: string; lat: number; lng: number; population: number };

/** Deterministic runs: the same seed gives the same shops and the same queries. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

export async function benchCities(): Promise<TBenchCity[]> {
  const gazetteer = await loadGazetteer();
  const order = Array.from({ length: gazetteer.size }, (_, i) => i).sort((a, b) => gazetteer.population[b] - gazetteer.population[a]);
  return order.slice(0, CITY_COUNT).map((i) => ({
    name: gazetteer.names[i],
    country: gazetteer.countries[i],
    lat: gazetteer.lat[i],
    lng: gazetteer.lng[i],
    population: gazetteer.population[i],
  }));
}

/** Picks a city with probability proportional to its population. */
export function cityPicker(cities: TBenchCity[], random: () => number): () => TBenchCity {
  const cumulative: number[] = [];
  let sum = 0;
  for (const city of cities) cumulative.push((sum += city.population));
  return () => {
    const target = random() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    return cities[lo];
  };
}

/** A point around a city: normal spread, wider for bigger cities (≈2.5 km sd for Dublin, 8 km for Shanghai). */
export function pointNear(city: TBenchCity, random: () => number): { lat: number; lng: number } {
  const sdKm = 1 + 1.5 * Math.sqrt(city.population / 1e6);
  const lat = Math.max(-89.9, Math.min(89.9, city.lat + (gaussian(random) * sdKm) / 111.32));
  let lng = city.lng + (gaussian(random) * sdKm) / (111.32 * Math.cos((lat * Math.PI) / 180));
  if (lng > 180) lng -= 360;
  if (lng < -180) lng += 360;
  return { lat, lng };
}

/** A whole-hour zone from the longitude, so shops around the world open and close at different instants. */
function zoneFor(lng: number): string {
  const hours = Math.round(lng / 15);
  return hours === 0 ? 'Etc/GMT' : `Etc/GMT${hours > 0 ? '-' : '+'}${Math.abs(hours)}`;
}

/**
 * Seeds `count` active-looking shops clustered like real cities, with the rows search reads:
 * weekly hours from the demo templates (some past midnight), a few dated exceptions, price
 * rows per media × colour × sides, finishing prices, one printer each with a queue, and the
 * derived capability columns. Shops are written in batches; the rest is generated in SQL.
 */
export async function seedBenchShops(sql: postgres.Sql, options: { count: number; seed: number; onProgress?: (done: number) => void }): Promise<void> {
  const random = mulberry32(options.seed);
  const cities = await benchCities();
  const pick = cityPicker(cities, random);
  const ownerId = randomUUID();
  await sql`insert into users (id, name, email, role) values (${ownerId}, 'Bench owner', ${`bench-${ownerId}@example.test`}, 'shop_owner')`;

  for (let start = 0; start < options.count; start += BATCH) {
    const n = Math.min(BATCH, options.count - start);
    const cols = {
      name: [] as string[],
      city: [] as string[],
      country: [] as string[],
      lat: [] as number[],
      lng: [] as number[],
      tz: [] as string[],
      status: [] as string[],
      fee: [] as number[],
      minimum: [] as number[],
      color: [] as boolean[],
      duplex: [] as boolean[],
      media: [] as string[],
      finishings: [] as string[],
      ppm: [] as number[],
    };
    for (let i = 0; i < n; i++) {
      const city = pick();
      const point = pointNear(city, random);
      const media = ['iso_a4_210x297mm', ...(random() < 0.6 ? ['iso_a3_297x420mm'] : []), ...(random() < 0.5 ? ['iso_a5_148x210mm'] : []), ...(city.country === 'US' ? ['na_letter_8.5x11in'] : [])];
      const finishings = [...(random() < 0.7 ? ['staple'] : []), ...(random() < 0.4 ? ['punch'] : [])];
      cols.name.push(`Bench print ${start + i + 1}`);
      cols.city.push(city.name);
      cols.country.push(city.country);
      cols.lat.push(point.lat);
      cols.lng.push(point.lng);
      cols.tz.push(zoneFor(point.lng));
      cols.status.push(random() < 0.03 ? 'suspended' : 'active');
      cols.fee.push([0, 0, 25, 50, 100][Math.floor(random() * 5)]);
      cols.minimum.push([0, 50, 100, 150, 300][Math.floor(random() * 5)]);
      cols.color.push(random() < 0.8);
      cols.duplex.push(random() < 0.7);
      cols.media.push(`{${media.join(',')}}`);
      cols.finishings.push(`{${finishings.join(',')}}`);
      cols.ppm.push(random() < 0.05 ? 0 : 20 + Math.floor(random() * 100));
    }
    await sql`
      insert into shops (owner_id, name, address_line, city, country, lat, lng, timezone, status, job_fee_minor, minimum_charge_minor,
                         cap_color, cap_duplex, cap_media, cap_finishings, cap_pages_per_minute)
      select ${ownerId}, t.name, '1 Bench Street', t.city, t.country, t.lat, t.lng, t.tz, t.status::shop_status, t.fee, t.minimum,
             t.color::boolean, t.duplex::boolean, t.media::text[], t.finishings::text[], t.ppm
      from unnest(${cols.name}::text[], ${cols.city}::text[], ${cols.country}::text[], ${cols.lat}::float8[], ${cols.lng}::float8[],
                  ${cols.tz}::text[], ${cols.status}::text[], ${cols.fee}::int[], ${cols.minimum}::int[], ${cols.color.map(String)}::text[],
                  ${cols.duplex.map(String)}::text[], ${cols.media}::text[], ${cols.finishings}::text[], ${cols.ppm}::int[])
        as t(name, city, country, lat, lng, tz, status, fee, minimum, color, duplex, media, finishings, ppm)`;
    options.onProgress?.(start + n);
  }

  const templates = Object.values(HOURS_TEMPLATES);
  const hourRows = templates.flatMap((rows, template) => rows.map(([weekday, opens, closes]) => ({ template, weekday, ...intervalFromClocks(opens, closes) })));
  await sql`
    insert into shop_hours (shop_id, weekday, opens_minute, closes_minute)
    select s.id, h.weekday, h.opens, h.closes
    from shops s
    join unnest(${hourRows.map((r) => r.template)}::int[], ${hourRows.map((r) => r.weekday)}::int[],
                ${hourRows.map((r) => r.opensMinute)}::int[], ${hourRows.map((r) => r.closesMinute)}::int[]) as h(template, weekday, opens, closes)
      on h.template = abs(hashtext(s.id::text)) % ${templates.length}`;
  // A few holidays and short days around today, so the exception path is exercised.
  await sql`
    insert into shop_hour_exceptions (shop_id, date, opens_minute, closes_minute, note)
    select s.id, current_date + (abs(hashtext(s.id::text || 'd')) % 3) - 1,
           case when abs(hashtext(s.id::text)) % 2 = 0 then null else 600 end,
           case when abs(hashtext(s.id::text)) % 2 = 0 then null else 840 end,
           'Bench exception'
    from shops s where abs(hashtext(s.id::text || 'x')) % 50 = 0`;
  await sql`
    insert into shop_prices (shop_id, media, color_mode, sides, price_per_page_minor)
    select s.id, m.media, c.mode::price_color_mode, d.sides::price_sides,
           (case when c.mode = 'color' then 30 else 5 end + abs(hashtext(s.id::text || c.mode)) % 20)
             * (case when m.media = 'iso_a3_297x420mm' then 2 else 1 end)
             - (case when d.sides = 'two-sided' then 1 else 0 end)
    from shops s
    cross join lateral unnest(s.cap_media) as m(media)
    cross join (values ('monochrome'), ('color')) as c(mode)
    cross join (values ('one-sided'), ('two-sided')) as d(sides)`;
  await sql`
    insert into shop_finishing_prices (shop_id, finishing, price_minor, is_manual)
    select s.id, f.kind::finishing_kind, f.price, f.manual
    from shops s
    cross join (values ('staple', 30, false), ('punch', 20, false), ('bind', 350, true)) as f(kind, price, manual)
    where (f.manual and abs(hashtext(s.id::text || 'bind')) % 3 = 0) or f.kind = any (s.cap_finishings)`;
  await sql`
    insert into printers (shop_id, name, uri, capabilities, is_color, is_duplex, media, finishings, pages_per_minute, is_online, state, queued_job_count)
    select s.id, 'Bench printer', 'ipp://bench.invalid/' || s.id, '{}'::jsonb, s.cap_color, s.cap_duplex, s.cap_media, s.cap_finishings,
           greatest(s.cap_pages_per_minute, 1), s.cap_pages_per_minute > 0, 'idle', abs(hashtext(s.id::text || 'q')) % 6
    from shops s`;
  await sql`analyze`;
}
