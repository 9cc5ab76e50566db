import type { TPrinterSpecInput } from './printer-spec';

type TPresetOverrides = Partial<TPrinterSpecInput> & Pick<TPrinterSpecInput, 'name' | 'spoolDir'>;

/** The usual shop printer: colour, duplex, takes PDF, staples and punches, A4 and A3 loaded. */
export function colorDuplexPdfPrinter(overrides: TPresetOverrides): TPrinterSpecInput {
  return {
    documentFormats: ['application/pdf', 'image/pwg-raster', 'image/jpeg'],
    isColor: true,
    isDuplex: true,
    pagesPerMinute: 30,
    pagesPerMinuteColor: 20,
    mediaReady: ['iso_a4_210x297mm', 'iso_a3_297x420mm'],
    finishings: ['staple', 'punch'],
    makeAndModel: 'Nearprint ColorLaser 3020',
    ...overrides,
  };
}

/**
 * A cheap mono laser without PDF support: one-sided, PWG raster and JPEG only, A4
 * and US Letter. Jobs for it must be rasterised.
 */
export function monoRasterPrinter(overrides: TPresetOverrides): TPrinterSpecInput {
  return {
    documentFormats: ['image/pwg-raster', 'image/jpeg'],
    isColor: false,
    isDuplex: false,
    pagesPerMinute: 20,
    media: ['iso_a4_210x297mm', 'iso_a5_148x210mm', 'na_letter_8.5x11in'],
    mediaReady: ['iso_a4_210x297mm'],
    finishings: [],
    makeAndModel: 'Nearprint MonoLaser 1100',
    resolutionsDpi: [300, 600],
    ...overrides,
  };
}

export const PRINTER_PRESETS = { 'color-duplex-pdf': colorDuplexPdfPrinter, 'mono-raster': monoRasterPrinter } as const;
