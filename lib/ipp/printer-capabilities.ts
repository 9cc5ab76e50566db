import { z } from 'zod';
import { FINISHING_CATEGORIES, finishingCategory, finishingEnumValue, finishingKeyword } from '@/lib/ipp/finishings';
import type { TIppAttributes } from '@/lib/ipp/ipp-codec';
import { getBoolean, getCollections, getEnums, getInteger, getRanges, getResolutions, getString, getStrings } from '@/lib/ipp/ipp-values';
import { mediaColName } from '@/lib/ipp/media-col-name';
import { parseGeoUri } from '@/lib/ipp/parse-geo-uri';

export const ZPrinterCapabilities = z.object({
  /** printer-name, as the printer calls itself. */
  name: z.string().nullable(),
  makeAndModel: z.string(),
  /** printer-uuid without the `urn:uuid:` prefix: stays the same when the printer's IP changes. */
  uuid: z.string().nullable(),
  firmware: z.string().nullable(),
  location: z.string().nullable(),
  /** WGS-84 degrees from printer-geo-location. */
  geoLocation: z.object({ lat: z.number(), lon: z.number() }).nullable(),
  /** document-format-supported MIME types. */
  documentFormats: z.array(z.string()),
  supportsPdf: z.boolean(),
  supportsPwgRaster: z.boolean(),
  /** Create-Job + Send-Document: lets a job be created before its (large) document is sent. */
  supportsCreateJob: z.boolean(),
  isColor: z.boolean(),
  /** print-color-mode-supported keywords (auto, color, monochrome, ...). */
  colorModes: z.array(z.string()),
  /** sides-supported keywords. */
  sides: z.array(z.string()),
  isDuplex: z.boolean(),
  /** media-supported PWG self-describing names (iso_a4_210x297mm, ...). */
  media: z.array(z.string()),
  /** Media loaded in a tray now; empty when the printer does not say. */
  mediaReady: z.array(z.string()),
  /** Kinds of finishing available (staple, punch, bind, ...), including `none` when listed. */
  finishings: z.array(z.enum(FINISHING_CATEGORIES)),
  /** The exact finishings-supported keywords (staple-top-left, punch-dual-left, ...). */
  finishingKeywords: z.array(z.string()),
  /** Mono (or only) speed, in impressions per minute. */
  pagesPerMinute: z.number().int().nonnegative().nullable(),
  /** Colour speed; null on mono printers and when not reported. */
  pagesPerMinuteColor: z.number().int().nonnegative().nullable(),
  /** Resolutions usable for PWG raster, in dots per inch (horizontal). */
  resolutionsDpi: z.array(z.number().int().positive()),
  /** pwg-raster-document-type-supported (srgb_8, sgray_8, black_1, ...). */
  pwgRasterTypes: z.array(z.string()),
  copiesMax: z.number().int().min(1),
});

export type TPrinterCapabilities = z.infer<typeof ZPrinterCapabilities>;

/** What Get-Printer-Attributes asks for: only what is mapped, so big printers answer quickly. */
export const PRINTER_CAPABILITY_ATTRIBUTES = [
  'printer-name',
  'printer-make-and-model',
  'printer-info',
  'printer-uuid',
  'printer-firmware-string-version',
  'printer-location',
  'printer-geo-location',
  'document-format-supported',
  'operations-supported',
  'color-supported',
  'print-color-mode-supported',
  'sides-supported',
  'media-supported',
  'media-ready',
  'media-col-ready',
  'finishings-supported',
  'pages-per-minute',
  'pages-per-minute-color',
  'pwg-raster-document-resolution-supported',
  'printer-resolution-supported',
  'pwg-raster-document-type-supported',
  'copies-supported',
];

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function nonEmpty(value: string | null): string | null {
  return value?.trim() ? value.trim() : null;
}

/**
 * media-ready (PWG 5100.7) lists the sizes loaded now; some printers report only
 * media-col-ready, whose entries may carry a media-size-name or just dimensions.
 * `custom_*` names in media-ready are roll or custom sizes and are kept as reported.
 */
