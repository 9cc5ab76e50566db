import { describe, expect, it } from 'vitest';
import { decideRetry, MAX_PRINT_ATTEMPTS, retryDelayMs } from './retry-backoff';

describe('retry backoff', () => {
  it('doubles from the base up to the cap, with ±20 % jitter', () => {
    const settings = { baseMs: 1_000, maxMs: 10_000 };
    expect([1, 2, 3, 4, 5, 6].map((attempt) => retryDelayMs(attempt, settings, () => 0.5))).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
    expect(retryDelayMs(1, settings, () => 0)).toBe(800);
    expect(retryDelayMs(1, settings, () => 1)).toBe(1_200);
  });

  it('gives up after the last attempt', () => {
    const now = new Date('2030-01-01T00:00:00Z');
    expect(decideRetry(1, now, { baseMs: 1_000, maxMs: 60_000 }, () => 0.5)).toEqual({ isFinal: false, runAfter: new Date('2030-01-01T00:00:01Z') });
    expect(decideRetry(MAX_PRINT_ATTEMPTS - 1, now).isFinal).toBe(false);
    expect(decideRetry(MAX_PRINT_ATTEMPTS, now)).toEqual({ isFinal: true });
  });
});
