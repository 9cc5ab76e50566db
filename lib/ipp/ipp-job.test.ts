import { describe, expect, it } from 'vitest';
import { IppError } from '@/lib/ipp/ipp-error';
import { jobStateKeyword, mapIppJob } from '@/lib/ipp/ipp-job';
import { mapReportedJobOptions } from '@/lib/ipp/reported-job-options';

describe('jobStateKeyword', () => {
  it.each([
    [3, 'pending'],
    [4, 'pending-held'],
    [5, 'processing'],
    [6, 'processing-stopped'],
    [7, 'canceled'],
    [8, 'aborted'],
    [9, 'completed'],
    ['completed', 'completed'],
  ])('%s → %s', (value, keyword) => {
    expect(jobStateKeyword(value)).toBe(keyword);
  });

  it.each([2, 10, 'done', undefined])('%s is refused', (value) => {
    expect(() => jobStateKeyword(value)).toThrow(IppError);
  });
});

describe('mapIppJob', () => {
  it('maps a job group, dropping the none reason', () => {
    expect(
      mapIppJob({
        'job-id': 12,
        'job-uri': 'ipp://localhost:8631/ipp/print/12',
        'job-name': 'np_abc',
        'job-state': 'processing',
        'job-state-reasons': 'none',
        'job-state-message': 'Job printing.',
        'job-impressions': 4,
        'job-impressions-completed': 1,
        'job-originating-user-name': 'nearprint',
      }),
    ).toEqual({
      jobId: 12,
      jobUri: 'ipp://localhost:8631/ipp/print/12',
      jobName: 'np_abc',
      state: 'processing',
      stateReasons: [],
      stateMessage: 'Job printing.',
      impressions: 4,
      impressionsCompleted: 1,
      mediaSheetsCompleted: null,
      pagesCompleted: null,
      originatingUserName: 'nearprint',
    });
  });

  it('needs a job id', () => {
    expect(() => mapIppJob({ 'job-state': 9 })).toThrow(/without a job id/);
  });
});

describe('mapReportedJobOptions', () => {
  it('reads media from media-col when media is missing, and names unknown finishings by number', () => {
    expect(
      mapReportedJobOptions({
        'media-col': { 'media-size': { 'x-dimension': 29700, 'y-dimension': 42000 } },
        sides: 'two-sided-long-edge',
        'print-color-mode': 'color',
        copies: 3,
        finishings: ['staple', 74, 12345],
        'page-ranges': [2, 4],
      }),
    ).toEqual({
      media: 'iso_a3_297x420mm',
      sides: 'two-sided-long-edge',
      printColorMode: 'color',
      copies: 3,
      finishings: ['staple', 'punch-dual-left', '12345'],
      pageRanges: [[2, 4]],
    });
  });

  it('gives null for everything the printer did not record', () => {
    expect(mapReportedJobOptions({ 'job-id': 1 })).toEqual({
      media: null,
      sides: null,
      printColorMode: null,
      copies: null,
      finishings: null,
      pageRanges: null,
    });
  });
});
