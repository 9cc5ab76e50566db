import { describe, expect, it } from 'vitest';
import { alertSettings } from './alert-settings';

describe('alertSettings', () => {
  it('defaults to 5 minutes offline and 10 minutes waiting', () => {
    expect(alertSettings({})).toEqual({ printerOfflineAfterMs: 300_000, awaitingAcceptanceAfterMs: 600_000 });
  });

  it('takes fractions of a minute and zero', () => {
    expect(alertSettings({ ALERT_PRINTER_OFFLINE_MINUTES: '0.5', ALERT_AWAITING_ACCEPTANCE_MINUTES: '0' })).toEqual({ printerOfflineAfterMs: 30_000, awaitingAcceptanceAfterMs: 0 });
  });

  it('refuses negative, absurd and non-numeric values', () => {
    expect(() => alertSettings({ ALERT_PRINTER_OFFLINE_MINUTES: '-1' })).toThrow(/ALERT_PRINTER_OFFLINE_MINUTES: Too small/);
    expect(() => alertSettings({ ALERT_AWAITING_ACCEPTANCE_MINUTES: '99999' })).toThrow(/ALERT_AWAITING_ACCEPTANCE_MINUTES: Too big/);
    expect(() => alertSettings({ ALERT_AWAITING_ACCEPTANCE_MINUTES: 'soon' })).toThrow(/ALERT_AWAITING_ACCEPTANCE_MINUTES:/);
  });
});
