import { inArray, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { printJobs } from '@/db/schema';
import { markOutcomeUnknown } from '@/lib/print-jobs/job-transitions';
import { transitionJob } from '@/lib/print-jobs/transition-job';
import { appendEvent } from '@/lib/events/append-event';
import { refreshShopCapabilities } from '@/lib/shops/refresh-shop-capabilities';

/**
 * Agent printers are reported by their agent, not polled by the cloud: one whose agent has
 * not reported it for `staleMs` (the agent stopped, or lost its network) counts as offline,
 * so its queued jobs move to printers that can print them.
 */
export async function markSilentAgentPrintersOffline(staleMs: number): Promise<number> {
  return db.transaction(async (tx) => {
    const silent = await tx.execute<{ id: string; shop_id: string; name: string }>(sql`
      update printers set is_online = false, last_error = 'The shop’s Nearprint agent stopped reporting this printer.', updated_at = now()
      where via_agent and is_online and (last_seen_at is null or last_seen_at < now() - make_interval(secs => ${staleMs / 1000}))
      returning id, shop_id, name`);
    for (const printer of silent) {
      await refreshShopCapabilities(printer.shop_id, tx);
      await appendEvent(
        { type: 'printer.offline', shopId: printer.shop_id, printerId: printer.id, actor: 'system', data: { name: printer.name, reason: 'The agent stopped reporting this printer.' } },
        tx,
      );
    }
    return silent.length;
  });
}

/**
 * Jobs stranded on a printer that can no longer take them (disabled, offline, removed), in one
 * transaction through the state gate:
 * - in line (queued) for it: taken off it, their output dropped, so the converter picks a
 *   printer again;
 * - on an agent printer whose agent went silent (its lease ran out and the printer is offline),
 *   or on a printer that was removed: back in line if nothing of the document reached the
 *   printer (`sending` before the upload); otherwise the printer may have printed it, so once
 *   the agent has been silent for `unsureAfterMs` (an agent that restarts within it picks the
 *   job up again) the shop is asked to check (outcome unknown): never sent again blindly.
 * The cloud's own printers that go silent are handled by their dispatcher, which keeps asking
 * the printer about the job it has.
 */
export async function rescueStrandedJobs(options: { unsureAfterMs: number }): Promise<number> {
  return db.transaction(async (tx) => {
    const stranded = await tx.execute<{ id: string }>(sql`
      select j.id from print_jobs j
      left join printers p on p.id = j.printer_id
      where (j.state = 'queued' and (j.printer_id is not null or j.converted_at is not null)
             and (p.id is null or not p.is_enabled or not p.is_online))
         or (j.state in ('sending', 'printing') and j.outcome_unknown_at is null
             and (p.id is null
                  or (p.via_agent and not p.is_online and (p.dispatch_lease_owner is null or p.dispatch_lease_expires_at < now())
                      and ((j.state = 'sending' and j.document_sent_at is null)
                           or p.last_seen_at is null or p.last_seen_at < now() - make_interval(secs => ${options.unsureAfterMs / 1000})))))
      for update of j skip locked`);
    if (!stranded.length) return 0;
    const jobs = await tx
      .select()
      .from(printJobs)
      .where(
        inArray(
          printJobs.id,
          stranded.map((row) => row.id),
        ),
      );
    let rescued = 0;
    for (const job of jobs) {
      const isUnsent = job.state === 'queued' || (job.state === 'sending' && !job.documentSentAt);
      if (!isUnsent) {
        if (await markOutcomeUnknown(tx, job, 'The printer went offline while it may have had this job. Check whether it printed, then confirm it or print it again.', 'housekeeping', 'system'))
          rescued += 1;
        continue;
      }
      const moved = await transitionJob(tx, {
        jobId: job.id,
        from: job.state,
        to: 'queued',
        by: 'housekeeping',
        set: {
          printerId: null,
          isPrinterPinned: false,
          convertedAt: null,
          dispatchedAt: null,
          documentSentAt: null,
          ippJobId: null,
          impressionsCompleted: 0,
          stateReasons: [],
          leaseOwner: null,
          leaseExpiresAt: null,
          runAfter: new Date(),
        },
        event: {
          type: 'job.moved',
          actor: 'system',
          printerId: job.printerId,
          data: { reason: job.state === 'queued' ? 'Its printer can no longer take it; choosing another printer.' : 'Its printer went offline before the job was sent; choosing another printer.' },
        },
      });
      if (moved) rescued += 1;
    }
    return rescued;
  });
}
