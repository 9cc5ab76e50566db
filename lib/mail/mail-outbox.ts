import { and, eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { mailOutbox, type TMailOutboxRow } from '@/db/schema';

/**
 * Claims one mail that is due, with SKIP LOCKED so two workers never take the same one: a
 * pending mail whose backoff has passed, or one whose sending worker died (its lease ran out).
 * The claim counts as an attempt, so a mail that kills every worker that sends it still runs out
 * of attempts.
 */
export async function claimMail(workerId: string, leaseMs: number): Promise<TMailOutboxRow | null> {
  const [claimed] = await db.execute<{ id: string }>(sql`
    update mail_outbox set status = 'sending', lease_owner = ${workerId},
      lease_expires_at = now() + make_interval(secs => ${leaseMs / 1000}), attempts = attempts + 1
    where id = (
      select id from mail_outbox
      where (status = 'pending' and run_after <= now()) or (status = 'sending' and lease_expires_at < now())
      order by run_after, created_at
      limit 1
      for update skip locked
    )
    returning id`);
  if (!claimed) return null;
  const [row] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, claimed.id));
  return row ?? null;
}

/** Only while this worker still holds the claim: a worker presumed dead and replaced writes nothing. */
const heldBy = (id: string, workerId: string) => and(eq(mailOutbox.id, id), eq(mailOutbox.status, 'sending'), eq(mailOutbox.leaseOwner, workerId));

/** The SMTP server accepted the mail. False when the claim was lost meanwhile (the mail may then go out twice, with one Message-ID). */
export async function markMailSent(id: string, workerId: string, subject: string): Promise<boolean> {
  const rows = await db
    .update(mailOutbox)
    .set({ status: 'sent', sentAt: new Date(), subject, lastError: null, leaseOwner: null, leaseExpiresAt: null })
    .where(heldBy(id, workerId))
    .returning({ id: mailOutbox.id });
  return rows.length > 0;
}

/** A delivery that may work later (SMTP unreachable, 4xx): pending again from `runAfter`. */
export async function retryMail(id: string, workerId: string, runAfter: Date, error: string): Promise<boolean> {
  const rows = await db
    .update(mailOutbox)
    .set({ status: 'pending', runAfter, lastError: error.slice(0, 1000), leaseOwner: null, leaseExpiresAt: null })
    .where(heldBy(id, workerId))
    .returning({ id: mailOutbox.id });
  return rows.length > 0;
}

/** A mail that will never go out (5xx, unrenderable, attempts used up), kept with the reason. */
export async function failMail(id: string, workerId: string, error: string, subject: string | null = null): Promise<boolean> {
  const rows = await db
    .update(mailOutbox)
    .set({ status: 'failed', failedAt: new Date(), lastError: error.slice(0, 1000), ...(subject ? { subject } : {}), leaseOwner: null, leaseExpiresAt: null })
    .where(heldBy(id, workerId))
    .returning({ id: mailOutbox.id });
  return rows.length > 0;
}
