import { setTimeout as sleep } from 'node:timers/promises';
import { getJobs } from '@/lib/ipp/get-jobs';
import type { TJobState } from '@/lib/ipp/ipp-job';

/**
 * What the printers themselves say they printed: each printer's Get-Jobs (which-jobs=all) polled
 * every second for the whole run, since ippeveprinter forgets a finished job 60 s after it
 * completed. Every job ever seen is kept by printer and IPP job id with its last state, so a job
 * printed twice shows as two completed jobs with the same job-name. Each poll also records how
 * many printers were busy, for the printers' share of the knee.
 */
export type TSeenJob = { uri: string; jobId: number; jobName: string | null; state: TJobState };

const POLL_MS = 1_000;

export function startPrinterAudit(uris: string[]) {
  const seen = new Map<string, TSeenJob>();
  const samples: { at: number; busy: number }[] = [];
  let isRunning = true;

  async function pollOnce(): Promise<void> {
    const busy = await Promise.all(
      uris.map(async (uri) => {
        try {
          const jobs = await getJobs(uri, { whichJobs: 'all' }, { timeoutMs: 3_000 });
          for (const job of jobs) seen.set(`${uri}#${job.jobId}`, { uri, jobId: job.jobId, jobName: job.jobName, state: job.state });
          return jobs.some((job) => job.state === 'processing');
        } catch {
          return false;
        }
      }),
    );
    samples.push({ at: Date.now(), busy: busy.filter(Boolean).length });
  }

  const loop = (async () => {
    while (isRunning) {
      const started = Date.now();
      await pollOnce();
      await sleep(Math.max(0, POLL_MS - (Date.now() - started)));
    }
  })();

  return {
    /** Mean share of the printers busy between two instants. */
    busyShare(from: number, to: number): number {
      const inside = samples.filter((s) => s.at >= from && s.at <= to);
      return inside.length ? inside.reduce((sum, s) => sum + s.busy, 0) / inside.length / uris.length : NaN;
    },
    /** Stops polling after one last look; returns how many completed jobs each job-name has over all printers. */
    async stop(): Promise<{ completedByName: Map<string, number>; jobsSeen: number }> {
      isRunning = false;
      await loop;
      await pollOnce();
      const completedByName = new Map<string, number>();
      for (const job of seen.values()) if (job.state === 'completed' && job.jobName) completedByName.set(job.jobName, (completedByName.get(job.jobName) ?? 0) + 1);
      return { completedByName, jobsSeen: seen.size };
    },
  };
}
