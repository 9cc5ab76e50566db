import { describe, expect, it } from 'vitest';
import { axisTicks, formatAxisMoney, formatDuration, niceCeiling } from './chart-scale';

describe('niceCeiling', () => {
  it('rounds up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceCeiling(0)).toBe(1);
    expect(niceCeiling(-3)).toBe(1);
    expect(niceCeiling(1)).toBe(1);
    expect(niceCeiling(7)).toBe(10);
    expect(niceCeiling(13)).toBe(20);
    expect(niceCeiling(21)).toBe(25);
    expect(niceCeiling(240)).toBe(250);
    expect(niceCeiling(251)).toBe(500);
    expect(niceCeiling(0.3)).toBe(0.5);
    expect(niceCeiling(Number.NaN)).toBe(1);
  });

  it('respects a minimum, so an all-zero money chart reads in whole units', () => {
    expect(niceCeiling(0, 100)).toBe(100);
    expect(niceCeiling(340, 100)).toBe(500);
  });

  it('makes evenly spaced round ticks from zero, whole ones for whole quantities', () => {
    expect(axisTicks(20)).toEqual([0, 5, 10, 15, 20]);
    expect(axisTicks(5, { isWhole: true })).toEqual([0, 1, 2, 3, 4, 5]);
    expect(axisTicks(2, { isWhole: true })).toEqual([0, 1, 2]);
    expect(axisTicks(1, { isWhole: true })).toEqual([0, 1]);
    expect(axisTicks(25, { isWhole: true })).toEqual([0, 5, 10, 15, 20, 25]);
    expect(axisTicks(250, { isWhole: true })).toEqual([0, 50, 100, 150, 200, 250]);
    expect(axisTicks(1).map((t) => Number(t.toFixed(6)))).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });
});

describe('formatDuration', () => {
  it('reads as seconds, minutes or hours', () => {
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(600)).toBe('10 min');
    expect(formatDuration(3 * 3600 + 20 * 60)).toBe('3 h 20 min');
    expect(formatDuration(7200)).toBe('2 h');
  });
});

describe('formatAxisMoney', () => {
  it('drops cents from whole amounts and from 100 up, and shows both digits otherwise', () => {
    expect(formatAxisMoney(25_000, 'eur')).toBe('€250');
    expect(formatAxisMoney(25_050, 'eur')).toBe('€251');
    expect(formatAxisMoney(100, 'eur')).toBe('€1');
    expect(formatAxisMoney(250, 'eur')).toBe('€2.50');
    expect(formatAxisMoney(20, 'eur')).toBe('€0.20');
    expect(formatAxisMoney(0, 'eur')).toBe('€0');
    expect(formatAxisMoney(1500, 'jpy')).toBe('JP¥1,500');
  });
});
