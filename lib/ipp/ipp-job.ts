import type { TIppAttributes } from '@/lib/ipp/ipp-codec';
import { IppError } from '@/lib/ipp/ipp-error';
import { getEnums, getInteger, getString, getStrings } from '@/lib/ipp/ipp-values';

/** job-state keywords (RFC 8011 §5.3.7), enum values 3 to 9 in this order. */
export const JOB_STATES = ['pending', 'pending-held', 'processing', 'processing-stopped', 'canceled', 'aborted', 'completed'] as const;

export type TJobState = (typeof JOB_STATES)[number];

/** States a job never leaves. */
export const TERMINAL_JOB_STATES: readonly TJobState[] = ['canceled', 'aborted', 'completed'];

export type TIppJob = {
  jobId: number;
  jobUri: string | null;
  jobName: string | null;
  state: TJobState;
  /** job-state-reasons without `none`, e.g. `job-printing`, `processing-to-stop-point`. */
  stateReasons: string[];
  stateMessage: string | null;
  /** job-impressions: total sides to print, when the printer has counted them. */
  impressions: number | null;
  /** job-impressions-completed: sides printed so far (RFC 8011 §5.3.18). */
  impressionsCompleted: number | null;
  /** job-media-sheets-completed, when reported (not by ippeveprinter). */
  mediaSheetsCompleted: number | null;
  /** job-pages-completed (PWG 5100.7), when reported (not by ippeveprinter). */
  pagesCompleted: number | null;
  originatingUserName: string | null;
};

/** The job status attributes Get-Jobs and Get-Job-Attributes ask for. */
export const JOB_STATUS_ATTRIBUTES = [
  'job-id',
  'job-uri',
  'job-name',
  'job-state',
  'job-state-reasons',
  'job-state-message',
  'job-impressions',
  'job-impressions-completed',
  'job-media-sheets-completed',
  'job-pages-completed',
  'job-originating-user-name',
];

export function jobStateKeyword(value: number | string | undefined): TJobState {
  if (typeof value === 'number' && value >= 3 && value <= 9) return JOB_STATES[value - 3];
  if (typeof value === 'string' && (JOB_STATES as readonly string[]).includes(value)) return value as TJobState;
  throw new IppError('ipp_error', `The printer reported a job state Nearprint does not know (${String(value)}).`);
}

/** Maps one job-attributes-tag group (from Print-Job, Get-Jobs or Get-Job-Attributes). */
export function mapIppJob(attributes: TIppAttributes): TIppJob {
  const jobId = getInteger(attributes, 'job-id');
  if (jobId === null) throw new IppError('ipp_error', 'The printer answered without a job id.');
  return {
    jobId,
    jobUri: getString(attributes, 'job-uri'),
    jobName: getString(attributes, 'job-name'),
    state: jobStateKeyword(getEnums(attributes, 'job-state')[0]),
    stateReasons: getStrings(attributes, 'job-state-reasons').filter((reason) => reason !== 'none'),
    stateMessage: getString(attributes, 'job-state-message')?.trim() || null,
    impressions: getInteger(attributes, 'job-impressions'),
    impressionsCompleted: getInteger(attributes, 'job-impressions-completed'),
    mediaSheetsCompleted: getInteger(attributes, 'job-media-sheets-completed'),
    pagesCompleted: getInteger(attributes, 'job-pages-completed'),
    originatingUserName: getString(attributes, 'job-originating-user-name'),
  };
}
