import { describe, expect, it } from 'vitest';
import { formatDateTime } from './format-date-time';

describe('formatDateTime', () => {
  it('writes one format, in the zone given (DST included)', () => {
    expect(formatDateTime(new Date('2026-12-06T14:05:00Z'), 'Europe/Dublin')).toBe('6 Dec 2026, 14:05');
    expect(formatDateTime(new Date('2026-07-06T14:05:00Z'), 'Europe/Dublin')).toBe('6 Jul 2026, 15:05');
    expect(formatDateTime(new Date('2026-12-06T14:05:00Z'), 'America/New_York')).toBe('6 Dec 2026, 09:05');
  });
});
