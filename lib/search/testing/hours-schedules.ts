import type { TFixtureShopInput } from './create-fixture-shop';

/**
 * Opening schedules with every awkward case, shared by the sweeps that compare SQL with
 * TypeScript (open state, ready times): zones with odd offsets, DST changes both ways,
 * evenings past midnight (also Sunday into Monday), split days, dated exceptions (closed,
 * short, past midnight, on a DST night), back-to-back days and a shop that never opens.
 */
export type TKey = 'kolkata' | 'newYork' | 'dublin' | 'auckland' | 'lordHowe' | 'neverOpen';

export const SCHEDULES: Record<TKey, Omit<TFixtureShopInput, 'ownerId' | 'name' | 'lat' | 'lng'>> = {
  kolkata: { timezone: 'Asia/Kolkata', hours: [1, 2, 3, 4, 5, 6].map((d) => [d, '10:00', '21:00']) },
  newYork: {
    timezone: 'America/New_York',
    hours: [...[1, 2, 3, 4].map((d): [number, string, string] => [d, '09:00', '17:00']), [5, '18:00', '02:00'], [6, '12:00', '02:00'], [7, '22:00', '03:00']],
  },
  dublin: {
    timezone: 'Europe/Dublin',
    hours: [...[1, 2, 3, 4, 5].map((d): [number, string, string] => [d, '09:00', '17:30']), [5, '18:00', '01:00'], [6, '10:00', '14:00']],
    exceptions: [
      { date: '2025-03-27', opensMinute: null, closesMinute: null, note: 'Holiday' },
      { date: '2025-03-28', opensMinute: 600, closesMinute: 720, note: 'Short day' },
      // Saturday night into the Sunday the clocks go forward.
      { date: '2025-03-29', opensMinute: 1200, closesMinute: 1560, note: 'Late opening' },
      // Closes at 01:30 on the night the clocks go back: a wall time that happens twice.
      { date: '2025-10-25', opensMinute: 1200, closesMinute: 1530, note: 'Late opening' },
    ],
  },
  auckland: {
    timezone: 'Pacific/Auckland',
    hours: [[7, '10:00', '16:00']],
    exceptions: [
      { date: '2025-03-02', opensMinute: null, closesMinute: null },
      { date: '2025-03-09', opensMinute: null, closesMinute: null },
    ],
  },
  lordHowe: {
    timezone: 'Australia/Lord_Howe',
    hours: [
      [1, '00:00', '24:00'],
      [2, '00:00', '24:00'],
      [7, '01:30', '02:30'],
    ],
  },
  neverOpen: { timezone: 'Europe/Dublin' },
};

export const WINDOWS: [string, string][] = [
  ['2025-02-27T00:00:00Z', '2025-03-12T00:00:00Z'],
  ['2025-03-26T00:00:00Z', '2025-04-08T00:00:00Z'],
  ['2025-10-23T00:00:00Z', '2025-11-04T00:00:00Z'],
];
