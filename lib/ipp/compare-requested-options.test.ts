import { describe, expect, it } from 'vitest';
import { compareRequestedOptions } from '@/lib/ipp/compare-requested-options';
import type { TReportedJobOptions } from '@/lib/ipp/reported-job-options';

const nothing: TReportedJobOptions = { media: null, sides: null, printColorMode: null, copies: null, finishings: null, pageRanges: null };

describe('compareRequestedOptions', () => {
  it('finds nothing when the printer recorded what was asked', () => {
    expect(
      compareRequestedOptions(
        { media: 'iso_a4_210x297mm', sides: 'two-sided-long-edge', printColorMode: 'color', copies: 2, finishings: ['staple', 'punch'], pageRanges: [[1, 2]] },
        { media: 'iso_a4_210x297mm', sides: 'two-sided-long-edge', printColorMode: 'color', copies: 2, finishings: ['punch', 'staple'], pageRanges: [[1, 2]] },
      ),
    ).toEqual([]);
  });

  it('reports dropped and changed options', () => {
    expect(
      compareRequestedOptions(
        { media: 'iso_a3_297x420mm', sides: 'two-sided-long-edge', printColorMode: 'color', copies: 3, finishings: ['staple'], pageRanges: [[2, 3]] },
        { ...nothing, media: 'iso_a4_210x297mm', printColorMode: 'monochrome', finishings: ['punch'] },
      ),
    ).toEqual([
      { option: 'media', kind: 'changed', requested: 'iso_a3_297x420mm', reported: 'iso_a4_210x297mm' },
      { option: 'sides', kind: 'dropped', requested: 'two-sided-long-edge', reported: null },
      { option: 'printColorMode', kind: 'changed', requested: 'color', reported: 'monochrome' },
      { option: 'copies', kind: 'dropped', requested: 3, reported: null },
      { option: 'finishings', kind: 'changed', requested: ['staple'], reported: ['punch'] },
      { option: 'pageRanges', kind: 'dropped', requested: [[2, 3]], reported: null },
    ]);
  });

  it('treats a missing copies=1 or finishings=none as the IPP default', () => {
    expect(compareRequestedOptions({ copies: 1, finishings: ['none'] }, nothing)).toEqual([]);
    expect(compareRequestedOptions({ finishings: ['staple'] }, nothing)).toEqual([{ option: 'finishings', kind: 'dropped', requested: ['staple'], reported: null }]);
  });

  it('matches finishings by value, whatever the spelling', () => {
    expect(compareRequestedOptions({ finishings: ['punch-dual-left'] }, { ...nothing, finishings: ['74'] })).toEqual([]);
    expect(compareRequestedOptions({ finishings: ['punch-dual-left'] }, { ...nothing, finishings: ['punch-dual-top'] })).toHaveLength(1);
    expect(compareRequestedOptions({ finishings: ['punch-dual-left', 'none'] }, { ...nothing, finishings: ['punch-dual-left'] })).toEqual([]);
  });

  it('ignores options that were not requested', () => {
    expect(compareRequestedOptions({}, { ...nothing, sides: 'one-sided', copies: 4 })).toEqual([]);
  });
});
