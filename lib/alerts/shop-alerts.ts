import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import { db } from '@/db/client';
import { alerts, type TAlert } from '@/db/schema/alerts';
import { shops } from '@/db/schema/index';
import { AppError } from '@/lib/errors/app-error';
import { isId } from '@/lib/errors/ids';
import { DISMISSABLE_ALERT_KINDS } from './job-alerts';
import { clearAlerts } from './raise-alert';

export type TShopAlert = TAlert & { isDismissable: boolean };

const notFound = () => new AppError('not_found', 'We could not find that shop.');

/**
 * The owner's alerts for one shop: the open ones (newest first) or the history of cleared ones.
 * Scoped by owner in the WHERE clause; another owner's shop reads as missing.
 */
export async function listShopAlerts(options: { shopId: string; ownerId: string; scope: 'open' | 'history'; limit?: number }): Promise<TShopAlert[]> {
  if (!isId(options.shopId)) throw notFound();
  const [shop] = await db
    .select({ id: shops.id })
    .from(shops)
    .where(and(eq(shops.id, options.shopId), eq(shops.ownerId, options.ownerId)));
  if (!shop) throw notFound();
  const rows = await db
    .select()
    .from(alerts)
    .where(and(eq(alerts.shopId, shop.id), options.scope === 'open' ? isNull(alerts.clearedAt) : isNotNull(alerts.clearedAt)))
    .orderBy(desc(options.scope === 'open' ? alerts.raisedAt : alerts.clearedAt))
    .limit(options.limit ?? 200);
  return rows.map((alert) => ({ ...alert, isDismissable: (DISMISSABLE_ALERT_KINDS as readonly string[]).includes(alert.kind) }));
}

/** The owner has seen a failed job and dealt with it: its alert moves to the history. */
export async function dismissAlert(options: { shopId: string; ownerId: string; alertId: string }): Promise<void> {
  if (!isId(options.shopId) || !isId(options.alertId)) throw new AppError('not_found', 'We could not find that alert.');
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ alert: alerts })
      .from(alerts)
      .innerJoin(shops, eq(shops.id, alerts.shopId))
      .where(and(eq(alerts.id, options.alertId), eq(alerts.shopId, options.shopId), eq(shops.ownerId, options.ownerId)));
    if (!row) throw new AppError('not_found', 'We could not find that alert.');
    if (row.alert.clearedAt) throw new AppError('conflict', 'This alert is already cleared.');
    if (!(DISMISSABLE_ALERT_KINDS as readonly string[]).includes(row.alert.kind)) throw new AppError('conflict', 'This alert clears by itself once the problem is fixed.');
    await clearAlerts(tx, { shopId: row.alert.shopId, jobId: row.alert.subjectId }, [row.alert.kind], options.ownerId);
  });
}
