import { z } from 'zod';
import { parseEnv, processEnv, type TEnvSource } from './parse-env';

export const ZOrderEnv = z.object({
  /** Minutes a paid job may wait for a printer before the customer is offered to move it. */
  FAILOVER_AFTER_MINUTES: z.coerce.number().min(0).default(10),
});

export type TOrderSettings = { failoverAfterMs: number };

/** Read on each use, not cached: tests turn the failover wait down after start-up. */
export function orderSettings(source: TEnvSource = processEnv()): TOrderSettings {
  return { failoverAfterMs: parseEnv(ZOrderEnv, source).FAILOVER_AFTER_MINUTES * 60_000 };
}
