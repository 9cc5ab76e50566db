import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { mailOutbox, type TMailOutboxRow } from '@/db/schema';
import { claimDueRow } from '@/lib/outbox/claim-due-row';

/**
 * Claims one mail that is due (lib/outbox/claim-due-row.ts: SKIP LOCKED, a lease, the claim
 * counts as an attempt).
 */
export async function claimMail(workerId: string, leaseMs: number): Promise<TMailOutboxRow | null> {
  const id = await claimDueRow('mail_outbox', workerId, leaseMs);
  if (!id) return null;
  const [row] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
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
