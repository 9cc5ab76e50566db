import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { eventStreamLeases } from '@/db/schema';

/** How long a stream's place lasts without renewal: a few renewals' worth, so one slow tick is no loss. */
export const STREAM_LEASE_MS = 45_000;

export type TStreamLeaseClaim = { isGranted: true; leaseId: string } | { isGranted: false; openStreams: number };

/**
 * Takes one of a user's `cap` places for a live stream, counted over every web instance. The
 * user's claims are serialised by an advisory lock, so two tabs opening at the same moment on
 * two instances cannot both take the last place. Expired leases (their instance died without
 * giving them back) are cleared first and no longer count.
 */
export async function claimStreamLease(userId: string, cap: number, leaseMs = STREAM_LEASE_MS): Promise<TStreamLeaseClaim> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`event-stream:${userId}`}, 0))`);
    await tx.delete(eventStreamLeases).where(lt(eventStreamLeases.expiresAt, sql`now()`));
    const [{ open }] = await tx
      .select({ open: sql<number>`count(*)::int` })
      .from(eventStreamLeases)
      .where(eq(eventStreamLeases.userId, userId));
    if (open >= cap) return { isGranted: false, openStreams: open };
    const [lease] = await tx
      .insert(eventStreamLeases)
      .values({ userId, expiresAt: sql`now() + make_interval(secs => ${leaseMs / 1000})` })
      .returning({ id: eventStreamLeases.id });
    return { isGranted: true, leaseId: lease.id };
  });
}

/** Keeps a running stream's place. False when the lease is gone (it expired while this instance stalled). */
export async function renewStreamLease(leaseId: string, leaseMs = STREAM_LEASE_MS): Promise<boolean> {
  const renewed = await db
    .update(eventStreamLeases)
    .set({ expiresAt: sql`now() + make_interval(secs => ${leaseMs / 1000})` })
    .where(and(eq(eventStreamLeases.id, leaseId), gt(eventStreamLeases.expiresAt, sql`now()`)))
    .returning({ id: eventStreamLeases.id });
  return renewed.length === 1;
}

export async function releaseStreamLease(leaseId: string): Promise<void> {
  await db.delete(eventStreamLeases).where(eq(eventStreamLeases.id, leaseId));
}

/** Live streams of one user across the cluster (for tests and the admin's view of load). */
export async function countStreamLeases(userId: string): Promise<number> {
  const [{ open }] = await db
    .select({ open: sql<number>`count(*)::int` })
    .from(eventStreamLeases)
    .where(and(eq(eventStreamLeases.userId, userId), gt(eventStreamLeases.expiresAt, sql`now()`)));
  return open;
}
