import { sql } from 'drizzle-orm';
import { db } from '@/db/client';
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
 * Jobs in line for a printer that can no longer take them (disabled, offline, removed) are
 * taken off it: their output is dropped and the converter picks a printer again, so a printer
 * going away before printing never strands a job. Jobs an agent was sending or printing when
 * it went silent (its lease ran out and its printer is offline) go back in line as well; the
 * cloud's own printers are handled by their dispatcher, which follows the job to the end.
 */
export async function rescueStrandedJobs(): Promise<number> {
  return db.transaction(async (tx) => {
    const moved = await tx.execute<{ id: string; shop_id: string; order_id: string; printer_id: string | null; old_printer_id: string | null; state: string }>(sql`
      with stranded as (
        select j.id, j.printer_id as old_printer_id, j.state from print_jobs j
        left join printers p on p.id = j.printer_id
        where (j.state = 'queued' and (j.printer_id is not null or j.converted_at is not null)
               and (p.id is null or not p.is_enabled or not p.is_online))
           or (j.state in ('sending', 'printing') and j.outcome_unknown_at is null
               and (p.id is null or (p.via_agent and not p.is_online and (p.dispatch_lease_owner is null or p.dispatch_lease_expires_at < now()))))
        for update of j skip locked
      )
      update print_jobs j set state = 'queued', printer_id = null, is_printer_pinned = false, converted_at = null, dispatched_at = null,
        ipp_job_id = null, impressions_completed = 0, state_reasons = '{}', lease_owner = null, lease_expires_at = null, run_after = now(), updated_at = now()
      from stranded s where j.id = s.id
      returning j.id, j.shop_id, j.order_id, j.printer_id, s.old_printer_id, s.state`);
    for (const job of moved) {
      await appendEvent(
        {
          type: 'job.moved',
          shopId: job.shop_id,
          orderId: job.order_id,
          jobId: job.id,
          printerId: job.old_printer_id,
          actor: 'system',
          data: {
            reason: job.state === 'queued' ? 'Its printer can no longer take it; choosing another printer.' : 'The printer went offline before the job finished; printing it again on another printer.',
          },
        },
        tx,
      );
    }
    return moved.length;
  });
}
