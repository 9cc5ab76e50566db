import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { printers, type TPrinter } from '@/db/schema';
import { AppError } from '@/lib/errors/app-error';
import { syncPrinterAlerts } from '@/lib/alerts/sync-printer-alerts';
import { appendEvent } from '@/lib/events/append-event';
import { getOwnedShop } from '@/lib/shops/shop-access';
import { refreshShopCapabilities } from '@/lib/shops/refresh-shop-capabilities';

type TPrinterRef = { shopId: string; ownerId: string; printerId: string };

async function getOwnedPrinter(options: TPrinterRef): Promise<TPrinter> {
  await getOwnedShop(options);
  const [printer] = await db
    .select()
    .from(printers)
    .where(and(eq(printers.id, options.printerId), eq(printers.shopId, options.shopId)));
  if (!printer) throw new AppError('not_found', 'We could not find that printer.');
  return printer;
}

/** The owner's switch: a disabled printer gets no jobs and adds nothing to what the shop offers. */
export async function setPrinterEnabled(options: TPrinterRef & { isEnabled: boolean }): Promise<void> {
  const printer = await getOwnedPrinter(options);
  if (printer.isEnabled === options.isEnabled) return;
  await db.transaction(async (tx) => {
    const [updated] = await tx.update(printers).set({ isEnabled: options.isEnabled, updatedAt: new Date() }).where(eq(printers.id, printer.id)).returning();
    await syncPrinterAlerts(tx, updated);
    await refreshShopCapabilities(options.shopId, tx);
    await appendEvent({ type: options.isEnabled ? 'printer.enabled' : 'printer.disabled', shopId: options.shopId, printerId: printer.id, actor: options.ownerId, data: { name: printer.name } }, tx);
  });
}

export async function removePrinter(options: TPrinterRef): Promise<void> {
  const printer = await getOwnedPrinter(options);
  await db.transaction(async (tx) => {
    await tx.delete(printers).where(eq(printers.id, printer.id));
    await refreshShopCapabilities(options.shopId, tx);
    await appendEvent({ type: 'printer.removed', shopId: options.shopId, printerId: printer.id, actor: options.ownerId, data: { name: printer.name } }, tx);
  });
}
