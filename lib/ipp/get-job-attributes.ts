import { IppError } from '@/lib/ipp/ipp-error';
import { JOB_STATUS_ATTRIBUTES, mapIppJob, type TIppJob } from '@/lib/ipp/ipp-job';
import { DEFAULT_USER_NAME, ippRequest, type TIppCallOptions } from '@/lib/ipp/ipp-request';
import { JOB_TEMPLATE_ATTRIBUTES, mapReportedJobOptions, type TReportedJobOptions } from '@/lib/ipp/reported-job-options';

export type TJobDetails = TIppJob & {
  /** The options the printer recorded, to compare with what was asked (compareRequestedOptions). */
  reported: TReportedJobOptions;
};

/**
 * Get-Job-Attributes (RFC 8011 §4.3.4): progress and recorded options of one job.
 * A job the printer has forgotten (finished long ago, or the printer restarted and
 * reuses job ids) throws IppError `ipp_error` with ippStatus `client-error-not-found`.
 */
export async function getJobAttributes(uri: string, jobId: number, options?: TIppCallOptions): Promise<TJobDetails> {
  const response = await ippRequest(
    {
      uri,
      operation: 'Get-Job-Attributes',
      operationAttributes: {
        'job-id': jobId,
        'requesting-user-name': DEFAULT_USER_NAME,
        'requested-attributes': [...JOB_STATUS_ATTRIBUTES, ...JOB_TEMPLATE_ATTRIBUTES],
      },
    },
    options,
  );
  const attributes = response.jobs[0];
  if (!attributes) throw new IppError('ipp_error', `The printer sent no details for job ${jobId}.`);
  return { ...mapIppJob(attributes), reported: mapReportedJobOptions(attributes) };
}
