import { and, asc, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { shopHourExceptions, shopHours } from '@/db/schema';
import { AppError } from '@/lib/errors/app-error';
import type { THoursException, TOpeningInterval, TOpeningSchedule } from './opening-hours';
import { getOwnedShop } from './shop-access';

export async function getOpeningSchedule(shopId: string, timezone: string): Promise<TOpeningSchedule> {
  const [weekly, exceptions] = await Promise.all([
    db.select().from(shopHours).where(eq(shopHours.shopId, shopId)).orderBy(asc(shopHours.weekday), asc(shopHours.opensMinute)),
    db.select().from(shopHourExceptions).where(eq(shopHourExceptions.shopId, shopId)).orderBy(asc(shopHourExceptions.date)),
  ]);
  return {
    timezone,
    weekly: weekly.map(({ weekday, opensMinute, closesMinute }) => ({ weekday, opensMinute, closesMinute })),
    exceptions: exceptions.map(({ id, date, opensMinute, closesMinute, note }) => ({ id, date, opensMinute, closesMinute, note })),
  };
}

/** Replaces the whole weekly schedule at once, so a half-saved week can never exist. */
export async function replaceWeeklyHours(options: { shopId: string; ownerId: string; intervals: TOpeningInterval[] }): Promise<void> {
  await getOwnedShop(options);
  await db.transaction(async (tx) => {
    await tx.delete(shopHours).where(eq(shopHours.shopId, options.shopId));
    if (options.intervals.length) await tx.insert(shopHours).values(options.intervals.map((i) => ({ ...i, shopId: options.shopId })));
  });
}

/** One exception per date: saving a date again replaces it. */
export async function saveHoursException(options: { shopId: string; ownerId: string; exception: THoursException }): Promise<void> {
  await getOwnedShop(options);
  const { date, opensMinute, closesMinute, note = '' } = options.exception;
  await db
    .insert(shopHourExceptions)
    .values({ shopId: options.shopId, date, opensMinute, closesMinute, note })
    .onConflictDoUpdate({ target: [shopHourExceptions.shopId, shopHourExceptions.date], set: { opensMinute, closesMinute, note } });
}

export async function deleteHoursException(options: { shopId: string; ownerId: string; exceptionId: string }): Promise<void> {
  await getOwnedShop(options);
  const deleted = await db
    .delete(shopHourExceptions)
    .where(and(eq(shopHourExceptions.id, options.exceptionId), eq(shopHourExceptions.shopId, options.shopId)))
    .returning({ id: shopHourExceptions.id });
  if (!deleted.length) throw new AppError('not_found', 'That exception no longer exists.');
}
