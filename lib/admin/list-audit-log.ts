import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db/client';
import { auditLog, orders, shops, users } from '@/db/schema';
import { env } from '@/lib/config/env';
import { dayRangeBounds, PAGE_SIZE, refineDayRange, ZOptionalDay, ZOptionalText, ZPage } from './filter-schemas';

export const ZAuditLogRequest = z
  .object({
    actorId: ZOptionalText(100),
    action: ZOptionalText(100),
    targetType: ZOptionalText(50),
    targetId: ZOptionalText(100),
    from: ZOptionalDay,
    to: ZOptionalDay,
    page: ZPage,
  })
  .superRefine(refineDayRange);
export type TAuditLogRequest = z.infer<typeof ZAuditLogRequest>;

/**
 * The audit log, newest first, filtered by who, what, on what and when (UTC days). The target
 * id matches exactly (an order or shop id, a payout run id), since that is how entries link.
 */
export async function listAuditLog(request: TAuditLogRequest) {
  const conditions: SQL[] = [];
  if (request.actorId) conditions.push(eq(auditLog.actorId, request.actorId));
  if (request.action) conditions.push(eq(auditLog.action, request.action));
  if (request.targetType) conditions.push(eq(auditLog.targetType, request.targetType));
  if (request.targetId) conditions.push(eq(auditLog.targetId, request.targetId));
  const { start, endExclusive } = dayRangeBounds(request);
  if (start) conditions.push(gte(auditLog.createdAt, start));
  if (endExclusive) conditions.push(lt(auditLog.createdAt, endExclusive));
  const where = conditions.length ? and(...conditions) : undefined;
  const [entries, [{ total }]] = await Promise.all([
    db
      .select({
        entry: auditLog,
        actorEmail: users.email,
        actorName: users.name,
        // What a person calls the target: the order's number, the shop's name (ids stay in the link).
        targetLabel: sql<string | null>`coalesce(${orders.number}, ${shops.name})`,
        currency: sql<string>`coalesce(${orders.currency}, ${env().CURRENCY})`,
      })
      .from(auditLog)
      .innerJoin(users, eq(users.id, auditLog.actorId))
      .leftJoin(orders, and(eq(auditLog.targetType, 'order'), eq(sql`${orders.id}::text`, auditLog.targetId)))
      .leftJoin(shops, and(eq(auditLog.targetType, 'shop'), eq(sql`${shops.id}::text`, auditLog.targetId)))
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(PAGE_SIZE)
      .offset((request.page - 1) * PAGE_SIZE),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(where),
  ]);
  return { entries, total, page: request.page, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

/** What the filter drop-downs offer: everyone who has acted, every action and target type recorded. */
export async function auditLogFilterChoices() {
  const [actors, actions, targetTypes] = await Promise.all([
    db.selectDistinct({ id: users.id, email: users.email }).from(auditLog).innerJoin(users, eq(users.id, auditLog.actorId)).orderBy(users.email),
    db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(auditLog.action),
    db.selectDistinct({ targetType: auditLog.targetType }).from(auditLog).orderBy(auditLog.targetType),
  ]);
  return { actors, actions: actions.map((a) => a.action), targetTypes: targetTypes.map((t) => t.targetType) };
}
