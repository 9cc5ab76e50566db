import { describe, expect, it } from 'vitest';
import { describeStateReason, printerHealth } from './describe-printer-state';

describe('describeStateReason', () => {
  it.each([
    ['media-empty-error', 'Out of paper', 'error'],
    ['media-jam', 'Paper jam', 'error'],
    ['toner-low-warning', 'Toner running low', 'warning'],
    ['marker-supply-empty-error', 'Out of toner or ink', 'error'],
    ['some-vendor-thing-report', 'Some vendor thing', 'report'],
  ])('%s → %s (%s)', (reason, words, severity) => {
    expect(describeStateReason(reason)).toMatchObject({ words, severity });
  });
});

describe('printerHealth', () => {
  const base = { isEnabled: true, isOnline: true, state: 'idle' as const, stateReasons: [] as string[] };
  it('puts the owner’s switch and connectivity first', () => {
    expect(printerHealth({ ...base, isEnabled: false })).toEqual({ label: 'Disabled in Nearprint', tone: 'neutral' });
    expect(printerHealth({ ...base, isOnline: false }).label).toBe('Offline');
  });
  it('explains a stopped printer', () => {
    expect(printerHealth({ ...base, state: 'stopped', stateReasons: ['media-empty-error'] })).toEqual({ label: 'Stopped: Out of paper', tone: 'bad' });
  });
  it('does not alarm on warnings', () => {
    expect(printerHealth({ ...base, stateReasons: ['toner-low-warning'] })).toEqual({ label: 'Ready', tone: 'good' });
  });
});
