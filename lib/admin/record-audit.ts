import { db, type TDatabase } from '@/db/client';
import { auditLog } from '@/db/schema';

/** Records an admin action inside the same transaction as the change it describes. */
export async function recordAudit(
  entry: { actorId: string; action: string; targetType: string; targetId: string; reason?: string | null; before?: Record<string, unknown> | null; after?: Record<string, unknown> | null },
  executor: Pick<TDatabase, 'insert'> = db,
): Promise<void> {
  await executor.insert(auditLog).values(entry);
}
