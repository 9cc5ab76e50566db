import { describe, expect, it } from 'vitest';
import { loadFixture } from '@/lib/ipp/fixtures/load-fixture';
import { mapPrinterCapabilities } from '@/lib/ipp/printer-capabilities';

describe('mapPrinterCapabilities on real ippeveprinter answers', () => {
  it('maps the colour duplex PDF printer', () => {
    const capabilities = mapPrinterCapabilities(loadFixture('color-duplex-pdf').printerAttributes);
    expect(capabilities).toEqual({
      name: 'Fixture Colour',
      makeAndModel: 'Nearprint ColorLaser 3020',
      uuid: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-/),
      firmware: '3.2.1',
      location: 'Back office, first floor',
      geoLocation: { lat: 48.8566, lon: 2.3522 },
      documentFormats: ['application/pdf', 'image/pwg-raster', 'image/jpeg', 'application/octet-stream'],
      supportsPdf: true,
      supportsPwgRaster: true,
      supportsCreateJob: true,
      isColor: true,
      colorModes: ['auto', 'color', 'monochrome'],
      sides: ['one-sided', 'two-sided-long-edge', 'two-sided-short-edge'],
      isDuplex: true,
      media: ['iso_a4_210x297mm', 'iso_a3_297x420mm', 'iso_a5_148x210mm', 'na_letter_8.5x11in', 'na_legal_8.5x14in', 'na_ledger_11x17in'],
      mediaReady: ['iso_a4_210x297mm', 'iso_a3_297x420mm'],
      finishings: ['none', 'staple', 'punch'],
      finishingKeywords: ['none', 'staple', 'punch'],
      pagesPerMinute: 30,
      pagesPerMinuteColor: 20,
      resolutionsDpi: [300, 600],
      pwgRasterTypes: ['black_1', 'sgray_8', 'srgb_8'],
      copiesMax: 999,
    });
  });

  it('maps the mono raster-only printer', () => {
    const capabilities = mapPrinterCapabilities(loadFixture('mono-raster').printerAttributes);
    expect(capabilities).toMatchObject({
      name: 'Fixture Mono',
      makeAndModel: 'Nearprint MonoLaser 1100',
      location: null,
      geoLocation: null,
      documentFormats: ['image/pwg-raster', 'image/jpeg', 'application/octet-stream'],
      supportsPdf: false,
      supportsPwgRaster: true,
      isColor: false,
      colorModes: ['monochrome'],
      sides: ['one-sided'],
      isDuplex: false,
      mediaReady: ['iso_a4_210x297mm'],
      finishings: ['none'],
      pagesPerMinute: 20,
      pagesPerMinuteColor: null,
      pwgRasterTypes: ['black_1', 'sgray_8'],
    });
  });
});

describe('mapPrinterCapabilities where printers differ from ippeveprinter', () => {
  const minimal = { 'printer-make-and-model': 'Acme 1', 'document-format-supported': 'application/pdf' };

  it('reads media-col-ready when media-ready is missing, naming sizes from their dimensions', () => {
    const capabilities = mapPrinterCapabilities({
      ...minimal,
      'media-col-ready': [
        { 'media-size': { 'x-dimension': 21000, 'y-dimension': 29700 }, 'media-source': 'main' },
        { 'media-size': { 'x-dimension': 43180, 'y-dimension': 27940 } },
        { 'media-size-name': 'na_legal_8.5x14in' },
        { 'media-size': { 'x-dimension': 5000, 'y-dimension': 5000 } },
      ],
    });
    expect(capabilities.mediaReady).toEqual(['iso_a4_210x297mm', 'na_ledger_11x17in', 'na_legal_8.5x14in']);
  });

  it('falls back to the safe readings when attributes are missing', () => {
    const capabilities = mapPrinterCapabilities(minimal);
    expect(capabilities).toMatchObject({
      name: null,
      isColor: false,
      colorModes: [],
      sides: ['one-sided'],
      isDuplex: false,
      media: [],
      mediaReady: [],
      finishings: [],
      pagesPerMinute: null,
      resolutionsDpi: [],
      copiesMax: 1,
      supportsCreateJob: false,
      uuid: null,
      firmware: null,
    });
  });

  it('infers colour from print-color-mode-supported when color-supported is absent', () => {
    expect(mapPrinterCapabilities({ ...minimal, 'print-color-mode-supported': ['monochrome', 'color'] }).isColor).toBe(true);
  });

  it('maps numeric, vendor and positional finishings to kinds', () => {
    const capabilities = mapPrinterCapabilities({
      ...minimal,
      'finishings-supported': ['none', 'staple-top-left', 74, 0x40000046, 93, 50, 999],
    });
    expect(capabilities.finishings).toEqual(['none', 'staple', 'punch', 'fold', 'bind']);
    expect(capabilities.finishingKeywords).toEqual(['none', 'staple-top-left', 'punch-dual-left', 'punch-top-left', 'fold-half', 'bind-left']);
  });

  it('converts resolutions in dots per cm and uses printer-resolution-supported without PWG raster', () => {
    const capabilities = mapPrinterCapabilities({
      ...minimal,
      'printer-resolution-supported': [
        [118, 118, 'dpcm'],
        [600, 600, 'dpi'],
      ],
    });
    expect(capabilities.resolutionsDpi).toEqual([300, 600]);
    expect(mapPrinterCapabilities({ ...minimal, 'printer-resolution-supported': [1200, 1200, 'dpi'] }).resolutionsDpi).toEqual([1200]);
  });

  it('reads operations as numbers, text with a language tag and a plain make when make-and-model is missing', () => {
    const capabilities = mapPrinterCapabilities({
      'printer-info': 'en\u001eFront desk printer',
      'operations-supported': [2, 5, 6, 11],
      'printer-location': 'en\u001e  ',
    });
    expect(capabilities.makeAndModel).toBe('Front desk printer');
    expect(capabilities.supportsCreateJob).toBe(true);
    expect(capabilities.location).toBeNull();
  });
});
