import { getJobs } from '@/lib/ipp/get-jobs';
import type { TIppJob } from '@/lib/ipp/ipp-job';
import type { TIppCallOptions } from '@/lib/ipp/ipp-request';

/**
 * The newest job on the printer whose job-name is `name` (Nearprint uses its own job
 * id as job-name), or null. A worker that crashed between sending a job and saving
 * the printer's job id calls this before sending again, so nothing prints twice.
 * It only sees what the printer still remembers: ippeveprinter forgets a job 60 s
 * after it finishes and everything when it restarts.
 */
export async function findJobByName(uri: string, name: string, options?: TIppCallOptions): Promise<TIppJob | null> {
  const jobs = await getJobs(uri, { whichJobs: 'all' }, options);
  return jobs.find((job) => job.jobName === name) ?? null;
}
