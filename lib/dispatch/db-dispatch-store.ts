import { and, asc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { db } from '@/db/client';
import { printers, printJobs, type TPrintJob } from '@/db/schema/index';
import { documentStore } from '@/lib/documents/storage/app-document-store';
import { DocumentError } from '@/lib/documents/document-error';
import { openPrintOutput } from '@/lib/raster/raster-at-send';
import { jobDemand } from './job-demand';
import { appendJobEvent, endJob, markJobPrinted, markOrderPrinting, markOutcomeUnknown, type TTx } from '@/lib/print-jobs/job-transitions';
import { transitionJob } from '@/lib/print-jobs/transition-job';
import { DEFAULT_BACKOFF, type TBackoffSettings } from '@/lib/config/print-settings';
import { decideRetry } from '@/lib/print-jobs/retry-backoff';
import { settleJobRefunds } from '@/lib/billing/settle-job-refunds';
import type { TDispatchJob, TDispatchOutcome, TDispatchPrinter, TDispatchStore, TJobControl, TJobProgress } from './dispatch-types';

export type TDbDispatchOptions = {
  leaseMs: number;
  backoff?: TBackoffSettings;
  /** Agent mode: only this shop's printers that are reached through its agent. */
  agentShopId?: string;
  /** Who the events name ("worker" or "agent"). */
  actor?: string;
  /** Longest Ghostscript may render a raster made as it is sent (default 10 minutes). */
  renderTimeoutMs?: number;
};

const DEFAULT_RENDER_TIMEOUT_MS = 10 * 60_000;

function printerScope(options: TDbDispatchOptions): SQL {
  return options.agentShopId ? sql`p.via_agent and p.shop_id = ${options.agentShopId}` : sql`not p.via_agent`;
}

/**
 * Claims the dispatch leases of printers that have something to do (a converted job in line,
 * or a job being sent or printed) and whose lease is free or ran out, with SKIP LOCKED: each
 * printer is driven by exactly one worker (or agent) at a time.
 */
export async function claimPrintersForDispatch(owner: string, options: TDbDispatchOptions & { limit: number }): Promise<TDispatchPrinter[]> {
  const rows = await db.execute<{ id: string; name: string; uri: string; pages_per_minute: number; pages_per_minute_color: number | null }>(sql`
    update printers set dispatch_lease_owner = ${owner}, dispatch_lease_expires_at = now() + make_interval(secs => ${options.leaseMs / 1000})
    where id in (
      select p.id from printers p
      where ${printerScope(options)}
        and (p.dispatch_lease_owner is null or p.dispatch_lease_expires_at < now())
        and exists (
          select 1 from print_jobs j
          where j.printer_id = p.id and j.outcome_unknown_at is null
            and (j.state in ('sending', 'printing')
                 or (j.state = 'queued' and j.converted_at is not null and j.run_after <= now() and p.is_enabled and p.is_online))
        )
      order by p.dispatch_lease_expires_at nulls first
      limit ${options.limit}
      for update skip locked
    )
    returning id, name, uri, pages_per_minute, pages_per_minute_color`);
  return rows.map((r) => ({ id: r.id, name: r.name, uri: r.uri, pagesPerMinute: r.pages_per_minute, pagesPerMinuteColor: r.pages_per_minute_color }));
}

function toDispatchJob(job: TPrintJob, isColor: boolean): TDispatchJob {
  return {
    id: job.id,
    orderId: job.orderId,
    ippJobName: job.ippJobName,
    state: job.state as TDispatchJob['state'],
    ippJobId: job.ippJobId,
    outputFormat: job.outputFormat ?? 'application/pdf',
    expectedImpressions: job.expectedImpressions ?? 0,
    impressionsCompleted: job.impressionsCompleted,
    template: job.ippTemplate ?? {},
    documentSentAt: job.documentSentAt?.toISOString() ?? null,
    isColor,
    isCancelRequested: !!job.cancelRequestedAt,
  };
}

/**
 * The dispatcher's store on the database: used by the cloud worker directly and by the agent
 * API on an agent's behalf. Every write checks that `owner` still holds the printer's lease
 * and that the job is still in the state and on the printer the dispatcher believes, so a
 * dispatcher that lost its lease (it was presumed dead) cannot move anything.
 */
export function dbDispatchStore(owner: string, options: TDbDispatchOptions): TDispatchStore {
  const actor = options.actor ?? 'worker';
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const holdsLease = (printerId: string) => sql`exists (select 1 from printers p where p.id = ${printerId} and p.dispatch_lease_owner = ${owner} and ${printerScope(options)})`;

  async function loadJob(tx: TTx, printerId: string, jobId: string, states: TPrintJob['state'][]): Promise<TPrintJob | null> {
    const [job] = await tx
      .select()
      .from(printJobs)
      .where(and(eq(printJobs.id, jobId), eq(printJobs.printerId, printerId), inArray(printJobs.state, states), holdsLease(printerId)))
      .for('update');
    return job ?? null;
  }

  async function withColor(job: TPrintJob | undefined): Promise<TDispatchJob | null> {
    if (!job) return null;
    const [order] = await db.query.orders.findMany({ where: (o, { eq: equals }) => equals(o.id, job.orderId), columns: { options: true, quote: true } });
    return toDispatchJob(job, order ? jobDemand(order, []).isColor : false);
  }

  async function control(printerId: string, jobId: string): Promise<TJobControl> {
    const [row] = await db
      .select({
        cancelRequestedAt: printJobs.cancelRequestedAt,
        isOnline: printers.isOnline,
        state: printJobs.state,
        printerId: printJobs.printerId,
        outcomeUnknownAt: printJobs.outcomeUnknownAt,
        leaseOwner: printers.dispatchLeaseOwner,
      })
      .from(printJobs)
      .leftJoin(printers, eq(printers.id, printJobs.printerId))
      .where(eq(printJobs.id, jobId));
    // Ours only while this dispatcher still holds the printer's lease: one that lost it to
    // another (a stall past the lease) must not send or follow what the new one now drives.
    const isOurs = !!row && row.printerId === printerId && row.leaseOwner === owner && (row.state === 'sending' || row.state === 'printing') && !row.outcomeUnknownAt;
    return { isOurs, isCancelRequested: !!row?.cancelRequestedAt, isPrinterOnline: row?.isOnline ?? false };
  }

  return {
    async renewLease(printerId) {
      const rows = await db.execute<{ id: string }>(sql`
        update printers set dispatch_lease_expires_at = now() + make_interval(secs => ${options.leaseMs / 1000})
        where id = ${printerId} and dispatch_lease_owner = ${owner} returning id`);
      return rows.length > 0;
    },

    async releaseLease(printerId) {
      await db.execute(sql`update printers set dispatch_lease_owner = null, dispatch_lease_expires_at = null where id = ${printerId} and dispatch_lease_owner = ${owner}`);
    },

    async currentJob(printerId) {
      const [job] = await db
        .select()
        .from(printJobs)
        .where(and(eq(printJobs.printerId, printerId), inArray(printJobs.state, ['sending', 'printing']), isNull(printJobs.outcomeUnknownAt), holdsLease(printerId)))
        .orderBy(asc(printJobs.dispatchedAt))
        .limit(1);
      return withColor(job);
    },

    async nextJob(printerId) {
      const [job] = await db
        .select({ job: printJobs })
        .from(printJobs)
        .innerJoin(printers, eq(printers.id, printJobs.printerId))
        .where(
          and(
            eq(printJobs.printerId, printerId),
            eq(printJobs.state, 'queued'),
            sql`${printJobs.convertedAt} is not null and ${printJobs.runAfter} <= now()`,
            eq(printers.isEnabled, true),
            eq(printers.isOnline, true),
            holdsLease(printerId),
          ),
        )
        .orderBy(asc(printJobs.createdAt))
        .limit(1);
      return withColor(job?.job);
    },

    async readOutput(printerId, jobId) {
      const [job] = await db
        .select({ outputKey: printJobs.outputKey, outputRaster: printJobs.outputRaster })
        .from(printJobs)
        .where(and(eq(printJobs.id, jobId), eq(printJobs.printerId, printerId)));
      if (!job?.outputKey) throw new DocumentError('not_found', 'This job has no converted file.');
      return openPrintOutput(documentStore(), { outputKey: job.outputKey, outputRaster: job.outputRaster }, { maxRenderMs: options.renderTimeoutMs ?? DEFAULT_RENDER_TIMEOUT_MS });
    },

    async startSending(printerId, jobId) {
      const sending = await transitionJob(db, {
        jobId,
        from: 'queued',
        to: 'sending',
        by: 'dispatcher',
        set: { dispatchedAt: new Date(), documentSentAt: null, ippJobId: null, leaseOwner: owner },
        where: and(eq(printJobs.printerId, printerId), isNotNull(printJobs.convertedAt), holdsLease(printerId)),
        event: { type: 'job.sending', actor },
      });
      return !!sending;
    },

    async beginUpload(printerId, jobId, ippJobId) {
      await db
        .update(printJobs)
        .set({ documentSentAt: new Date(), ippJobId, updatedAt: new Date() })
        .where(and(eq(printJobs.id, jobId), eq(printJobs.printerId, printerId), eq(printJobs.state, 'sending'), isNull(printJobs.outcomeUnknownAt), holdsLease(printerId)));
      return control(printerId, jobId);
    },

    async markPrinting(printerId, jobId, ippJobId) {
      await db.transaction(async (tx) => {
        const job = await loadJob(tx, printerId, jobId, ['sending', 'printing']);
        if (!job) return;
        if (job.state === 'printing') {
          await tx.update(printJobs).set({ ippJobId, updatedAt: new Date() }).where(eq(printJobs.id, jobId));
          return;
        }
        const printing = await transitionJob(tx, { jobId, from: 'sending', to: 'printing', by: 'dispatcher', set: { ippJobId }, event: { type: 'job.printing', actor, data: { ippJobId } } });
        if (printing) await markOrderPrinting(tx, job.orderId, actor);
      });
      return control(printerId, jobId);
    },

    async reportProgress(printerId, jobId, progress: TJobProgress) {
      await db.transaction(async (tx) => {
        const job = await loadJob(tx, printerId, jobId, ['sending', 'printing']);
        if (!job) return;
        await tx.update(printJobs).set({ impressionsCompleted: progress.impressionsCompleted, stateReasons: progress.stateReasons, updatedAt: new Date() }).where(eq(printJobs.id, jobId));
        if (job.stateReasons.join() !== progress.stateReasons.join()) await appendJobEvent(tx, job, 'job.reasons', { stateReasons: progress.stateReasons }, actor);
        if (progress.isProgressEvent) {
          await appendJobEvent(tx, job, 'job.progress', { impressionsCompleted: progress.impressionsCompleted, expectedImpressions: job.expectedImpressions }, actor);
        }
      });
      return control(printerId, jobId);
    },

    async finish(printerId, jobId, outcome: TDispatchOutcome) {
      const isEnded = await db.transaction(async (tx) => {
        const job = await loadJob(tx, printerId, jobId, ['queued', 'sending', 'printing']);
        if (!job) return false;
        return finishJob(tx, job, outcome, { actor, backoff });
      });
      if (isEnded) await settleJobRefunds({ jobId });
    },
  };
}

/** Applies a dispatch outcome in the caller's transaction, through the state gate; true when the job ended (a refund may be due). */
export async function finishJob(tx: TTx, job: TPrintJob, outcome: TDispatchOutcome, options: { actor: string; backoff: TBackoffSettings }): Promise<boolean> {
  const { actor } = options;
  const by = 'dispatcher';
  const backInLine = { leaseOwner: null, leaseExpiresAt: null, dispatchedAt: null, documentSentAt: null, ippJobId: null };
  const unassigned = { ...backInLine, printerId: null, isPrinterPinned: false, convertedAt: null, impressionsCompleted: 0, stateReasons: [] as string[] };
  // Back in line only while nothing of it reached the printer; otherwise the outcome is a question for the shop.
  const isUnsent = job.state !== 'printing' && !job.documentSentAt;
  switch (outcome.kind) {
    case 'printed':
      await markJobPrinted(tx, job, outcome.impressionsCompleted, by, actor);
      return false;
    case 'requeue':
    case 'move':
      if (!isUnsent) return finishJob(tx, job, { kind: 'outcome_unknown', reason: 'The printer may have this job already; check whether it printed.' }, options);
      await transitionJob(tx, {
        jobId: job.id,
        from: job.state,
        to: 'queued',
        by,
        set: outcome.kind === 'requeue' ? { ...backInLine, runAfter: new Date(Date.now() + outcome.delayMs) } : { ...unassigned, lastError: outcome.reason, runAfter: new Date() },
        event: outcome.kind === 'move' ? { type: 'job.moved', actor, data: { reason: outcome.reason }, printerId: job.printerId } : null,
      });
      return false;
    case 'retry': {
      const attempts = job.attempts + 1;
      const decision = decideRetry(attempts, new Date(), options.backoff);
      if (decision.isFinal) {
        await tx.update(printJobs).set({ attempts }).where(eq(printJobs.id, job.id));
        return endJob(tx, { ...job, attempts }, { state: 'failed', reason: `${outcome.reason} Nearprint gave up after ${attempts} tries.`, refund: 'print_failed', by, actor });
      }
      await transitionJob(tx, {
        jobId: job.id,
        from: job.state,
        to: 'queued',
        by,
        set: { ...(outcome.isPrinterFault ? unassigned : backInLine), attempts, lastError: outcome.reason, runAfter: decision.runAfter },
        event: { type: 'job.retrying', actor, data: { attempt: attempts, reason: outcome.reason, runAfter: decision.runAfter.toISOString() }, printerId: job.printerId },
      });
      return false;
    }
    case 'failed':
      return endJob(tx, job, { state: 'failed', reason: outcome.reason, refund: 'print_failed', by, actor });
    case 'canceled':
      return endJob(tx, job, { state: 'canceled', reason: job.lastError ?? 'Canceled by the shop.', refund: job.refundDue === 'shop_rejected' ? 'shop_rejected' : null, by, actor });
    case 'outcome_unknown':
      await markOutcomeUnknown(tx, job, outcome.reason, by, actor);
      return false;
  }
}
