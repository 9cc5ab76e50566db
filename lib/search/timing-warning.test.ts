import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { timingWarning } from './timing-warning';

const zone = 'Europe/Dublin';
const at = (iso: string) => DateTime.fromISO(iso, { zone });
// Saturday 14 June 2025, 16:00 IST.
const context = { shopName: 'Liffey Print Hub', at: new Date('2025-06-14T15:00:00Z'), timezone: zone };

describe('timingWarning', () => {
  it('says when a closed shop reopens and when the job would be ready', () => {
    const readiness = {
      openState: { isOpen: false as const, opensAt: at('2025-06-16T09:00') },
      ready: { readyAt: at('2025-06-16T09:06'), workStopsAt: at('2025-06-16T17:30') },
      isAfterClosing: false,
    };
    expect(timingWarning(readiness, context)).toBe('Liffey Print Hub is closed now and opens Mon 09:00. Your job would be ready about Mon 09:06.');
  });

  it('says when an open shop closes before the job is ready', () => {
    const readiness = { openState: { isOpen: true as const, closesAt: at('2025-06-14T17:00') }, ready: { readyAt: at('2025-06-16T09:40'), workStopsAt: at('2025-06-14T17:00') }, isAfterClosing: true };
    expect(timingWarning(readiness, context)).toBe('Liffey Print Hub closes at 17:00, before your job can be ready. It finishes it after it reopens: ready about Mon 09:40.');
  });

  it('says nothing when the job is ready before closing', () => {
    const readiness = {
      openState: { isOpen: true as const, closesAt: at('2025-06-14T17:00') },
      ready: { readyAt: at('2025-06-14T16:06'), workStopsAt: at('2025-06-14T17:00') },
      isAfterClosing: false,
    };
    expect(timingWarning(readiness, context)).toBeNull();
  });

  it('says so when the shop does not open for two weeks', () => {
    expect(timingWarning({ openState: { isOpen: false, opensAt: null }, ready: null, isAfterClosing: false }, context)).toBe('Liffey Print Hub is closed and does not open in the next two weeks.');
  });
});
