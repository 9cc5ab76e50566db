import { ZJobOptions, type TJobOptions } from '@/lib/job-options/job-options';

export const DEFAULT_JOB: TJobOptions = { media: 'iso_a4_210x297mm', colorMode: 'auto', sides: 'one-sided', copies: 1, pagesPerSheet: 1, finishing: 'none' };

/**
 * The job as carried in a URL (search results link to the order page with it): each option
 * that is present and valid is used, anything missing or invalid falls back to the default,
 * so a hand-edited link never breaks the page.
 */
export function jobFromQuery(query: Record<string, string | string[] | undefined>): TJobOptions {
  const job: Record<string, unknown> = { ...DEFAULT_JOB };
  for (const key of ['media', 'colorMode', 'sides', 'copies', 'pagesPerSheet', 'finishing', 'pageRanges'] as const) {
    const value = query[key];
    if (typeof value !== 'string' || value === '') continue;
    const candidate = { ...job, [key]: value };
    if (ZJobOptions.safeParse(candidate).success) job[key] = value;
  }
  return ZJobOptions.parse(job);
}

export function jobToQuery(job: TJobOptions): Record<string, string> {
  const query: Record<string, string> = {
    media: job.media,
    colorMode: job.colorMode,
    sides: job.sides,
    copies: String(job.copies),
    pagesPerSheet: String(job.pagesPerSheet),
    finishing: job.finishing,
  };
  if (job.pageRanges) query.pageRanges = job.pageRanges;
  return query;
}
