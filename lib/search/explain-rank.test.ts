import { describe, expect, it } from 'vitest';
import { explainRank } from './explain-rank';

const base = {
  position: 2,
  totalMinor: 275,
  distanceM: 2_500,
  distanceCostMinor: 100,
  waitCostMinor: 23,
  scoreMinor: 398,
  readyAt: '2025-06-11T11:07:00+01:00',
  at: '2025-06-11T10:00:00Z',
  timezone: 'Europe/Dublin',
  currency: 'eur',
  minorPerKm: 40,
  minorPerHour: 20,
};

describe('explainRank', () => {
  it('explains the place in the terms of the sort', () => {
    expect(explainRank({ ...base, sort: 'best_value' }).summary).toBe('€2.75 for your job + €1.00 for 2.5 km (€0.40 per km) + €0.23 for waiting until 11:07 (€0.20 per hour) = €3.98');
    expect(explainRank({ ...base, sort: 'best_value', readyAt: null, waitCostMinor: 960, scoreMinor: 1335 }).summary).toBe(
      '€2.75 for your job + €1.00 for 2.5 km (€0.40 per km) + €9.60 for having no ready time in the next two weeks = €13.35',
    );
    expect(explainRank({ ...base, sort: 'nearest' }).summary).toBe('2.5 km away, €2.75 for your job');
    expect(explainRank({ ...base, sort: 'cheapest' }).summary).toBe('€2.75 for your job, 2.5 km away');
    expect(explainRank({ ...base, sort: 'soonest' }).summary).toBe('Ready about 11:07, €2.75 for your job');
    expect(explainRank({ ...base, sort: 'soonest', readyAt: null }).summary).toBe('No opening in the next two weeks, so no ready time');
    expect(explainRank({ ...base, sort: 'best_value' })).toMatchObject({ position: 2, scoreMinor: 398, distanceCostMinor: 100, waitCostMinor: 23 });
  });
});