function readyMedia(attributes: TIppAttributes): string[] {
  const mediaReady = getStrings(attributes, 'media-ready');
  if (mediaReady.length > 0) return unique(mediaReady);
  return unique(
    getCollections(attributes, 'media-col-ready')
      .map(mediaColName)
      .filter((name): name is string => name !== null),
  );
}

/**
 * pwg-raster-document-resolution-supported is what a raster job may use; printers
 * without PWG raster only report printer-resolution-supported. Values in dots per
 * centimetre are converted.
 */
function resolutions(attributes: TIppAttributes): number[] {
  const raster = getResolutions(attributes, 'pwg-raster-document-resolution-supported');
  const list = raster.length > 0 ? raster : getResolutions(attributes, 'printer-resolution-supported');
  return unique(list.map(({ x, unit }) => (unit === 'dpcm' ? Math.round(x * 2.54) : x))).sort((a, b) => a - b);
}

function supportsOperations(attributes: TIppAttributes, ...names: string[]): boolean {
  const operations = getEnums(attributes, 'operations-supported');
  const codes: Record<string, number> = { 'Create-Job': 0x05, 'Send-Document': 0x06 };
  return names.every((name) => operations.includes(name) || operations.includes(codes[name]));
}

/**
 * Maps a Get-Printer-Attributes response to what Nearprint stores. Where a printer
 * omits an attribute the safe reading is used: no color-supported → colour only if
 * print-color-mode-supported offers `color`; no copies-supported → 1 copy per job
 * (RFC 8011 §5.2.5); no sides-supported → one-sided.
 */
export function mapPrinterCapabilities(attributes: TIppAttributes): TPrinterCapabilities {
  const documentFormats = getStrings(attributes, 'document-format-supported');
  const colorModes = getStrings(attributes, 'print-color-mode-supported');
  const sides = getStrings(attributes, 'sides-supported');
  const finishingValues = getEnums(attributes, 'finishings-supported');
  const isColor = getBoolean(attributes, 'color-supported') ?? colorModes.includes('color');
  const uuid = getString(attributes, 'printer-uuid');

  return ZPrinterCapabilities.parse({
    name: nonEmpty(getString(attributes, 'printer-name')),
    makeAndModel: nonEmpty(getString(attributes, 'printer-make-and-model')) ?? nonEmpty(getString(attributes, 'printer-info')) ?? 'Unknown printer',
    uuid: uuid ? uuid.replace(/^urn:uuid:/i, '') : null,
    firmware: nonEmpty(getStrings(attributes, 'printer-firmware-string-version').join(', ')),
    location: nonEmpty(getString(attributes, 'printer-location')),
    geoLocation: parseGeoUri(getString(attributes, 'printer-geo-location')),
    documentFormats,
    supportsPdf: documentFormats.includes('application/pdf'),
    supportsPwgRaster: documentFormats.includes('image/pwg-raster'),
    supportsCreateJob: supportsOperations(attributes, 'Create-Job', 'Send-Document'),
    isColor,
    colorModes,
    sides: sides.length > 0 ? sides : ['one-sided'],
    isDuplex: sides.some((side) => side.startsWith('two-sided')),
    media: unique(getStrings(attributes, 'media-supported')),
    mediaReady: readyMedia(attributes),
    finishings: unique(finishingValues.map(finishingCategory).filter((category) => category !== null)),
    finishingKeywords: unique(
      finishingValues
        .map(finishingEnumValue)
        .map((value) => (value === null ? null : finishingKeyword(value)))
        .filter((keyword) => keyword !== null),
    ),
    pagesPerMinute: getInteger(attributes, 'pages-per-minute'),
    pagesPerMinuteColor: isColor ? getInteger(attributes, 'pages-per-minute-color') : null,
    resolutionsDpi: resolutions(attributes),
    pwgRasterTypes: getStrings(attributes, 'pwg-raster-document-type-supported'),
    copiesMax: Math.max(1, getRanges(attributes, 'copies-supported')[0]?.[1] ?? 1),
  });
}
