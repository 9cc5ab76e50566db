import { z } from 'zod';
import { parseEnv, processEnv, type TEnvSource } from './parse-env';

export const ZSignInEnv = z.object({
  /**
   * How many reverse proxies (load balancers) in front of the web app append the client's
   * address to X-Forwarded-For. 0: none, so the header is the client's own word and is never
   * used for the sign-in limiter's address key. 1: one proxy, whose entry (the last) is used; and so on.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
});

export type TSignInSettings = { trustedProxyHops: number };

export function signInSettings(source: TEnvSource = processEnv()): TSignInSettings {
  return { trustedProxyHops: parseEnv(ZSignInEnv, source).TRUSTED_PROXY_HOPS };
}
