import { describe, expect, it } from 'vitest';
import { loadFixture } from '@/lib/ipp/fixtures/load-fixture';
import { mapPrinterCapabilities } from '@/lib/ipp/printer-capabilities';
import type { TJobOptions } from '@/lib/job-options/job-options';
import { expectedImpressionsFor, ippTemplateFor } from './output-for-printer';

const colourCaps = mapPrinterCapabilities(loadFixture('color-duplex-pdf').printerAttributes);
const monoCaps = mapPrinterCapabilities(loadFixture('mono-raster').printerAttributes);
const options: TJobOptions = { media: 'iso_a4_210x297mm', colorMode: 'auto', sides: 'two-sided-long-edge', copies: 3, pagesPerSheet: 1, finishing: 'staple' };

describe('the output for the chosen printer', () => {
  it('sends only the template values the printer offers', () => {
    const result = { sides: 'two-sided-long-edge' as const, printColorMode: 'color' as const, copiesForPrinter: 3 };
    expect(ippTemplateFor(options, result, colourCaps, 'staple')).toEqual({ media: 'iso_a4_210x297mm', sides: 'two-sided-long-edge', printColorMode: 'color', copies: 3, finishings: ['staple'] });
    expect(ippTemplateFor({ ...options, sides: 'one-sided', finishing: 'none' }, { sides: 'one-sided', printColorMode: 'monochrome', copiesForPrinter: 1 }, monoCaps, 'none')).toEqual({
      media: 'iso_a4_210x297mm',
      sides: 'one-sided',
      printColorMode: 'monochrome',
      copies: 1,
    });
    expect(expectedImpressionsFor({ pageCount: 5, copiesForPrinter: 3 })).toBe(15);
  });
});
