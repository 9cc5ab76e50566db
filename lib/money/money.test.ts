import { describe, expect, it } from 'vitest';
import { currencyExponent, formatMoney, minorToDecimalString, parseMoney } from './money';

describe('parseMoney', () => {
  const max = { maxMinor: 10_000 };
  it.each([
    ['0.10', 10],
    ['1,5', 150],
    ['€2', 200],
    [' 12.34 ', 1234],
    ['0', 0],
  ])('%s → %i cents', (input, minor) => {
    expect(parseMoney(input, 'eur', max)).toEqual({ ok: true, minor });
  });

  it.each([
    ['-1', /negative/],
    ['abc', /like 0.10/],
    ['1.234', /2 decimal/],
    ['', /Enter an amount/],
    ['1e5', /like 0.10/],
    ['100.01', /more than the most/],
    ['99999999999', /like 0.10/],
  ])('refuses %s', (input, message) => {
    const result = parseMoney(input, 'eur', max);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('knows zero-decimal currencies', () => {
    expect(currencyExponent('jpy')).toBe(0);
    expect(parseMoney('150', 'jpy', max)).toEqual({ ok: true, minor: 150 });
    expect(parseMoney('1.5', 'jpy', max).ok).toBe(false);
  });
});

describe('formatMoney', () => {
  it('formats minor units for people', () => {
    expect(formatMoney(1234, 'eur')).toBe('€12.34');
    expect(minorToDecimalString(5, 'eur')).toBe('0.05');
  });
});
