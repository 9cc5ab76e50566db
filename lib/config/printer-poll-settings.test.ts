import { describe, expect, it } from 'vitest';
import { printerPollSettings } from './printer-poll-settings';

describe('printerPollSettings', () => {
  it('defaults and overrides', () => {
    expect(printerPollSettings({})).toEqual({ intervalMs: 5000, offlineAfterMisses: 3, timeoutMs: 3000 });
    expect(printerPollSettings({ PRINTER_POLL_INTERVAL_MS: '1000', PRINTER_OFFLINE_AFTER_MISSES: '2', PRINTER_POLL_TIMEOUT_MS: '500' })).toEqual({
      intervalMs: 1000,
      offlineAfterMisses: 2,
      timeoutMs: 500,
    });
  });

  it('names the bad variable', () => {
    expect(() => printerPollSettings({ PRINTER_POLL_INTERVAL_MS: '10' })).toThrow(/PRINTER_POLL_INTERVAL_MS: Too small/);
  });
});
