import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, DEFAULT_DISPATCH_SETTINGS, printSettings } from './print-settings';

describe('printSettings', () => {
  it('has production defaults', () => {
    const settings = printSettings({});
    expect(settings).toMatchObject({
      pollMs: 200,
      convertLeaseMs: 60_000,
      dispatchLeaseMs: 10_000,
      backoff: DEFAULT_BACKOFF,
      conversionThreads: 2,
      conversionHeapMb: 1536,
      conversionMemoryMb: 4096,
      conversionTimeoutMs: 600_000,
      agentPrinterStaleMs: 30_000,
      retentionIntervalMs: 60_000,
    });
    expect(settings.dispatch).toEqual({ ...DEFAULT_DISPATCH_SETTINGS, leaseRenewMs: 2_500 });
  });

  it('takes the knobs tests and benchmarks turn down', () => {
    const settings = printSettings({ PRINT_POLL_MS: '50', PRINT_DISPATCH_LEASE_MS: '2000', PRINT_RETRY_BASE_MS: '200', PRINT_RETRY_MAX_MS: '1000' });
    expect(settings.pollMs).toBe(50);
    expect(settings.backoff).toEqual({ baseMs: 200, maxMs: 1000 });
    expect(settings.dispatch.leaseRenewMs).toBe(500);
  });

  it('names the bad variable', () => {
    expect(() => printSettings({ PRINT_POLL_MS: '5' })).toThrow(/PRINT_POLL_MS: Too small/);
    expect(() => printSettings({ PRINT_CONVERSION_THREADS: 'many' })).toThrow(/PRINT_CONVERSION_THREADS:/);
  });
});
