import type { TPrintJobState } from '@/db/schema/index';

/**
 * Who moves a print job from one state to the next. Every state change goes through a
 * conditional UPDATE on the expected current state (and, for workers, their lease), so two
 * actors racing for the same job cannot both win.
 */
export type TJobActor = 'payment' | 'shop' | 'converter' | 'dispatcher' | 'housekeeping' | 'customer';

type TTransition = { from: TPrintJobState; to: TPrintJobState; by: TJobActor[]; why: string };

/** The whole state machine; job-states.test.ts holds the code to it. */
export const JOB_TRANSITIONS: readonly TTransition[] = [
  { from: 'awaiting_acceptance', to: 'queued', by: ['shop'], why: 'the shop accepted the job' },
  { from: 'awaiting_acceptance', to: 'canceled', by: ['shop', 'customer'], why: 'the shop rejected it (full refund) or the customer moved the order' },
  { from: 'queued', to: 'converting', by: ['converter'], why: 'a worker claimed it to convert it for the printer it chose' },
  { from: 'converting', to: 'queued', by: ['converter'], why: 'converted for its printer (convertedAt set), or postponed, or its worker died (lease ran out)' },
  { from: 'converting', to: 'failed', by: ['converter'], why: 'the documents cannot be converted, after retries' },
  { from: 'queued', to: 'sending', by: ['dispatcher'], why: 'its turn on its printer came' },
  { from: 'sending', to: 'printing', by: ['dispatcher'], why: 'the printer accepted it (or, after a crash, already had it)' },
  { from: 'sending', to: 'queued', by: ['dispatcher'], why: 'the printer was busy or unreachable: back in line, with backoff' },
  { from: 'printing', to: 'printed', by: ['dispatcher', 'shop'], why: 'the printer reported it completed (or the shop confirmed it after Nearprint lost track)' },
  { from: 'printing', to: 'queued', by: ['dispatcher', 'housekeeping'], why: 'the printer aborted it or went offline before finishing: retried, on another printer if needed' },
  { from: 'queued', to: 'queued', by: ['housekeeping', 'shop'], why: 'moved to another printer (output cleared, converted again)' },
  { from: 'sending', to: 'failed', by: ['dispatcher'], why: 'the printer refused it for good, or retries ran out' },
  { from: 'printing', to: 'failed', by: ['dispatcher'], why: 'the printer dropped an option, or retries ran out' },
  { from: 'queued', to: 'failed', by: ['converter', 'dispatcher'], why: 'retries ran out' },
  { from: 'queued', to: 'canceled', by: ['shop', 'customer'], why: 'canceled by the shop (refund) or the order moved' },
  { from: 'converting', to: 'canceled', by: ['shop', 'customer'], why: 'canceled by the shop (refund) or the order moved' },
  { from: 'sending', to: 'canceled', by: ['dispatcher'], why: 'cancel requested; stopped at the printer' },
  { from: 'printing', to: 'canceled', by: ['dispatcher', 'shop'], why: 'cancel requested; Cancel-Job at the printer' },
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
