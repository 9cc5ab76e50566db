import { z } from 'zod';
import { emptyIsUnset, parseEnv, processEnv, type TEnvSource } from './parse-env';

export const GEOCODER_KINDS = ['photon', 'nominatim'] as const;
export type TGeocoderKind = (typeof GEOCODER_KINDS)[number];

export const ZGeocoderEnv = z.object({
  /**
   * A Photon (`…/api`) or Nominatim (`…/search`) endpoint for streets, landmarks and addresses
   * the offline gazetteer and the listed shops do not know. Unset: place search stays offline.
   */
  GEOCODER_URL: emptyIsUnset(z.url({ protocol: /^https?$/, message: 'GEOCODER_URL must be an http(s) URL' }).optional()),
  /** Which JSON the endpoint answers with: Photon's GeoJSON or Nominatim's `format=jsonv2` list. */
  GEOCODER_KIND: emptyIsUnset(z.enum(GEOCODER_KINDS, { message: `GEOCODER_KIND must be one of ${GEOCODER_KINDS.join(', ')}` }).default('photon')),
  /** Typing must not wait on a slow geocoder: past this, local results come back alone. */
  GEOCODER_TIMEOUT_MS: emptyIsUnset(z.coerce.number().int().min(100).max(10_000).default(1500)),
});

export type TGeocoderSettings = { url: string; kind: TGeocoderKind; timeoutMs: number };

/** The geocoder to ask, or null when none is configured. */
export function geocoderSettings(source: TEnvSource = processEnv()): TGeocoderSettings | null {
  const parsed = parseEnv(ZGeocoderEnv, source);
  return parsed.GEOCODER_URL ? { url: parsed.GEOCODER_URL, kind: parsed.GEOCODER_KIND, timeoutMs: parsed.GEOCODER_TIMEOUT_MS } : null;
}
