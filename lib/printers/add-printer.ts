import { and, eq, ne } from 'drizzle-orm';
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

export const ALREADY_IN_FLEET_MESSAGE = 'This printer is already in your fleet.';
export const REGISTERED_ELSEWHERE_MESSAGE = 'This printer is already registered to another shop. If it is yours, contact support.';

/**
 * Connects a printer: asks it for its capabilities and state over IPP first and saves it
 * only when it answered, so an unreachable or non-IPP address leaves nothing behind.
 * Failures come back as field errors on the address, in the words lib/ipp chose for them.
 * A printer belongs to one shop: an address another shop's cloud printer has (compared by
 * `parsePrinterUri(...).key`, so `IPP://Host:631/ipp/print/` is `ipp://host/ipp/print`) is
 * refused before the printer is asked anything, and the owner is sent to support.
 */
export async function addPrinter(options: { shopId: string; ownerId: string; request: TAddPrinterRequest }): Promise<TPrinter> {
  await getOwnedShop(options);
  const fieldError = (message: string, cause?: unknown) => new AppError('unprocessable', message, { fieldErrors: { uri: [message] }, cause });
  let uri: string;
  let addressKey: string;
  try {
    ({ uri, key: addressKey } = parsePrinterUri(options.request.uri));
  } catch (error) {
    throw isIppError(error) ? fieldError(error.message, error) : error;
  }
  const [own] = await db
    .select({ id: printers.id })
    .from(printers)
    .where(and(eq(printers.shopId, options.shopId), eq(printers.addressKey, addressKey)));
  if (own) throw fieldError(ALREADY_IN_FLEET_MESSAGE);
  const [elsewhere] = await db
    .select({ id: printers.id })
    .from(printers)
    .where(and(ne(printers.shopId, options.shopId), eq(printers.addressKey, addressKey), eq(printers.viaAgent, false)));
  if (elsewhere) throw fieldError(REGISTERED_ELSEWHERE_MESSAGE);

  let capabilities;
  let status;
  try {
    capabilities = await getPrinterCapabilities(uri);
    status = await getPrinterStatus(uri);
  } catch (error) {
    if (isIppError(error)) throw fieldError(error.message, error);
    throw error;
  }

  // The checks above give the usual answer early; the unique indexes settle a race between two
  // adds of the same printer that both passed them.
  const insert = db.transaction(async (tx) => {
    const [printer] = await tx
      .insert(printers)
      .values({
        shopId: options.shopId,
        name: options.request.name,
        uri,
        addressKey,
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
  return insert.catch((error: unknown) => {
    const constraint = uniqueViolation(error);
    if (constraint === 'printers_address_key') throw fieldError(REGISTERED_ELSEWHERE_MESSAGE, error);
    if (constraint === 'printers_shop_uri') throw fieldError(ALREADY_IN_FLEET_MESSAGE, error);
    throw error;
  });
}

/** The unique index a failed statement broke, looking through drizzle's wrapper to postgres.js's error. */
function uniqueViolation(error: unknown): string | undefined {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    const pgError = cause as Error & { code?: unknown; constraint_name?: unknown };
    if (pgError.code === '23505') return typeof pgError.constraint_name === 'string' ? pgError.constraint_name : '';
  }
  return undefined;
}
