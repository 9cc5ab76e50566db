import { describe, expect, it } from 'vitest';
import { formatShopTime } from './format-shop-time';

describe('formatShopTime', () => {
  const now = new Date('2025-06-11T10:00:00Z'); // Wednesday

  it('writes the shop’s own clock, relative to its own today', () => {
    expect(formatShopTime('2025-06-11T17:30:00+01:00', now, 'Europe/Dublin')).toBe('17:30');
    expect(formatShopTime('2025-06-12T09:00:00+01:00', now, 'Europe/Dublin')).toBe('tomorrow 09:00');
    expect(formatShopTime('2025-06-14T10:00:00+01:00', now, 'Europe/Dublin')).toBe('Sat 10:00');
    expect(formatShopTime('2025-06-25T10:00:00+01:00', now, 'Europe/Dublin')).toBe('Wed 25 Jun, 10:00');
  });

  it('counts days in the shop’s zone, not UTC', () => {
    // 20:00Z is already Thursday 01:30 in Kolkata, so 10:00 that day is "today" there.
    expect(formatShopTime('2025-06-12T10:00:00+05:30', '2025-06-11T20:00:00Z', 'Asia/Kolkata')).toBe('10:00');
    expect(formatShopTime('2025-06-12T04:30:00Z', '2025-06-11T10:00:00Z', 'Asia/Kolkata')).toBe('tomorrow 10:00');
  });
});
