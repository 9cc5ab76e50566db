import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { documents, uploadSlots } from '@/db/schema';
import { AppError } from '@/lib/errors/app-error';

/** A slot's lease; renewed while its upload is still arriving, so only a dead process's runs out. */
export const UPLOAD_SLOT_LEASE_MS = 5 * 60_000;
// Uploads finish in seconds; a browser waiting for a slot asks again soon.
const BUSY_RETRY_AFTER_S = 2;
const DAY_MS = 24 * 60 * 60_000;

export type TUploadLimits = { maxBytes: number; maxConcurrent: number; dailyBytes: number };

/** What one upload may write: at most `maxBytes`, then the reason it is refused. */
export type TUploadAllowance = {
  slotId: string;
  maxBytes: number;
  tooLarge: () => AppError;
  renew: () => Promise<void>;
  release: () => Promise<void>;
};

/**
 * Takes one of the customer's upload slots, or refuses: 429 with Retry-After when they already
 * have `maxConcurrent` uploads in flight or have used up their daily bytes, 413 when the declared
 * length is over the file limit or over what is left today. Decided in the database under a
 * lock on the customer's row, so the cap holds across every web process. The slot reserves the
 * bytes the upload may still write, so uploads running side by side cannot together pass the quota.
 */
export async function acquireUploadSlot(options: { ownerId: string; declaredBytes: number | null; limits: TUploadLimits }): Promise<TUploadAllowance> {
  const { ownerId, declaredBytes, limits } = options;
  const slot = await db.transaction(async (tx) => {
    await tx.execute(sql`select id from users where id = ${ownerId} for update`);
    await tx.delete(uploadSlots).where(and(eq(uploadSlots.ownerId, ownerId), lt(uploadSlots.leaseExpiresAt, sql`now()`)));
    const [inFlight] = await tx
      .select({ count: sql<number>`count(*)::int`, reserved: sql<number>`coalesce(sum(${uploadSlots.reservedBytes}), 0)::float8` })
      .from(uploadSlots)
      .where(eq(uploadSlots.ownerId, ownerId));
    if (inFlight.count >= limits.maxConcurrent) {
      throw new AppError('too_many_requests', `You already have ${inFlight.count} uploads in progress. Wait for one to finish, then upload this file again.`, {
        retryAfterSeconds: BUSY_RETRY_AFTER_S,
        fieldErrors: { file: ['Too many uploads at once'] },
      });
    }
    const [today] = await tx
      .select({ used: sql<number>`coalesce(sum(${documents.sizeBytes}), 0)::float8`, oldestMs: sql<number | null>`(extract(epoch from min(${documents.createdAt})) * 1000)::float8` })
      .from(documents)
      .where(and(eq(documents.ownerId, ownerId), gt(documents.createdAt, sql`now() - interval '24 hours'`)));
    const left = limits.dailyBytes - today.used - inFlight.reserved;
    if (left <= 0) {
      const freesAt = today.oldestMs === null ? Date.now() + 60_000 : today.oldestMs + DAY_MS;
      const seconds = Math.max(60, Math.ceil((freesAt - Date.now()) / 1000));
      throw new AppError('too_many_requests', `You have used today's upload allowance of ${formatBytes(limits.dailyBytes)}. You can upload again in about ${formatWait(seconds)}.`, {
        retryAfterSeconds: seconds,
        fieldErrors: { file: ['Daily upload allowance used up'] },
      });
    }
    const maxBytes = Math.min(limits.maxBytes, left);
    const tooLarge = () =>
      maxBytes === limits.maxBytes
        ? new AppError('payload_too_large', `This file is larger than the ${formatBytes(limits.maxBytes)} limit.`, { fieldErrors: { file: ['File too large'] } })
        : new AppError('payload_too_large', `This file is larger than what is left of today's upload allowance (${formatBytes(left)} of ${formatBytes(limits.dailyBytes)}).`, {
            fieldErrors: { file: ['Over the daily upload allowance'] },
          });
    if (declaredBytes !== null && declaredBytes > maxBytes) throw tooLarge();
    const [row] = await tx
      .insert(uploadSlots)
      .values({ ownerId, reservedBytes: declaredBytes ?? maxBytes, leaseExpiresAt: new Date(Date.now() + UPLOAD_SLOT_LEASE_MS) })
      .returning({ id: uploadSlots.id });
    return { id: row.id, maxBytes: declaredBytes ?? maxBytes, tooLarge };
  });
  return {
    slotId: slot.id,
    maxBytes: slot.maxBytes,
    tooLarge: slot.tooLarge,
    renew: async () => {
      await db
        .update(uploadSlots)
        .set({ leaseExpiresAt: new Date(Date.now() + UPLOAD_SLOT_LEASE_MS) })
        .where(eq(uploadSlots.id, slot.id));
    },
    release: async () => {
      await db.delete(uploadSlots).where(eq(uploadSlots.id, slot.id));
    },
  };
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1).replace(/\.0$/, '')} GB`;
  return `${Math.max(1, Math.round(bytes / 1024 ** 2))} MB`;
}

function formatWait(seconds: number): string {
  if (seconds < 3600) return `${Math.ceil(seconds / 60)} minutes`;
  return `${Math.ceil(seconds / 3600)} hours`;
}
