import { describe, expect, it } from 'vitest';
import { canPrinterDoJob, type TPrinterJobNeeds } from '@/lib/ipp/can-printer-do-job';
import { loadFixture } from '@/lib/ipp/fixtures/load-fixture';
import { mapPrinterCapabilities } from '@/lib/ipp/printer-capabilities';

const colour = mapPrinterCapabilities(loadFixture('color-duplex-pdf').printerAttributes);
const mono = mapPrinterCapabilities(loadFixture('mono-raster').printerAttributes);
const simple: TPrinterJobNeeds = { media: 'iso_a4_210x297mm', colorMode: 'monochrome', isDuplex: false, finishing: 'none' };

describe('canPrinterDoJob', () => {
  it('accepts a simple job on both printers', () => {
    expect(canPrinterDoJob(colour, simple)).toEqual({ canPrint: true, reasons: [], warnings: [] });
    expect(canPrinterDoJob(mono, simple)).toEqual({ canPrint: true, reasons: [], warnings: [] });
  });

  it('explains everything the mono raster printer cannot do', () => {
    const result = canPrinterDoJob(mono, { media: 'iso_a3_297x420mm', colorMode: 'color', isDuplex: true, finishing: 'staple', needsPdf: true });
    expect(result.canPrint).toBe(false);
    expect(result.reasons.map((reason) => reason.code)).toEqual(['media_unsupported', 'color_unsupported', 'duplex_unsupported', 'finishing_unsupported', 'pdf_unsupported']);
    expect(result.reasons[0].message).toBe('This printer cannot print on A3 paper.');
    expect(result.reasons[3].message).toBe('This printer cannot staple documents.');
  });

  it('needs colour for auto only when the document has colour pages (unknown counts as yes)', () => {
    expect(canPrinterDoJob(mono, { ...simple, colorMode: 'auto', hasColorPages: false }).canPrint).toBe(true);
    expect(canPrinterDoJob(mono, { ...simple, colorMode: 'auto', hasColorPages: true }).canPrint).toBe(false);
    expect(canPrinterDoJob(mono, { ...simple, colorMode: 'auto' }).canPrint).toBe(false);
    expect(canPrinterDoJob(colour, { ...simple, colorMode: 'auto' }).canPrint).toBe(true);
  });

  it('warns about supported paper that is not loaded', () => {
    const result = canPrinterDoJob(colour, { ...simple, media: 'na_letter_8.5x11in', isDuplex: true, finishing: 'punch', colorMode: 'color' });
    expect(result).toEqual({
      canPrint: true,
      reasons: [],
      warnings: [{ code: 'media_not_loaded', message: 'US Letter paper is not loaded in this printer.' }],
    });
  });

  it('refuses a printer that takes neither PDF nor PWG raster', () => {
    const urfOnly = { ...colour, documentFormats: ['image/urf'], supportsPdf: false, supportsPwgRaster: false };
    expect(canPrinterDoJob(urfOnly, simple).reasons.map((reason) => reason.code)).toEqual(['format_unsupported']);
  });
});
