import { describeStateReason } from './describe-printer-state';

/** Printer trouble the customer hears about, in their words; anything else is "needs attention". */
const CUSTOMER_WORDS: Record<string, string> = {
  'media-empty': 'The printer has run out of paper',
  'media-needed': 'The printer needs paper loaded',
  'media-jam': 'Paper is jammed in the printer',
  'marker-supply-empty': 'The printer has run out of toner or ink',
  'toner-empty': 'The printer has run out of toner',
  paused: 'The printer is paused',
  'moving-to-paused': 'The printer is pausing',
  'door-open': 'A door of the printer is open',
  'cover-open': 'A cover of the printer is open',
  'output-area-full': 'The printer’s output tray is full',
};

/** Job-state-reasons that only say what the job is doing, not what is wrong. */
const ROUTINE_JOB_REASONS = new Set([
  'none',
  'job-incoming',
  'job-data-insufficient',
  'job-queued',
  'job-printing',
  'job-transforming',
  'job-fetchable',
  'job-completed-successfully',
  'job-completed-with-warnings',
  'job-canceled-by-user',
  'job-canceled-by-operator',
  'job-canceled-at-device',
  'processing-to-stop-point',
  'printer-stopped-partly',
  'printer-stopped',
  'queued-in-device',
]);

/**
 * The reasons worth showing for a job waiting on or printing at a printer: the printer's own
 * warnings and errors (media-empty-error, media-jam, paused…). Routine job reasons are
 * dropped, and so are reports (`-report`), which are informational.
 */
export function jobProblemReasons(jobReasons: readonly string[], printerReasons: readonly string[]): string[] {
  const all = [...printerReasons, ...jobReasons].filter((reason) => !ROUTINE_JOB_REASONS.has(reason));
  return [...new Set(all)].filter((reason) => describeStateReason(reason).severity !== 'report').sort();
}

/** The reasons for the shop: what the printer says, as the printers page says it. */
export function shopWordsForReasons(reasons: readonly string[]): { keyword: string; words: string; isError: boolean }[] {
  return reasons.map(describeStateReason).map((r) => ({ keyword: r.keyword, words: r.words, isError: r.severity === 'error' }));
}

/**
 * The same trouble for the customer, in plain words: what happened and that the shop knows.
 * Warnings (toner low) are the shop's business and are not shown; null when nothing is wrong.
 */
export function customerWordsForJobReasons(reasons: readonly string[]): string | null {
  const errors = reasons.map(describeStateReason).filter((r) => r.severity === 'error');
  if (!errors.length) return null;
  const words = [...new Set(errors.map((r) => CUSTOMER_WORDS[r.keyword] ?? 'The printer needs attention'))];
  return `${words.join('. ')}. The shop has been told, and your job continues as soon as it is fixed.`;
}
