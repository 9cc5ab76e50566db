import { and, asc, eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { documents, orderDocuments, orders, printJobs, shopFinishingPrices, type TOrder, type TPrintJob } from '@/db/schema/index';
import type { TJobTemplate } from '@/lib/ipp/job-template';
import type { TFinishing } from '@/lib/job-options/job-options';
import { LOOKAHEAD_JOBS, type TCandidatePrinter } from '@/lib/dispatch/choose-printer';
import { appendJobEvent, endJob } from '@/lib/print-jobs/job-transitions';
import type { TRasterAtSend } from '@/lib/raster/raster-at-send';
import { transitionJob } from '@/lib/print-jobs/transition-job';

/** SQL for the impressions a job still has to print: exact once converted, else from the paid quote. */
export const REMAINING_IMPRESSIONS_SQL = sql`greatest(0, coalesce(k.expected_impressions,
  ((o.quote -> 'impressions' ->> 'colorImpressions')::int + (o.quote -> 'impressions' ->> 'monoImpressions')::int) * (o.quote ->> 'copies')::int)
  - k.impressions_completed)`;

/**
 * Claims the oldest job that needs converting, with SKIP LOCKED so concurrent workers never
 * take the same one: a queued job without output whose backoff has passed, or one whose
 * converting worker died (lease ran out; that counts as an attempt). Only jobs of shops that
 * have room on a printer (fewer than LOOKAHEAD_JOBS lined up) are taken, so output is made
 * just in time for the printer the scheduler picks then, or of shops with no printer online
 * at all, to mark them waiting.
 */
export async function claimJobForConversion(workerId: string, leaseMs: number): Promise<string | null> {
  return db.transaction(async (tx) => {
    const [candidate] = await tx.execute<{ id: string; state: 'queued' | 'converting'; attempts: number }>(sql`
      select j.id, j.state, j.attempts from print_jobs j
      where j.run_after <= now() and j.cancel_requested_at is null
        and ((j.state = 'queued' and j.converted_at is null) or (j.state = 'converting' and j.lease_expires_at < now()))
        and (
          not exists (select 1 from printers p where p.shop_id = j.shop_id and p.is_enabled and p.is_online)
          or exists (
            select 1 from printers p
            where p.shop_id = j.shop_id and p.is_enabled and p.is_online
              and (select count(*) from print_jobs k
                   where k.printer_id = p.id and k.id <> j.id
                     and (k.state = 'converting' or (k.state = 'queued' and k.converted_at is not null))) < ${LOOKAHEAD_JOBS}
          )
        )
      order by j.created_at
      limit 1
      for update of j skip locked`);
    if (!candidate) return null;
    const claimed = await transitionJob(tx, {
      jobId: candidate.id,
      from: candidate.state,
      to: 'converting',
      by: 'converter',
      // A job whose converting worker died counts that as an attempt.
      set: { leaseOwner: workerId, leaseExpiresAt: sql`now() + make_interval(secs => ${leaseMs / 1000})`, attempts: candidate.attempts + (candidate.state === 'converting' ? 1 : 0) },
      event: null,
    });
    return claimed?.id ?? null;
  });
}

export type TConversionContext = {
  job: TPrintJob;
  order: TOrder;
  /** `viaAgent`: reached through the shop's agent, which is sent the output as stored (it does not render). */
  candidates: (TCandidatePrinter & { viaAgent: boolean })[];
  manualFinishings: TFinishing[];
  /** The order's documents with the snapshot it was priced with: the pages to print and those to print in grey. */
  documents: { documentId: string; filename: string; pdfKey: string | null; selectedPages: number[]; forcedMonoPages: number[] }[];
};

/** Everything the converter needs to choose a printer and convert: loaded outside any transaction. */
export async function loadConversionContext(jobId: string): Promise<TConversionContext | null> {
  const [row] = await db.select({ job: printJobs, order: orders }).from(printJobs).innerJoin(orders, eq(orders.id, printJobs.orderId)).where(eq(printJobs.id, jobId));
  if (!row) return null;
  const { job, order } = row;
  const candidates = await db.execute<Record<string, unknown>>(sql`
    select p.id, p.name, p.via_agent, p.is_enabled, p.is_online, p.state, p.state_reasons, p.capabilities, p.pages_per_minute, p.pages_per_minute_color,
           coalesce(b.impressions, 0)::int as backlog_impressions, coalesce(b.jobs, 0)::int as backlog_jobs, coalesce(b.waiting, 0)::int as waiting_jobs
    from printers p
    left join lateral (
      select sum(${REMAINING_IMPRESSIONS_SQL}) as impressions, count(*) as jobs,
             count(*) filter (where k.state = 'converting' or (k.state = 'queued' and k.converted_at is not null)) as waiting
      from print_jobs k join orders o on o.id = k.order_id
      where k.printer_id = p.id and k.id <> ${jobId} and k.outcome_unknown_at is null
        and k.state in ('converting', 'queued', 'sending', 'printing')
    ) b on true
    where p.shop_id = ${job.shopId}
    order by p.created_at`);
  const finishing = await db
    .select()
    .from(shopFinishingPrices)
    .where(and(eq(shopFinishingPrices.shopId, job.shopId), eq(shopFinishingPrices.isManual, true)));
  // The snapshot, never the documents' live page flags: what was paid for is what prints.
  const docs = await db
    .select({
      documentId: documents.id,
      filename: documents.filename,
      pdfKey: documents.pdfKey,
      selectedPages: orderDocuments.selectedPages,
      forcedMonoPages: orderDocuments.forcedMonoPages,
    })
    .from(orderDocuments)
    .innerJoin(documents, eq(documents.id, orderDocuments.documentId))
    .where(eq(orderDocuments.orderId, order.id))
    .orderBy(asc(orderDocuments.position));
  return {
    job,
    order,
    manualFinishings: finishing.map((f) => f.finishing),
    candidates: candidates.map((p) => ({
      id: p.id as string,
      name: p.name as string,
      viaAgent: p.via_agent as boolean,
      isEnabled: p.is_enabled as boolean,
      isOnline: p.is_online as boolean,
      state: p.state as TCandidatePrinter['state'],
      stateReasons: (p.state_reasons as string[]) ?? [],
      capabilities: p.capabilities as TCandidatePrinter['capabilities'],
      pagesPerMinute: p.pages_per_minute as number,
      pagesPerMinuteColor: (p.pages_per_minute_color as number | null) ?? null,
      backlogImpressions: p.backlog_impressions as number,
      backlogJobs: p.backlog_jobs as number,
      waitingJobs: p.waiting_jobs as number,
    })),
    documents: docs,
  };
}

const ownedBy = (workerId: string) => eq(printJobs.leaseOwner, workerId);
const owned = (jobId: string, workerId: string) => and(eq(printJobs.id, jobId), eq(printJobs.state, 'converting'), ownedBy(workerId));

/** Keeps the claim while a long conversion runs; false when the lease was lost (stop writing). */
export async function renewConversionLease(jobId: string, workerId: string, leaseMs: number): Promise<boolean> {
  const rows = await db
    .update(printJobs)
    .set({ leaseExpiresAt: sql`now() + make_interval(secs => ${leaseMs / 1000})` })
    .where(owned(jobId, workerId))
    .returning({ id: printJobs.id });
  return rows.length > 0;
}

/**
 * The printer the output is being made for, so the lookahead count sees it while converting;
 * the job.converting event tells the pages the file is being prepared.
 */
export async function assignConversionPrinter(job: TPrintJob, workerId: string, printer: { id: string; name: string }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx.update(printJobs).set({ printerId: printer.id, updatedAt: new Date() }).where(owned(job.id, workerId)).returning({ id: printJobs.id });
    if (rows.length) await appendJobEvent(tx, { ...job, printerId: printer.id }, 'job.converting', { printerName: printer.name });
    return rows.length > 0;
  });
}

