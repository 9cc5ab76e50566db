import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { printers, type TPrinter } from '@/db/schema';
import { AppError } from '@/lib/errors/app-error';
import { appendEvent } from '@/lib/events/append-event';
import { getPrinterCapabilities } from '@/lib/ipp/get-printer-capabilities';
import { getPrinterStatus } from '@/lib/ipp/get-printer-status';
import { isIppError } from '@/lib/ipp/ipp-error';
import { parsePrinterUri } from '@/lib/ipp/parse-printer-uri';
import { getOwnedShop } from '@/lib/shops/shop-access';
import { refreshShopCapabilities } from '@/lib/shops/refresh-shop-capabilities';
import { printerColumnsFromCapabilities, printerColumnsFromStatus } from './printer-columns';
import type { TAddPrinterRequest } from './printer-schemas';

/**
 * Connects a printer: asks it for its capabilities and state over IPP first and saves it
 * only when it answered, so an unreachable or non-IPP address leaves nothing behind.
 * Failures come back as field errors on the address, in the words lib/ipp chose for them.
 */
export async function addPrinter(options: { shopId: string; ownerId: string; request: TAddPrinterRequest }): Promise<TPrinter> {
  await getOwnedShop(options);
  const fieldError = (message: string, cause?: unknown) => new AppError('unprocessable', message, { fieldErrors: { uri: [message] }, cause });
  let uri: string;
  try {
    uri = parsePrinterUri(options.request.uri).uri;
  } catch (error) {
    throw isIppError(error) ? fieldError(error.message, error) : error;
  }
  const [existing] = await db
    .select({ id: printers.id })
    .from(printers)
    .where(and(eq(printers.shopId, options.shopId), eq(printers.uri, uri)));
  if (existing) throw fieldError('This printer is already in your fleet.');

  let capabilities;
  let status;
  try {
    capabilities = await getPrinterCapabilities(uri);
    status = await getPrinterStatus(uri);
  } catch (error) {
    if (isIppError(error)) throw fieldError(error.message, error);
    throw error;
  }

  return db.transaction(async (tx) => {
    const [printer] = await tx
      .insert(printers)
      .values({
        shopId: options.shopId,
        name: options.request.name,
        uri,
        ...printerColumnsFromCapabilities(capabilities),
        ...printerColumnsFromStatus(status),
        isOnline: true,
        lastSeenAt: new Date(),
        lastPolledAt: new Date(),
      })
      .returning();
    await refreshShopCapabilities(options.shopId, tx);
    await appendEvent({ type: 'printer.added', shopId: options.shopId, printerId: printer.id, actor: options.ownerId, data: { name: printer.name, makeAndModel: printer.makeAndModel } }, tx);
    return printer;
  });
}
