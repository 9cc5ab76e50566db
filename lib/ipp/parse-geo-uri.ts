export type TGeoPoint = { lat: number; lon: number };

const GEO_URI = /^geo:(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)(?:,-?\d+(?:\.\d+)?)?((?:;[^;]*)*)$/i;

/**
 * Reads printer-geo-location, a `geo:` URI (RFC 5870): `geo:lat,lon[,alt][;crs=…][;u=…]`
 * in WGS-84 degrees. Returns null for anything else, including another coordinate
 * reference system (`crs=` other than wgs84), which would put the printer in the
 * wrong place.
 */
export function parseGeoUri(value: string | null | undefined): TGeoPoint | null {
  const match = value?.trim().match(GEO_URI);
  if (!match) return null;
  const crs = match[3]
    .split(';')
    .map((parameter) => parameter.split('='))
    .find(([key]) => key.toLowerCase() === 'crs');
  if (crs && crs[1]?.toLowerCase() !== 'wgs84') return null;
  const lat = Number(match[1]);
  const lon = Number(match[2]);
  if (lat < -90 || lat > 90 || lon < -180 || lon > 180) return null;
  return { lat, lon };
}
