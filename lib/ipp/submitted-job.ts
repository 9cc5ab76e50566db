import type { TIppResponse } from '@/lib/ipp/ipp-codec';
import { IppError } from '@/lib/ipp/ipp-error';
import { mapIppJob, type TIppJob } from '@/lib/ipp/ipp-job';

export type TSubmittedJob = TIppJob & {
  /**
   * Attributes the printer ignored or substituted (status
   * successful-ok-ignored-or-substituted-attributes): the job prints, but not exactly
   * as asked. Empty when everything was accepted.
   */
  unsupportedAttributes: string[];
};

/** The job a Print-Job, Create-Job or Send-Document response describes. */
export function toSubmittedJob(response: TIppResponse, jobName: string | null): TSubmittedJob {
  const attributes = response.jobs[0];
  if (!attributes) throw new IppError('ipp_error', 'The printer accepted the job but did not say which job it created.');
  const job = mapIppJob(attributes);
  return {
    ...job,
    jobName: job.jobName ?? jobName,
    unsupportedAttributes: Object.keys(response.unsupportedAttributes),
  };
}