/**
 * Not now: back to the queue untouched, to be claimed again after `delayMs` (its chosen
 * printer has enough lined up, or the documents are not readable yet).
 */
export async function postponeConversion(jobId: string, workerId: string, delayMs: number): Promise<void> {
  await transitionJob(db, {
    jobId,
    from: 'converting',
    to: 'queued',
    by: 'converter',
    set: { leaseOwner: null, leaseExpiresAt: null, runAfter: new Date(Date.now() + delayMs) },
    where: ownedBy(workerId),
    event: null,
  });
}

/**
 * No enabled, online printer of the shop can do the job. It stays queued and is looked at
 * again every few seconds; from the first time, `waitingSince` tells the shop and, after a
 * while, offers the customer to move the order (lib/orders/move-order.ts).
 */
export async function markJobWaiting(job: TPrintJob, workerId: string, why: string, retryMs: number): Promise<void> {
  await transitionJob(db, {
    jobId: job.id,
    from: 'converting',
    to: 'queued',
    by: 'converter',
    set: {
      printerId: null,
      leaseOwner: null,
      leaseExpiresAt: null,
      waitingSince: sql`coalesce(${printJobs.waitingSince}, now())`,
      lastError: why,
      runAfter: new Date(Date.now() + retryMs),
    },
    where: ownedBy(workerId),
    event: job.waitingSince ? null : { type: 'job.waiting', actor: 'worker', data: { reason: why }, printerId: null },
  });
}

