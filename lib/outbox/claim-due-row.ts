import { sql } from 'drizzle-orm';
import { db } from '@/db/client';

/**
 * The outboxes that share one shape: `status` pending → sending → done/failed, `attempts`,
 * `run_after`, `lease_owner`, `lease_expires_at`, `created_at` (mail_outbox, webhook_deliveries).
 */
export type TOutboxTable = 'mail_outbox' | 'webhook_deliveries';

/**
 * Claims one due row of an outbox, with SKIP LOCKED so two workers never take the same one: a
 * pending row whose backoff has passed, or one whose sending worker died (its lease ran out).
 * The claim counts as an attempt, so a row that kills every worker that sends it still runs out
 * of attempts. Returns the claimed row's id; the caller reads the row from its own table.
 */
export async function claimDueRow(table: TOutboxTable, workerId: string, leaseMs: number): Promise<string | null> {
  const name = sql.identifier(table);
  const [claimed] = await db.execute<{ id: string }>(sql`
    update ${name} set status = 'sending', lease_owner = ${workerId},
      lease_expires_at = now() + make_interval(secs => ${leaseMs / 1000}), attempts = attempts + 1
    where id = (
      select id from ${name}
      where (status = 'pending' and run_after <= now()) or (status = 'sending' and lease_expires_at < now())
      order by run_after, created_at
      limit 1
      for update skip locked
    )
    returning id`);
  return claimed?.id ?? null;
}
