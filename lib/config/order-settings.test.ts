import { describe, expect, it } from 'vitest';
import { orderSettings } from './order-settings';

describe('orderSettings', () => {
  it('offers a move after ten minutes unless told otherwise', () => {
    expect(orderSettings({}).failoverAfterMs).toBe(600_000);
    expect(orderSettings({ FAILOVER_AFTER_MINUTES: '0' }).failoverAfterMs).toBe(0);
    expect(orderSettings({ FAILOVER_AFTER_MINUTES: '1.5' }).failoverAfterMs).toBe(90_000);
  });

  it('names the bad variable', () => {
    expect(() => orderSettings({ FAILOVER_AFTER_MINUTES: '-1' })).toThrow(/FAILOVER_AFTER_MINUTES: Too small/);
    expect(() => orderSettings({ FAILOVER_AFTER_MINUTES: 'soon' })).toThrow(/FAILOVER_AFTER_MINUTES:/);
  });
});
