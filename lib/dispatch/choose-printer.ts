import type { TPrinterState } from '@/db/schema/index';
import { canPrinterDoJob, type TPrinterJobNeeds } from '@/lib/ipp/can-printer-do-job';
import type { TPrinterCapabilities } from '@/lib/ipp/printer-capabilities';
import { describeStateReason } from '@/lib/printers/describe-printer-state';

/** Start-up and hand-over time a printer spends on each job besides its impressions. */
export const JOB_OVERHEAD_MS = 1_000;
/** A stopped printer (out of paper, jammed, paused) may be fixed soon, or not: other printers go first. */
export const STOPPED_PENALTY_MS = 10 * 60_000;
/** Paper the printer has but has not loaded: someone must load it first. */
export const MEDIA_NOT_LOADED_PENALTY_MS = 5 * 60_000;
/** Jobs converted (or converting) for a printer ahead of its current one; more waits for the printer. */
export const LOOKAHEAD_JOBS = 2;

export type TCandidatePrinter = {
  id: string;
  name: string;
  isEnabled: boolean;
  isOnline: boolean;
  state: TPrinterState;
  stateReasons: string[];
  capabilities: TPrinterCapabilities;
  pagesPerMinute: number;
  pagesPerMinuteColor: number | null;
  /** Impressions still to print of the Nearprint jobs already on or assigned to this printer. */
  backlogImpressions: number;
  backlogJobs: number;
  /** Jobs converted or converting for it that it has not been sent yet. */
  waitingJobs: number;
};

export type TJobDemand = {
  needs: TPrinterJobNeeds;
  /** Impressions the job will print, copies included. */
  impressions: number;
  /** Prints at the printer's colour speed. */
  isColor: boolean;
};

export type TPrinterChoice =
  { kind: 'chosen'; printer: TCandidatePrinter; estimatedFinishMs: number; hasFreeSlot: boolean } | { kind: 'none'; reasons: { printerId: string; name: string; why: string }[] };

export function msPerImpression(printer: Pick<TCandidatePrinter, 'pagesPerMinute' | 'pagesPerMinuteColor'>, isColor: boolean): number {
  const ppm = isColor ? (printer.pagesPerMinuteColor ?? printer.pagesPerMinute) : printer.pagesPerMinute;
  return 60_000 / Math.max(1, ppm);
}

/**
 * When this printer would finish the job if it were given it now: its Nearprint backlog and
 * the job at its speed, plus a penalty for trouble someone has to fix first.
 */
export function estimatedFinishMs(printer: TCandidatePrinter, demand: TJobDemand, warnings: { code: string }[] = []): number {
  const perImpression = msPerImpression(printer, demand.isColor);
  const isStopped = printer.state === 'stopped' || printer.stateReasons.some((reason) => describeStateReason(reason).severity === 'error');
  return (
    (printer.backlogImpressions + demand.impressions) * perImpression +
    (printer.backlogJobs + 1) * JOB_OVERHEAD_MS +
    (isStopped ? STOPPED_PENALTY_MS : 0) +
    (warnings.some((w) => w.code === 'media_not_loaded') ? MEDIA_NOT_LOADED_PENALTY_MS : 0)
  );
}

/**
 * The scheduler's choice: among the shop's enabled, online printers that can do the job
 * (canPrinterDoJob: media, colour, sides, finishing, a format Nearprint can send), the one
 * that would finish it earliest; ties go to the one with fewer jobs, then by id so every
 * worker picks the same. `hasFreeSlot` false means the best printer already has enough
 * converted work lined up: the caller waits for it rather than giving the job to a printer
 * that would finish it later.
 */
export function choosePrinter(candidates: TCandidatePrinter[], demand: TJobDemand): TPrinterChoice {
  const reasons: { printerId: string; name: string; why: string }[] = [];
  let best: { printer: TCandidatePrinter; finish: number } | null = null;
  for (const printer of candidates) {
    if (!printer.isEnabled) {
      reasons.push({ printerId: printer.id, name: printer.name, why: 'disabled' });
      continue;
    }
    if (!printer.isOnline) {
      reasons.push({ printerId: printer.id, name: printer.name, why: 'offline' });
      continue;
    }
    const fit = canPrinterDoJob(printer.capabilities, demand.needs);
    if (!fit.canPrint) {
      reasons.push({ printerId: printer.id, name: printer.name, why: fit.reasons.map((r) => r.message).join(' ') });
      continue;
    }
    const finish = estimatedFinishMs(printer, demand, fit.warnings);
    if (
      !best ||
      finish < best.finish ||
      (finish === best.finish && (printer.backlogJobs < best.printer.backlogJobs || (printer.backlogJobs === best.printer.backlogJobs && printer.id < best.printer.id)))
    ) {
      best = { printer, finish };
    }
  }
  if (!best) return { kind: 'none', reasons };
  return { kind: 'chosen', printer: best.printer, estimatedFinishMs: best.finish, hasFreeSlot: best.printer.waitingJobs < LOOKAHEAD_JOBS };
}
