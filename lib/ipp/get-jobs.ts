import { isIppError } from '@/lib/ipp/ipp-error';
import { JOB_STATUS_ATTRIBUTES, mapIppJob, type TIppJob } from '@/lib/ipp/ipp-job';
import { DEFAULT_USER_NAME, ippRequest, type TIppCallOptions } from '@/lib/ipp/ipp-request';

export type TGetJobsQuery = {
  /** `all` is PWG 5100.11; on printers without it, completed and not-completed are fetched and merged. */
  whichJobs?: 'not-completed' | 'completed' | 'all';
  /** Only this user's jobs (my-jobs); by default everyone's. */
  requestingUserName?: string;
};

async function fetchJobs(uri: string, whichJobs: string, query: TGetJobsQuery, options?: TIppCallOptions) {
  const response = await ippRequest(
    {
      uri,
      operation: 'Get-Jobs',
      operationAttributes: {
        'requesting-user-name': query.requestingUserName ?? DEFAULT_USER_NAME,
        'which-jobs': whichJobs,
        ...(query.requestingUserName ? { 'my-jobs': true } : {}),
        'requested-attributes': JOB_STATUS_ATTRIBUTES,
      },
    },
    options,
  );
  return response.jobs.map(mapIppJob);
}

/**
 * Get-Jobs (RFC 8011 §4.2.6), newest first. Printers keep finished jobs only for a
 * while (ippeveprinter: 60 s after completion, and none across a restart).
 */
export async function getJobs(uri: string, query: TGetJobsQuery = {}, options?: TIppCallOptions): Promise<TIppJob[]> {
  const whichJobs = query.whichJobs ?? 'not-completed';
  let jobs: TIppJob[];
  try {
    jobs = await fetchJobs(uri, whichJobs, query, options);
  } catch (error) {
    const isAllUnsupported = whichJobs === 'all' && isIppError(error) && error.ippStatus === 'client-error-attributes-or-values-not-supported';
    if (!isAllUnsupported) throw error;
    const [notCompleted, completed] = await Promise.all([fetchJobs(uri, 'not-completed', query, options), fetchJobs(uri, 'completed', query, options)]);
    jobs = [...notCompleted, ...completed];
  }
  return jobs.sort((a, b) => b.jobId - a.jobId);
}
