import { describe, expect, it } from 'vitest';
import { formatDistance } from './format-distance';

describe('formatDistance', () => {
  it('uses metres under a kilometre, tenths of a km under ten, then whole km', () => {
    expect(formatDistance(0)).toBe('10 m');
    expect(formatDistance(352)).toBe('350 m');
    expect(formatDistance(994)).toBe('990 m');
    expect(formatDistance(995)).toBe('1.0 km');
    expect(formatDistance(2_468)).toBe('2.5 km');
    expect(formatDistance(9_949)).toBe('9.9 km');
    expect(formatDistance(9_950)).toBe('10 km');
    expect(formatDistance(42_400)).toBe('42 km');
  });
});
