import { setTimeout as sleep } from 'node:timers/promises';
/**
 * A client's patience during a fault: a request that fails because an instance, the pool or the
 * object store is down for a moment is sent again, the way a person reloads or uploads again.
 * Only transient failures are retried (no answer, a gateway error, a 5xx); anything else is
 * returned to the caller as is. Each retry is counted by step for the report.
 */
const TRANSIENT_STATUSES = new Set([500, 502, 503, 504]);

export const retryCounts = new Map<string, number>();

export function isTransientStatus(status: number): boolean {
  return TRANSIENT_STATUSES.has(status);
}

/**
 * Runs `attempt` until it gives a result that is not transient (by `isTransient`, default: a
 * `status` that is a 5xx) or the time runs out; thrown network errors are transient too.
 */
export async function withTransientRetry<T>(
  step: string,
  attempt: () => Promise<T>,
  isTransient: (value: T) => boolean = (value) => isTransientStatus((value as { status: number }).status),
  timeoutMs = 120_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let tries = 1; ; tries += 1) {
    let failure: string;
    try {
      const value = await attempt();
      if (!isTransient(value)) return value;
      failure = `status ${(value as { status?: number }).status ?? '?'}`;
    } catch (error) {
      failure = (error as Error).message;
    }
    if (Date.now() > deadline) throw new Error(`${step}: still failing after ${tries} tries (${failure})`);
    retryCounts.set(step, (retryCounts.get(step) ?? 0) + 1);
    await sleep(Math.min(250 * tries, 2_000));
  }
}
