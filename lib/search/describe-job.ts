import { MEDIA } from '@/lib/job-options/media';
import type { TSearchJob } from './search-shops-request';

const FINISHING_WORDS = { staple: 'stapled', punch: 'hole-punched', bind: 'bound' } as const;

/** The job in a few words, for headings and empty states: "10 pages, A4, 3 in colour, two-sided, × 2 copies, stapled". */
export function describeJob(job: TSearchJob): string {
  const parts = [`${job.pageCount} ${job.pageCount === 1 ? 'page' : 'pages'}`, MEDIA[job.media].label];
  if (job.colorMode === 'color') parts.push('colour');
  else if (job.colorMode === 'monochrome') parts.push('black & white');
  else parts.push(job.colorPageCount > 0 ? `${Math.min(job.colorPageCount, job.pageCount)} in colour` : 'black & white');
  if (job.sides !== 'one-sided') parts.push('two-sided');
  if (job.pagesPerSheet > 1) parts.push(`${job.pagesPerSheet} per sheet`);
  if (job.copies > 1) parts.push(`× ${job.copies} copies`);
  if (job.finishing !== 'none') parts.push(FINISHING_WORDS[job.finishing]);
  return parts.join(', ');
}

/** What a shop needs to be able to do for this job, for "no shop can …": "A4 colour, two-sided, stapling". */
export function describeJobNeeds(job: TSearchJob): string {
  const color = job.colorMode === 'color' || (job.colorMode === 'auto' && job.colorPageCount > 0);
  const parts = [`${MEDIA[job.media].label} ${color ? 'colour' : 'black & white'}`];
  if (job.sides !== 'one-sided') parts.push('two-sided');
  if (job.finishing !== 'none') parts.push({ staple: 'stapling', punch: 'hole punching', bind: 'binding' }[job.finishing]);
  return parts.join(', ');
}
