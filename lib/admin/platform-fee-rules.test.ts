import { describe, expect, it } from 'vitest';
import { describeFeeRule, percentToBps, ZAddFeeRuleRequest } from './platform-fee-rules';

describe('percentToBps', () => {
  it('converts typed percentages to basis points exactly', () => {
    expect(percentToBps('10')).toBe(1000);
    expect(percentToBps('12.5')).toBe(1250);
    expect(percentToBps('0.05')).toBe(5);
    expect(percentToBps('7.35')).toBe(735); // 7.35 * 100 is 734.9999… in floating point
  });
});

describe('ZAddFeeRuleRequest', () => {
  const valid = { percent: '10', fixed: '0.20', effectiveFrom: '2031-01-01T00:00', timezone: 'Europe/Dublin' };
  const messages = (input: Record<string, string>) => {
    const parsed = ZAddFeeRuleRequest.safeParse(input);
    return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('accepts a percentage, a fixed amount, a local start and a zone', () => {
    expect(ZAddFeeRuleRequest.parse(valid)).toEqual(valid);
    expect(ZAddFeeRuleRequest.parse({ ...valid, fixed: undefined, timezone: undefined })).toMatchObject({ fixed: '0', timezone: 'UTC' });
  });

  it('refuses absurd or malformed percentages, starts and zones', () => {
    expect(messages({ ...valid, percent: '51' })).toEqual(['percent: At most 50%']);
    expect(messages({ ...valid, percent: '-1' })).toEqual(['percent: Enter a percentage like 10 or 12.5 (at most 2 decimals)']);
    expect(messages({ ...valid, percent: '1.234' })).toEqual(['percent: Enter a percentage like 10 or 12.5 (at most 2 decimals)']);
    expect(messages({ ...valid, effectiveFrom: 'tomorrow' })).toEqual(['effectiveFrom: Choose the date and time the fee starts']);
    expect(messages({ ...valid, timezone: 'Mars/Olympus' })).toEqual(['timezone: Unknown time zone']);
  });
});

describe('describeFeeRule', () => {
  it('reads as a percentage, plus a fixed amount when there is one', () => {
    expect(describeFeeRule({ percentBps: 1000, fixedMinor: 0 }, 'eur')).toBe('10% of each order');
    expect(describeFeeRule({ percentBps: 1250, fixedMinor: 20 }, 'eur')).toBe('12.5% + €0.20 per order');
  });
});