/**
 * The output is stored; the job goes back in line, now for `printerId`, where the dispatcher
 * finds it. Written only while this worker still holds the lease, so a worker that was
 * presumed dead and replaced cannot overwrite the newer conversion.
 */
export async function completeConversion(
  job: TPrintJob,
  workerId: string,
  output: {
    printerId: string;
    printerName: string;
    outputKey: string;
    outputFormat: string;
    outputRaster: TRasterAtSend | null;
    expectedImpressions: number;
    template: TJobTemplate;
    pageCount: number;
  },
): Promise<boolean> {
  const completed = await transitionJob(db, {
    jobId: job.id,
    from: 'converting',
    to: 'queued',
    by: 'converter',
    set: {
      printerId: output.printerId,
      outputKey: output.outputKey,
      outputFormat: output.outputFormat,
      outputRaster: output.outputRaster,
      expectedImpressions: output.expectedImpressions,
      ippTemplate: output.template,
      convertedAt: new Date(),
      waitingSince: null,
      lastError: null,
      leaseOwner: null,
      leaseExpiresAt: null,
    },
    where: ownedBy(workerId),
    event: {
      type: 'job.converted',
      actor: 'worker',
      data: { printerName: output.printerName, format: output.outputFormat, pageCount: output.pageCount, expectedImpressions: output.expectedImpressions },
    },
  });
  return !!completed;
}

/** A conversion that cannot succeed (documents gone, unreadable after retries): the job fails and is refunded. */
export async function failConversion(job: TPrintJob, workerId: string, reason: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(printJobs).where(owned(job.id, workerId)).for('update');
    if (!current) return false;
    return endJob(tx, current, { state: 'failed', reason, refund: 'print_failed', by: 'converter', actor: 'worker' });
  });
}

/** A transient conversion failure: try again later, or give up after the last attempt. */
export async function retryConversion(job: TPrintJob, workerId: string, runAfter: Date, reason: string): Promise<void> {
  await transitionJob(db, {
    jobId: job.id,
    from: 'converting',
    to: 'queued',
    by: 'converter',
    set: { attempts: job.attempts + 1, runAfter, lastError: reason, leaseOwner: null, leaseExpiresAt: null },
    where: ownedBy(workerId),
    event: { type: 'job.retrying', actor: 'worker', data: { stage: 'converting', attempt: job.attempts + 1, reason, runAfter: runAfter.toISOString() } },
  });
}

export async function jobRow(jobId: string): Promise<TPrintJob | null> {
  const [job] = await db.select().from(printJobs).where(eq(printJobs.id, jobId));
  return job ?? null;
}
