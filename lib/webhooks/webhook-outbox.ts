import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { webhookDeliveries, webhookDeliveryAttempts, webhookEndpoints, type TWebhookDelivery, type TWebhookEndpoint } from '@/db/schema';
import { claimDueRow } from '@/lib/outbox/claim-due-row';

export type TClaimedDelivery = { delivery: TWebhookDelivery; endpoint: TWebhookEndpoint };

/** Claims one due delivery with its endpoint (lib/outbox/claim-due-row.ts: SKIP LOCKED, a lease, the claim counts as an attempt). */
export async function claimDelivery(workerId: string, leaseMs: number): Promise<TClaimedDelivery | null> {
  const id = await claimDueRow('webhook_deliveries', workerId, leaseMs);
  if (!id) return null;
  const [row] = await db
    .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(eq(webhookDeliveries.id, id));
  return row ?? null;
}

/** Only while this worker still holds the claim: a worker presumed dead and replaced writes nothing. */
const heldBy = (id: string, workerId: string) => and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.status, 'sending'), eq(webhookDeliveries.leaseOwner, workerId));

export type TAttemptOutcome = { statusCode: number | null; error: string | null; durationMs: number };

/** Logs one attempt and moves the delivery on: delivered, pending again from `retryAt`, or failed. */
export async function settleDelivery(
  id: string,
  workerId: string,
  attempt: TAttemptOutcome,
  next: { status: 'delivered' } | { status: 'pending'; retryAt: Date } | { status: 'failed' },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const now = new Date();
    const rows = await tx
      .update(webhookDeliveries)
      .set({
        status: next.status,
        lastStatusCode: attempt.statusCode,
        lastError: attempt.error?.slice(0, 1000) ?? null,
        leaseOwner: null,
        leaseExpiresAt: null,
        ...(next.status === 'delivered' ? { deliveredAt: now } : next.status === 'failed' ? { failedAt: now } : { runAfter: next.retryAt }),
      })
      .where(heldBy(id, workerId))
      .returning({ id: webhookDeliveries.id });
    if (!rows.length) return false;
    await tx.insert(webhookDeliveryAttempts).values({ deliveryId: id, statusCode: attempt.statusCode, error: attempt.error?.slice(0, 1000) ?? null, durationMs: Math.round(attempt.durationMs) });
    return true;
  });
}
