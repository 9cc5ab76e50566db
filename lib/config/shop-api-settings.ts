import { z } from 'zod';
import type { TBackoffSettings } from './print-settings';
import { emptyIsUnset, parseEnv, processEnv, type TEnvSource } from './parse-env';

export const ZShopApiEnv = z.object({
  /** Requests one API key may make per minute (all instances together); more get 429 with Retry-After. */
  SHOP_API_RATE_LIMIT_PER_MINUTE: emptyIsUnset(z.coerce.number().int().min(1).max(100_000).default(120)),
  /** Backoff after a failed webhook delivery (no answer, or not a 2xx), doubling up to WEBHOOK_RETRY_MAX_MS. */
  WEBHOOK_RETRY_BASE_MS: emptyIsUnset(z.coerce.number().int().min(10).default(30_000)),
  WEBHOOK_RETRY_MAX_MS: emptyIsUnset(
    z.coerce
      .number()
      .int()
      .min(10)
      .default(6 * 60 * 60_000),
  ),
  /** Attempts a webhook delivery gets before it is recorded as failed (the owner can still replay it). */
  WEBHOOK_MAX_ATTEMPTS: emptyIsUnset(z.coerce.number().int().min(1).max(100).default(15)),
  /** How long the worker waits for a receiver's answer. */
  WEBHOOK_TIMEOUT_MS: emptyIsUnset(z.coerce.number().int().min(100).max(120_000).default(10_000)),
  /** A sending worker's claim on a delivery; a dead worker's delivery is sent again after this (same event id). */
  WEBHOOK_LEASE_MS: emptyIsUnset(z.coerce.number().int().min(1000).default(60_000)),
});

export type TShopApiSettings = { rateLimitPerMinute: number };

export type TWebhookSettings = { backoff: TBackoffSettings; maxAttempts: number; timeoutMs: number; leaseMs: number };

export function shopApiSettings(source: TEnvSource = processEnv()): TShopApiSettings {
  return { rateLimitPerMinute: parseEnv(ZShopApiEnv, source).SHOP_API_RATE_LIMIT_PER_MINUTE };
}

export function webhookSettings(source: TEnvSource = processEnv()): TWebhookSettings {
  const parsed = parseEnv(ZShopApiEnv, source);
  return {
    backoff: { baseMs: parsed.WEBHOOK_RETRY_BASE_MS, maxMs: parsed.WEBHOOK_RETRY_MAX_MS },
    maxAttempts: parsed.WEBHOOK_MAX_ATTEMPTS,
    timeoutMs: parsed.WEBHOOK_TIMEOUT_MS,
    leaseMs: parsed.WEBHOOK_LEASE_MS,
  };
}
