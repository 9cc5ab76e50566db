import type { TPrintJobState } from '@/db/schema/index';

/**
 * Who moves a print job from one state to the next. Every change goes through one gate,
 * transitionJob (transition-job.ts): a compare-and-set on the expected current state (and, for
 * workers, their lease), checked against this table, so two actors racing for the same job
 * cannot both win and nobody makes a move the table does not list.
 */
export type TJobActor = 'shop' | 'customer' | 'admin' | 'converter' | 'dispatcher' | 'housekeeping';

type TTransition = { from: TPrintJobState; to: TPrintJobState; by: readonly TJobActor[]; why: string };

/**
 * The whole state machine. A job is created awaiting_acceptance, or queued when the shop
 * accepts automatically (create-print-job.ts); from then on only these moves exist.
 */
export const JOB_TRANSITIONS: readonly TTransition[] = [
  { from: 'awaiting_acceptance', to: 'queued', by: ['shop'], why: 'the shop accepted the job' },
  { from: 'awaiting_acceptance', to: 'canceled', by: ['shop', 'customer', 'admin'], why: 'the shop rejected it (full refund), the customer moved the order, or an admin stopped it' },
  { from: 'queued', to: 'converting', by: ['converter'], why: 'a worker claimed it to convert it for the printer it chose' },
  { from: 'converting', to: 'converting', by: ['converter'], why: 'its worker died (lease ran out) and another claimed it' },
  { from: 'converting', to: 'queued', by: ['converter'], why: 'converted for its printer (convertedAt set), postponed, waiting for a printer, or retried after a failure' },
  { from: 'converting', to: 'failed', by: ['converter'], why: 'the documents cannot be converted, after retries' },
  { from: 'queued', to: 'failed', by: ['converter', 'dispatcher'], why: 'retries ran out' },
  { from: 'queued', to: 'sending', by: ['dispatcher'], why: 'its turn on its printer came' },
  { from: 'sending', to: 'printing', by: ['dispatcher', 'housekeeping'], why: 'the printer has it (or may have it: then the shop checks, outcomeUnknownAt)' },
  { from: 'sending', to: 'queued', by: ['dispatcher', 'housekeeping'], why: 'no document reached the printer (busy, unreachable, or its sender died before uploading): back in line' },
  { from: 'sending', to: 'failed', by: ['dispatcher'], why: 'the printer refused it for good, or retries ran out' },
  { from: 'printing', to: 'printed', by: ['dispatcher', 'shop'], why: 'the printer reported it completed (or the shop confirmed it after Nearprint lost track)' },
  { from: 'printing', to: 'queued', by: ['dispatcher'], why: 'the printer itself aborted it: printed again, on another printer if needed' },
  { from: 'printing', to: 'failed', by: ['dispatcher'], why: 'the printer dropped an option, or retries ran out' },
  { from: 'queued', to: 'queued', by: ['housekeeping', 'shop'], why: 'moved to another printer (output cleared, converted again)' },
  { from: 'queued', to: 'canceled', by: ['shop', 'customer', 'admin', 'dispatcher'], why: 'canceled by the shop (refund), an admin, or the customer moved the order' },
  { from: 'converting', to: 'canceled', by: ['shop', 'customer', 'admin'], why: 'canceled by the shop (refund), an admin, or the customer moved the order' },
  { from: 'sending', to: 'canceled', by: ['dispatcher', 'shop', 'admin'], why: 'cancel requested: stopped at the printer; or the shop (or an admin) ended a job Nearprint lost track of' },
  { from: 'printing', to: 'canceled', by: ['dispatcher', 'shop', 'admin'], why: 'cancel requested: Cancel-Job at the printer; or the shop (or an admin) ended a job Nearprint lost track of' },
];

export const ACTIVE_JOB_STATES = ['awaiting_acceptance', 'queued', 'converting', 'sending', 'printing'] as const satisfies readonly TPrintJobState[];
export const FINAL_JOB_STATES = ['printed', 'failed', 'canceled'] as const satisfies readonly TPrintJobState[];
/** States in which the printer may already have the job: stopping it needs Cancel-Job there. */
export const ON_PRINTER_STATES = ['sending', 'printing'] as const satisfies readonly TPrintJobState[];

export function canTransition(from: TPrintJobState, to: TPrintJobState, by?: TJobActor): boolean {
  return JOB_TRANSITIONS.some((t) => t.from === from && t.to === to && (!by || t.by.includes(by)));
}

export function isActiveJobState(state: TPrintJobState): boolean {
  return (ACTIVE_JOB_STATES as readonly string[]).includes(state);
}

/** Short labels for the shop's queue. */
export const JOB_STATE_LABELS: Record<TPrintJobState, string> = {
  awaiting_acceptance: 'Waiting for you to accept',
  queued: 'Queued',
  converting: 'Preparing file',
  sending: 'Sending to printer',
  printing: 'Printing',
  printed: 'Printed',
  failed: 'Failed',
  canceled: 'Canceled',
};

/** The label for one job, with the detail `queued` hides (converted and in line on a printer, or waiting for one). */
export function jobStateLabel(job: { state: TPrintJobState; convertedAt: Date | null; waitingSince: Date | null; outcomeUnknownAt: Date | null }): string {
  if (job.outcomeUnknownAt) return 'Check the printer';
  if (job.state === 'queued' && job.waitingSince) return 'Waiting for a printer';
  if (job.state === 'queued' && job.convertedAt) return 'Next on its printer';
  return JOB_STATE_LABELS[job.state];
}
