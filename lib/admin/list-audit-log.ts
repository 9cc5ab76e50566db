import { and, desc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import type { PgSelect } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { db } from '@/db/client';
import { auditLog, orders, shops, users } from '@/db/schema';
import { env } from '@/lib/config/env';
import { auditChanges } from './audit-changes';
import { CSV_BATCH_ROWS, csvTime, type TCsvColumn } from './csv-export';
import { dayRangeBounds, PAGE_SIZE, refineDayRange, ZOptionalDay, ZOptionalText, ZOptionalUuid, ZPage } from './filter-schemas';

export const ZAuditLogRequest = z
  .object({
    actorId: ZOptionalText(100),
    action: ZOptionalText(100),
    targetType: ZOptionalText(50),
    targetId: ZOptionalText(100),
    shopId: ZOptionalUuid('Unknown shop'),
    from: ZOptionalDay,
    to: ZOptionalDay,
    page: ZPage,
  })
  .superRefine(refineDayRange);
export type TAuditLogRequest = z.infer<typeof ZAuditLogRequest>;

type TAuditFilters = Omit<TAuditLogRequest, 'page'>;

/** The filters of the audit log (the page's and the export's), as SQL conditions. */
function auditConditions(request: TAuditFilters): SQL | undefined {
  const conditions: SQL[] = [];
  if (request.actorId) conditions.push(eq(auditLog.actorId, request.actorId));
  if (request.action) conditions.push(eq(auditLog.action, request.action));
  if (request.targetType) conditions.push(eq(auditLog.targetType, request.targetType));
  if (request.targetId) conditions.push(eq(auditLog.targetId, request.targetId));
  // A shop's entries: those about the shop itself and those about its orders.
  if (request.shopId) conditions.push(or(eq(shops.id, request.shopId), eq(orders.shopId, request.shopId))!);
  const { start, endExclusive } = dayRangeBounds(request);
  if (start) conditions.push(gte(auditLog.createdAt, start));
  if (endExclusive) conditions.push(lt(auditLog.createdAt, endExclusive));
  return conditions.length ? and(...conditions) : undefined;
}

/** The audit log with who acted and what the target is called: an order's number, a shop's name. */
function withNames<T extends PgSelect>(query: T) {
  return query
    .innerJoin(users, eq(users.id, auditLog.actorId))
    .leftJoin(orders, and(eq(auditLog.targetType, 'order'), eq(sql`${orders.id}::text`, auditLog.targetId)))
    .leftJoin(shops, and(eq(auditLog.targetType, 'shop'), eq(sql`${shops.id}::text`, auditLog.targetId)));
}

/** Read when a query runs, not at import: the settings may not be loaded yet then. */
const entryFields = () => ({
  entry: auditLog,
  actorEmail: users.email,
  actorName: users.name,
  // What a person calls the target: the order's number, the shop's name (ids stay in the link).
  targetLabel: sql<string | null>`coalesce(${orders.number}, ${shops.name})`,
  currency: sql<string>`coalesce(${orders.currency}, ${env().CURRENCY})`,
});

/**
 * The audit log, newest first, filtered by who, what, on what, which shop and when (UTC days).
 * The target id matches exactly (an order or shop id, a payout run id), since that is how
 * entries link.
 */
export async function listAuditLog(request: TAuditLogRequest) {
  const where = auditConditions(request);
  const [entries, [{ total }]] = await Promise.all([
    withNames(db.select(entryFields()).from(auditLog).$dynamic())
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(PAGE_SIZE)
      .offset((request.page - 1) * PAGE_SIZE),
    withNames(
      db
        .select({ total: sql<number>`count(*)::int` })
        .from(auditLog)
        .$dynamic(),
    ).where(where),
  ]);
  return { entries, total, page: request.page, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

type TAuditRow = Awaited<ReturnType<typeof listAuditLog>>['entries'][number];

/** Every entry the filters match, newest first, a batch at a time (keyset on the id). */
export async function* auditExportBatches(request: TAuditFilters) {
  const where = auditConditions(request);
  let beforeId: number | null = null;
  for (;;) {
    const rows: TAuditRow[] = await withNames(db.select(entryFields()).from(auditLog).$dynamic())
      .where(and(where, beforeId === null ? undefined : lt(auditLog.id, beforeId)))
      .orderBy(desc(auditLog.id))
      .limit(CSV_BATCH_ROWS);
    if (!rows.length) return;
    yield rows;
    beforeId = rows[rows.length - 1].entry.id;
  }
}

/** The audit export: the changed fields in words, as on the page, and the raw records for tools. */
export const AUDIT_CSV_COLUMNS: readonly TCsvColumn<TAuditRow>[] = [
  { header: 'When (UTC)', kind: 'text', value: (r) => csvTime(r.entry.createdAt) },
  { header: 'Admin', kind: 'text', value: (r) => r.actorEmail },
  { header: 'Action', kind: 'text', value: (r) => r.entry.action },
  { header: 'Target type', kind: 'text', value: (r) => r.entry.targetType },
  { header: 'Target', kind: 'text', value: (r) => r.targetLabel ?? r.entry.targetId },
  { header: 'Reason', kind: 'text', value: (r) => r.entry.reason },
  {
    header: 'Changes',
    kind: 'text',
    value: (r) =>
      auditChanges(r.entry.before, r.entry.after, r.currency)
        .map((c) => `${c.field}: ${c.before} → ${c.after}`)
        .join('; '),
  },
  { header: 'Before (JSON)', kind: 'text', value: (r) => (r.entry.before === null ? null : JSON.stringify(r.entry.before)) },
  { header: 'After (JSON)', kind: 'text', value: (r) => (r.entry.after === null ? null : JSON.stringify(r.entry.after)) },
  { header: 'Target id', kind: 'text', value: (r) => r.entry.targetId },
  { header: 'Entry id', kind: 'number', value: (r) => r.entry.id },
];

/** What the filter drop-downs offer: everyone who has acted, every action and target type recorded. */
export async function auditLogFilterChoices() {
  const [actors, actions, targetTypes] = await Promise.all([
    db.selectDistinct({ id: users.id, email: users.email }).from(auditLog).innerJoin(users, eq(users.id, auditLog.actorId)).orderBy(users.email),
    db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(auditLog.action),
    db.selectDistinct({ targetType: auditLog.targetType }).from(auditLog).orderBy(auditLog.targetType),
  ]);
  return { actors, actions: actions.map((a) => a.action), targetTypes: targetTypes.map((t) => t.targetType) };
}
