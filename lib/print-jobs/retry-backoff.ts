import { DEFAULT_BACKOFF, type TBackoffSettings } from '@/lib/config/print-settings';

/** Tries a job gets (conversion, sending, printing together) before it fails and is refunded. */
export const MAX_PRINT_ATTEMPTS = 5;

/**
 * Exponential backoff with jitter: attempt 1 waits about `baseMs`, each further attempt twice
 * as long, never more than `maxMs`. The jitter (±20 %) keeps jobs that failed together (a
 * printer that went away) from all coming back in the same instant.
 */
export function retryDelayMs(attempt: number, settings: TBackoffSettings = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exponential = settings.baseMs * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(settings.maxMs, exponential);
  return Math.round(capped * (0.8 + 0.4 * random()));
}

export type TRetryDecision = { isFinal: true } | { isFinal: false; runAfter: Date };

/** After a failed attempt (`attempts` counts it): try again later, or give up. */
export function decideRetry(attempts: number, now: Date, settings: TBackoffSettings = DEFAULT_BACKOFF, random?: () => number): TRetryDecision {
  if (attempts >= MAX_PRINT_ATTEMPTS) return { isFinal: true };
  return { isFinal: false, runAfter: new Date(now.getTime() + retryDelayMs(attempts, settings, random)) };
}
