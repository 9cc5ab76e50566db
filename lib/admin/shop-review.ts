import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db/client';
import { shops, users, type TShopStatus } from '@/db/schema';
import { AppError } from '@/lib/errors/app-error';
import { appendEvent } from '@/lib/events/append-event';
import { recordAudit } from './record-audit';

export const ZSetShopStatusRequest = z
  .object({
    shopId: z.uuid('Unknown shop'),
    status: z.enum(['active', 'suspended']),
    reason: z.string().trim().max(500, 'Keep the reason under 500 characters').default(''),
  })
  .refine((v) => v.status !== 'suspended' || v.reason.length >= 3, { path: ['reason'], message: 'Tell the owner why the shop is suspended' });
export type TSetShopStatusRequest = z.infer<typeof ZSetShopStatusRequest>;

/** Shops for the admin's review queue: waiting ones first, with what an admin checks. */
export async function listShopsForReview(options: { status?: TShopStatus } = {}) {
  return db
    .select({
      id: shops.id,
      name: shops.name,
      status: shops.status,
      statusReason: shops.statusReason,
      description: shops.description,
      addressLine: shops.addressLine,
      city: shops.city,
      postcode: shops.postcode,
      country: shops.country,
      lat: shops.lat,
      lng: shops.lng,
      timezone: shops.timezone,
      createdAt: shops.createdAt,
      ownerName: users.name,
      ownerEmail: users.email,
      jobFeeMinor: shops.jobFeeMinor,
      minimumChargeMinor: shops.minimumChargeMinor,
      printerCount: sql<number>`(select count(*)::int from printers p where p.shop_id = shops.id)`,
      onlinePrinterCount: sql<number>`(select count(*)::int from printers p where p.shop_id = shops.id and p.is_online and p.is_enabled)`,
      a4MonoMinor: sql<number | null>`(select price_per_page_minor from shop_prices sp where sp.shop_id = shops.id and sp.media = 'iso_a4_210x297mm' and sp.color_mode = 'monochrome' and sp.sides = 'one-sided')`,
      a4ColorMinor: sql<number | null>`(select price_per_page_minor from shop_prices sp where sp.shop_id = shops.id and sp.media = 'iso_a4_210x297mm' and sp.color_mode = 'color' and sp.sides = 'one-sided')`,
      hoursCount: sql<number>`(select count(*)::int from shop_hours h where h.shop_id = shops.id)`,
    })
    .from(shops)
    .innerJoin(users, eq(users.id, shops.ownerId))
    .where(options.status ? eq(shops.status, options.status) : undefined)
    .orderBy(sql`case ${shops.status} when 'pending_review' then 0 when 'suspended' then 1 else 2 end`, asc(shops.name));
}

export type TShopForReview = Awaited<ReturnType<typeof listShopsForReview>>[number];

/**
 * Approve, suspend or reinstate. The reason is shown to the owner; the change, its event and
 * its audit entry commit together.
 */
export async function setShopStatus(options: TSetShopStatusRequest & { adminId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ status: shops.status, statusReason: shops.statusReason }).from(shops).where(eq(shops.id, options.shopId)).for('update');
    if (!before) throw new AppError('not_found', 'We could not find that shop.');
    if (before.status === options.status) throw new AppError('conflict', `The shop is already ${options.status === 'active' ? 'live' : 'suspended'}.`);
    const after = { status: options.status, statusReason: options.status === 'suspended' ? options.reason : null };
    await tx.update(shops).set({ ...after, updatedAt: new Date() }).where(eq(shops.id, options.shopId));
    const action = options.status === 'suspended' ? 'shop.suspend' : before.status === 'pending_review' ? 'shop.approve' : 'shop.reinstate';
    await recordAudit({ actorId: options.adminId, action, targetType: 'shop', targetId: options.shopId, reason: options.reason || null, before, after }, tx);
    await appendEvent({ type: action.replace('.', '.status.'), shopId: options.shopId, actor: options.adminId, data: { ...after } }, tx);
  });
}
