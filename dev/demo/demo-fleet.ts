import path from 'node:path';
import { DEMO_SHOPS, type TDemoShop } from '@/db/seed-data';
import { colorDuplexPdfPrinter, monoRasterPrinter } from '@/dev/printers/printer-presets';
import type { TPrinterSpecInput } from '@/dev/printers/printer-spec';
import type { TMedia } from '@/lib/job-options/media';

export type TDemoPrinter = { shopName: string; printerName: string; spec: TPrinterSpecInput };

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** ippeveprinter attribute files cannot carry quotes, backslashes or dollar signs; DNS-SD names stop at 63. */
function confText(text: string, max = 200): string {
  return text.replace(/['"\\$]/g, '').slice(0, max);
}

function mediaFor(shop: TDemoShop): TMedia[] {
  const media: TMedia[] = ['iso_a4_210x297mm', 'iso_a3_297x420mm', 'iso_a5_148x210mm'];
  return shop.hasLetter ? [...media, 'na_letter_8.5x11in', 'na_legal_8.5x14in'] : media;
}

/**
 * The live demo printers: every demo shop has a colour duplex laser that takes PDF; every
 * third shop (and the demo owner's) also a mono laser that only takes PWG raster; the
 * demo owner's flagship a fast A3 production printer too. Ports are fixed from a base so
 * printers come back on the same address after a restart.
 */
export function demoFleet(options: { portBase: number; spoolRoot: string }): TDemoPrinter[] {
  const fleet: TDemoPrinter[] = [];
  DEMO_SHOPS.forEach((shop, index) => {
    const media = mediaFor(shop);
    const finishings = shop.finishing.filter((f): f is 'staple' | 'punch' => f !== 'bind');
    const add = (printerName: string, spec: TPrinterSpecInput) => fleet.push({ shopName: shop.name, printerName, spec });
    const base = { media, mediaReady: media.slice(0, 2), location: confText(`${shop.name}, ${shop.address}`) };
    add(
      'Counter colour',
      colorDuplexPdfPrinter({
        ...base,
        name: confText(`${shop.name} colour`, 63),
        spoolDir: path.join(options.spoolRoot, slug(shop.name), 'counter-colour'),
        pagesPerMinute: 25 + (index % 4) * 5,
        pagesPerMinuteColor: 20 + (index % 3) * 5,
        finishings,
      }),
    );
    if (index % 3 === 0 || shop.isDemoOwner) {
      add(
        'Back office mono',
        monoRasterPrinter({
          name: confText(`${shop.name} mono`, 63),
          spoolDir: path.join(options.spoolRoot, slug(shop.name), 'back-office-mono'),
          media: media.filter((m) => m !== 'iso_a3_297x420mm'),
          mediaReady: ['iso_a4_210x297mm'],
          pagesPerMinute: 40,
          location: base.location,
        }),
      );
    }
    if (index === 0) {
      add(
        'Production A3',
        colorDuplexPdfPrinter({
          ...base,
          name: confText(`${shop.name} production`, 63),
          spoolDir: path.join(options.spoolRoot, slug(shop.name), 'production-a3'),
          pagesPerMinute: 60,
          pagesPerMinuteColor: 50,
          finishings,
          makeAndModel: 'Nearprint ProPress 6000',
        }),
      );
    }
  });
  return fleet.map((printer, i) => ({ ...printer, spec: { ...printer.spec, port: options.portBase + i } }));
}
