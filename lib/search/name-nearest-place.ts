import { z } from 'zod';
import type { TGazetteer } from './load-gazetteer';

/** Beyond this a place's name would mislead ("near Rathmines" for a field 40 km away); the point is then described by its coordinates. */
export const NEAREST_PLACE_MAX_KM = 15;

/** A point to name: a map click or the device's position. */
export const ZNearestPlaceRequest = z.object({
  lat: z.coerce.number({ message: 'The latitude must be a number' }).min(-90, 'The latitude must be between -90 and 90').max(90, 'The latitude must be between -90 and 90'),
  lng: z.coerce.number({ message: 'The longitude must be a number' }).min(-180, 'The longitude must be between -180 and 180').max(180, 'The longitude must be between -180 and 180'),
});
export type TNearestPlaceRequest = z.infer<typeof ZNearestPlaceRequest>;

export type TNearestPlace = { name: string; country: string; distanceKm: number };

const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/**
 * The gazetteer place nearest to a point, within NEAREST_PLACE_MAX_KM, or null. The gazetteer
 * holds every place of 1000 people or more, suburbs included (Rathmines, Ranelagh, Drumcondra
 * in Dublin), so a click in a city gets its district. A linear scan of the ~135k coordinates
 * that skips anything outside the latitude band: about a millisecond.
 */
export function nameNearestPlace(gazetteer: TGazetteer, point: TNearestPlaceRequest): TNearestPlace | null {
  const { lat, lng } = ZNearestPlaceRequest.parse(point);
  const band = NEAREST_PLACE_MAX_KM / (EARTH_RADIUS_KM * RAD);
  const cosLat = Math.cos(lat * RAD);
  let best = -1;
  let bestKm = Infinity;
  for (let i = 0; i < gazetteer.size; i++) {
    if (Math.abs(gazetteer.lat[i] - lat) > band) continue;
    const km = haversineKm(lat, lng, cosLat, gazetteer.lat[i], gazetteer.lng[i]);
    if (km < bestKm) {
      bestKm = km;
      best = i;
    }
  }
  if (best < 0 || bestKm > NEAREST_PLACE_MAX_KM) return null;
  return { name: gazetteer.names[best], country: gazetteer.countries[best], distanceKm: bestKm };
}

function haversineKm(lat1: number, lng1: number, cosLat1: number, lat2: number, lng2: number): number {
  const h = Math.sin(((lat2 - lat1) * RAD) / 2) ** 2 + cosLat1 * Math.cos(lat2 * RAD) * Math.sin(((lng2 - lng1) * RAD) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
