import { describe, expect, it } from 'vitest';
import { mediaSize, printerAttributesConf } from './printer-attributes-conf';
import { colorDuplexPdfPrinter, monoRasterPrinter } from './printer-presets';
import { ZPrinterSpec } from './printer-spec';

function attributeLine(conf: string, name: string): string | undefined {
  return conf.split('\n').find((line) => line.split(' ')[2] === name);
}

describe('mediaSize', () => {
  it('reads hundredths of a millimetre from PWG self-describing names', () => {
    expect(mediaSize('iso_a4_210x297mm')).toEqual({ x: 21000, y: 29700 });
    expect(mediaSize('na_letter_8.5x11in')).toEqual({ x: 21590, y: 27940 });
    expect(mediaSize('na_ledger_11x17in')).toEqual({ x: 27940, y: 43180 });
    expect(() => mediaSize('letter')).toThrow(/self-describing/);
  });
});

describe('printerAttributesConf', () => {
  it('describes a mono raster-only printer as mono and without PDF', () => {
    const conf = printerAttributesConf(ZPrinterSpec.parse(monoRasterPrinter({ name: 'Mono', spoolDir: '/tmp/x' })));
    expect(attributeLine(conf, 'color-supported')).toBe('ATTR boolean color-supported false');
    expect(attributeLine(conf, 'print-color-mode-supported')).toBe('ATTR keyword print-color-mode-supported monochrome');
    expect(attributeLine(conf, 'document-format-supported')).toBe('ATTR mimeMediaType document-format-supported image/pwg-raster,image/jpeg,application/octet-stream');
    expect(attributeLine(conf, 'pages-per-minute-color')).toBeUndefined();
    expect(attributeLine(conf, 'sides-supported')).toBe('ATTR keyword sides-supported one-sided');
    expect(attributeLine(conf, 'printer-supply')).toContain('colorantname=black');
    expect(attributeLine(conf, 'printer-geo-location')).toBeUndefined();
  });

  it('describes a colour duplex printer with finishings, loaded paper and a location', () => {
    const conf = printerAttributesConf(
      ZPrinterSpec.parse(colorDuplexPdfPrinter({ name: 'Colour', spoolDir: '/tmp/x', geoLocation: { lat: 48.85, lon: 2.35 }, finishings: ['staple', 'punch', 'bind'] })),
    );
    expect(attributeLine(conf, 'finishings-supported')).toBe('ATTR enum finishings-supported 3,4,5,7');
    expect(attributeLine(conf, 'media-ready')).toBe('ATTR keyword media-ready iso_a4_210x297mm,iso_a3_297x420mm');
    expect(attributeLine(conf, 'media-default')).toBe('ATTR keyword media-default iso_a4_210x297mm');
    expect(attributeLine(conf, 'pages-per-minute-color')).toBe('ATTR integer pages-per-minute-color 20');
    expect(attributeLine(conf, 'printer-geo-location')).toBe('ATTR uri printer-geo-location "geo:48.85,2.35"');
    expect(attributeLine(conf, 'printer-device-id')).toBe('ATTR textWithoutLanguage printer-device-id "MFG:Nearprint;MDL:ColorLaser 3020;CMD:PDF,PWG,JPEG;"');
    expect(attributeLine(conf, 'media-col-ready')).toContain(
      '{MEMBER collection media-size {MEMBER integer x-dimension 29700 MEMBER integer y-dimension 42000} MEMBER keyword media-size-name iso_a3_297x420mm',
    );
  });
});

describe('ZPrinterSpec', () => {
  it('refuses loaded paper that is not supported, and text that would break the attribute file', () => {
    expect(ZPrinterSpec.safeParse({ name: 'P', spoolDir: '/tmp', media: ['iso_a4_210x297mm'], mediaReady: ['iso_a3_297x420mm'] }).success).toBe(false);
    expect(ZPrinterSpec.safeParse({ name: 'P "1"', spoolDir: '/tmp' }).success).toBe(false);
    expect(ZPrinterSpec.safeParse({ name: 'P', spoolDir: '/tmp', location: 'Costs $5' }).success).toBe(false);
    expect(ZPrinterSpec.parse({ name: 'P', spoolDir: '/tmp' })).toMatchObject({ isColor: true, isDuplex: true, hostname: 'localhost' });
  });
});
