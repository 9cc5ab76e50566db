import { describe, expect, it } from 'vitest';
import { customerWordsForJobReasons, jobProblemReasons, shopWordsForReasons } from './job-reasons';

describe('printer trouble in words', () => {
  it('keeps the printer’s warnings and errors and drops routine job reasons and reports', () => {
    expect(jobProblemReasons(['job-printing', 'printer-stopped', 'job-queued'], ['media-empty-error', 'toner-low-warning', 'other-report', 'media-empty-error'])).toEqual([
      'media-empty-error',
      'toner-low-warning',
    ]);
    expect(jobProblemReasons(['job-completed-successfully'], [])).toEqual([]);
  });

  it('tells the shop what the printer says', () => {
    expect(shopWordsForReasons(['media-jam-error', 'toner-low-warning', 'paused'])).toEqual([
      { keyword: 'media-jam', words: 'Paper jam', isError: true },
      { keyword: 'toner-low', words: 'Toner running low', isError: false },
      { keyword: 'paused', words: 'Paused at the printer', isError: true },
    ]);
  });

  it('tells the customer, plainly, only what stops their job, and that the shop knows', () => {
    expect(customerWordsForJobReasons(['media-empty-error'])).toBe('The printer has run out of paper. The shop has been told, and your job continues as soon as it is fixed.');
    expect(customerWordsForJobReasons(['media-jam', 'marker-supply-empty-error'])).toBe(
      'Paper is jammed in the printer. The printer has run out of toner or ink. The shop has been told, and your job continues as soon as it is fixed.',
    );
    expect(customerWordsForJobReasons(['paused'])).toMatch(/^The printer is paused\./);
    expect(customerWordsForJobReasons(['interpreter-resource-unavailable-error'])).toMatch(/^The printer needs attention\./);
    expect(customerWordsForJobReasons(['toner-low-warning'])).toBeNull();
    expect(customerWordsForJobReasons([])).toBeNull();
  });
});
