import { eq, inArray } from 'drizzle-orm';
import { db } from '@/db/client';
import { printers, shopFinishingPrices, shopHourExceptions, shopHours, shopPrices, shops, type TShop, type TShopStatus } from '@/db/schema/index';
import type { TPrinterCapabilities } from '@/lib/ipp/printer-capabilities';
import { intervalFromClocks, type THoursException, type TOpeningSchedule } from '@/lib/shops/opening-hours';
import { refreshShopCapabilities } from '@/lib/shops/refresh-shop-capabilities';
import type { TFinishingPriceRow, TPriceList, TPriceRow } from '@/lib/shops/shop-schemas';

export type TFixturePrinter = {
  isColor: boolean;
  isDuplex: boolean;
  media: string[];
  finishings?: string[];
  pagesPerMinute: number;
  isEnabled?: boolean;
  isOnline?: boolean;
};

export type TFixtureShopInput = {
  ownerId: string;
  name: string;
  lat: number;
  lng: number;
  timezone?: string;
  status?: TShopStatus;
  jobFeeMinor?: number;
  minimumChargeMinor?: number;
  prices?: TPriceRow[];
  finishing?: TFinishingPriceRow[];
  /** [ISO weekday, "HH:MM", "HH:MM"]; a close at or before the open runs past midnight. */
  hours?: [number, string, string][];
  exceptions?: THoursException[];
  printers?: TFixturePrinter[];
};

export type TFixtureShop = { shop: TShop; priceList: TPriceList; schedule: TOpeningSchedule };

function capabilitiesOf(printer: TFixturePrinter): TPrinterCapabilities {
  return {
    name: 'Fixture printer',
    makeAndModel: 'Fixture',
    uuid: null,
    firmware: null,
    location: null,
    geoLocation: null,
    documentFormats: ['application/pdf'],
    supportsPdf: true,
    supportsPwgRaster: false,
    supportsCreateJob: true,
    isColor: printer.isColor,
    colorModes: printer.isColor ? ['color', 'monochrome'] : ['monochrome'],
    sides: printer.isDuplex ? ['one-sided', 'two-sided-long-edge', 'two-sided-short-edge'] : ['one-sided'],
    isDuplex: printer.isDuplex,
    media: printer.media,
    mediaReady: printer.media,
    finishings: [],
    finishingKeywords: [],
    pagesPerMinute: printer.pagesPerMinute,
    pagesPerMinuteColor: null,
    resolutionsDpi: [600],
    pwgRasterTypes: [],
    copiesMax: 999,
  };
}

/**
 * A shop with everything search reads, written through the real tables, with its searchable
 * capabilities derived from its printers by the real refreshShopCapabilities. Returns what
 * an independent computation needs: the full price list and opening schedule.
 */
export async function createFixtureShop(input: TFixtureShopInput): Promise<TFixtureShop> {
  const timezone = input.timezone ?? 'Europe/Dublin';
  const [shop] = await db
    .insert(shops)
    .values({
      ownerId: input.ownerId,
      name: input.name,
      addressLine: `1 ${input.name} Street`,
      city: 'Fixture City',
      country: 'IE',
      lat: input.lat,
      lng: input.lng,
      timezone,
      status: input.status ?? 'active',
      jobFeeMinor: input.jobFeeMinor ?? 0,
      minimumChargeMinor: input.minimumChargeMinor ?? 0,
    })
    .returning();
  const prices = input.prices ?? [];
  const finishing = input.finishing ?? [];
  const weekly = (input.hours ?? []).map(([weekday, opens, closes]) => ({ weekday, ...intervalFromClocks(opens, closes) }));
  const exceptions = input.exceptions ?? [];
  if (prices.length) await db.insert(shopPrices).values(prices.map((p) => ({ shopId: shop.id, ...p })));
  if (finishing.length) await db.insert(shopFinishingPrices).values(finishing.map((f) => ({ shopId: shop.id, ...f })));
  if (weekly.length) await db.insert(shopHours).values(weekly.map((w) => ({ shopId: shop.id, ...w })));
  if (exceptions.length)
    await db.insert(shopHourExceptions).values(exceptions.map((e) => ({ shopId: shop.id, date: e.date, opensMinute: e.opensMinute, closesMinute: e.closesMinute, note: e.note ?? '' })));
  for (const [index, printer] of (input.printers ?? []).entries()) {
    await db.insert(printers).values({
      shopId: shop.id,
      name: `Printer ${index + 1}`,
      uri: `ipp://fixture.invalid/${shop.id}/${index}`,
      capabilities: capabilitiesOf(printer),
      isColor: printer.isColor,
      isDuplex: printer.isDuplex,
      media: printer.media,
      finishings: printer.finishings ?? [],
      pagesPerMinute: printer.pagesPerMinute,
      isEnabled: printer.isEnabled ?? true,
      isOnline: printer.isOnline ?? true,
      state: 'idle',
    });
  }
  await refreshShopCapabilities(shop.id);
  const [refreshed] = await db.select().from(shops).where(eq(shops.id, shop.id));
  return {
    shop: refreshed,
    priceList: { prices, finishing, jobFeeMinor: input.jobFeeMinor ?? 0, minimumChargeMinor: input.minimumChargeMinor ?? 0 },
    schedule: { timezone, weekly, exceptions },
  };
}

/** Removes fixture shops; their hours, prices and printers go with them (ON DELETE CASCADE). */
export async function deleteFixtureShops(ids: string[]): Promise<void> {
  if (ids.length) await db.delete(shops).where(inArray(shops.id, ids));
}
