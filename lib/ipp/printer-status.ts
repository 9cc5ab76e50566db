import { z } from 'zod';
import type { TIppAttributes } from '@/lib/ipp/ipp-codec';
import { getBoolean, getEnums, getInteger, getIntegers, getString, getStrings } from '@/lib/ipp/ipp-values';

export const PRINTER_STATES = ['idle', 'processing', 'stopped'] as const;

export const ZPrinterMarker = z.object({
  name: z.string(),
  /** toner, ink, wasteToner, ... as the printer reports it. */
  type: z.string().nullable(),
  /** `#RRGGBB` when the printer says. */
  color: z.string().nullable(),
  /** Percent remaining, 0-100; null when the printer does not know. */
  level: z.number().int().min(0).max(100).nullable(),
});

export const ZPrinterStatus = z.object({
  state: z.enum(PRINTER_STATES),
  /** printer-state-reasons without `none`, e.g. `media-empty-error`, `toner-low-warning`. */
  stateReasons: z.array(z.string()),
  stateMessage: z.string().nullable(),
  isAcceptingJobs: z.boolean(),
  queuedJobCount: z.number().int().nonnegative(),
  markers: z.array(ZPrinterMarker),
});

export type TPrinterMarker = z.infer<typeof ZPrinterMarker>;
export type TPrinterStatus = z.infer<typeof ZPrinterStatus>;

export const PRINTER_STATUS_ATTRIBUTES = [
  'printer-state',
  'printer-state-reasons',
  'printer-state-message',
  'printer-is-accepting-jobs',
  'queued-job-count',
  'marker-names',
  'marker-types',
  'marker-colors',
  'marker-levels',
  'printer-supply',
  'printer-supply-description',
];

const COLORANT_HEX: Record<string, string> = {
  black: '#000000',
  cyan: '#00FFFF',
  magenta: '#FF00FF',
  yellow: '#FFFF00',
  'light-cyan': '#E0FFFF',
  'light-magenta': '#FF77FF',
  'photo-black': '#000000',
  'matte-black': '#000000',
};

/** Negative levels are "unknown" (-1, -2) or "some left" (-3) in both RFC 3805 and CUPS. */
function percent(level: number, max: number): number | null {
  if (level < 0 || max <= 0) return null;
  return Math.min(100, Math.max(0, Math.round((level / max) * 100)));
}

/** CUPS-style marker-* attributes: parallel lists, levels already in percent. */
function markersFromMarkerAttributes(attributes: TIppAttributes): TPrinterMarker[] {
  const names = getStrings(attributes, 'marker-names');
  const types = getStrings(attributes, 'marker-types');
  const colors = getStrings(attributes, 'marker-colors');
  const levels = getIntegers(attributes, 'marker-levels');
  return names.map((name, index) => ({
    name,
    type: types[index] ?? null,
    color: colors[index]?.match(/#[0-9a-f]{6}/i)?.[0].toUpperCase() ?? null,
    level: levels[index] === undefined ? null : percent(levels[index], 100),
  }));
}

/**
 * printer-supply (PWG 5100.13 §6.5.7) entries are octetStrings of `key=value;` pairs
 * taken from the Printer MIB (RFC 3805 prtMarkerSuppliesTable): level and maxcapacity
 * are in the supply's own unit, so the percentage is computed.
 */
function markersFromPrinterSupply(attributes: TIppAttributes): TPrinterMarker[] {
  const descriptions = getStrings(attributes, 'printer-supply-description');
  return getStrings(attributes, 'printer-supply').map((supply, index) => {
    const fields = Object.fromEntries(
      supply
        .split(';')
        .filter(Boolean)
        .map((pair) => {
          const at = pair.indexOf('=');
          return at === -1 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
        }),
    );
    const colorant = fields.colorantname ?? '';
    const level = Number.parseInt(fields.level ?? '', 10);
    const max = Number.parseInt(fields.maxcapacity ?? '', 10);
    return {
      name: descriptions[index] || [colorant, fields.type].filter(Boolean).join(' ') || `Supply ${index + 1}`,
      type: fields.type || null,
      color: COLORANT_HEX[colorant.toLowerCase()] ?? null,
      level: Number.isNaN(level) || Number.isNaN(max) ? null : percent(level, max),
    };
  });
}

/** A missing or unknown printer-state reads as stopped, so nothing is sent to that printer. */
function printerState(value: number | string | undefined): (typeof PRINTER_STATES)[number] {
  if (value === 'idle' || value === 3) return 'idle';
  if (value === 'processing' || value === 4) return 'processing';
  return 'stopped';
}

/**
 * Maps the live part of Get-Printer-Attributes. Supplies come from marker-* when the
 * printer has them (CUPS), else from printer-supply (IPP Everywhere). A printer that
 * does not say whether it accepts jobs is assumed to.
 */
export function mapPrinterStatus(attributes: TIppAttributes): TPrinterStatus {
  const markers = markersFromMarkerAttributes(attributes);
  return ZPrinterStatus.parse({
    state: printerState(getEnums(attributes, 'printer-state')[0]),
    stateReasons: getStrings(attributes, 'printer-state-reasons').filter((reason) => reason !== 'none'),
    stateMessage: getString(attributes, 'printer-state-message')?.trim() || null,
    isAcceptingJobs: getBoolean(attributes, 'printer-is-accepting-jobs') ?? true,
    queuedJobCount: Math.max(0, getInteger(attributes, 'queued-job-count') ?? 0),
    markers: markers.length > 0 ? markers : markersFromPrinterSupply(attributes),
  });
}
