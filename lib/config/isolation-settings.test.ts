import { describe, expect, it } from 'vitest';
import { isolationSettings } from './isolation-settings';

describe('isolationSettings', () => {
  it('has production defaults', () => {
    expect(isolationSettings({})).toEqual({ memoryMb: 2048, openFiles: 256, inspectionTimeoutMs: 600_000, officeTimeoutMs: 120_000 });
  });

  it('names the bad variable', () => {
    expect(() => isolationSettings({ ISOLATION_MEMORY_MB: '100' })).toThrow(/ISOLATION_MEMORY_MB: Too small/);
    expect(() => isolationSettings({ INSPECTION_TIMEOUT_MS: 'soon' })).toThrow(/INSPECTION_TIMEOUT_MS:/);
  });
});
