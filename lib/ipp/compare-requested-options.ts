import { finishingEnumValue } from '@/lib/ipp/finishings';
import type { TJobTemplate } from '@/lib/ipp/job-template';
import type { TReportedJobOptions } from '@/lib/ipp/reported-job-options';

export type TOptionMismatch = {
  option: keyof TReportedJobOptions;
  /** `dropped`: the printer recorded no value; `changed`: it recorded another one. */
  kind: 'dropped' | 'changed';
  requested: unknown;
  reported: unknown;
};

function finishingSet(values: readonly string[]): string {
  return values
    .map((value) => finishingEnumValue(value) ?? value)
    .filter((value) => value !== 3)
    .sort()
    .join(',');
}

/**
 * Compares what was asked for a job with what the printer recorded
 * (getJobAttributes().reported), so a silently dropped option (duplex, colour,
 * stapling) is caught before the customer collects the wrong prints. Two absences
 * are not mismatches because they are the IPP defaults: copies=1 and finishings=none.
 */
export function compareRequestedOptions(requested: TJobTemplate, reported: TReportedJobOptions): TOptionMismatch[] {
  const mismatches: TOptionMismatch[] = [];
  const check = (option: keyof TReportedJobOptions, wanted: unknown, got: unknown, isSame: boolean) => {
    if (got === null) mismatches.push({ option, kind: 'dropped', requested: wanted, reported: null });
    else if (!isSame) mismatches.push({ option, kind: 'changed', requested: wanted, reported: got });
  };

  if (requested.media !== undefined) check('media', requested.media, reported.media, reported.media === requested.media);
  if (requested.sides !== undefined) check('sides', requested.sides, reported.sides, reported.sides === requested.sides);
  if (requested.printColorMode !== undefined) {
    check('printColorMode', requested.printColorMode, reported.printColorMode, reported.printColorMode === requested.printColorMode);
  }
  if (requested.copies !== undefined && !(requested.copies === 1 && reported.copies === null)) {
    check('copies', requested.copies, reported.copies, reported.copies === requested.copies);
  }
  const wantedFinishings = finishingSet(requested.finishings ?? []);
  if (wantedFinishings) {
    check('finishings', requested.finishings, reported.finishings, reported.finishings !== null && finishingSet(reported.finishings) === wantedFinishings);
  }
  if (requested.pageRanges !== undefined) {
    check('pageRanges', requested.pageRanges, reported.pageRanges, JSON.stringify(reported.pageRanges) === JSON.stringify(requested.pageRanges));
  }
  return mismatches;
}
