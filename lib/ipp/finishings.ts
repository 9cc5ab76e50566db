/**
 * IPP `finishings` enum values (RFC 8011 §5.2.6, PWG 5100.1-2017 §5.2.1), keyword →
 * value. The `ipp` package's own table stops at 63 (no staple-triple, punch or fold
 * variants), so lib/ipp completes it from this one.
 */
export const FINISHING_ENUMS: Record<string, number> = {
  none: 3,
  staple: 4,
  punch: 5,
  cover: 6,
  bind: 7,
  'saddle-stitch': 8,
  'edge-stitch': 9,
  fold: 10,
  trim: 11,
  bale: 12,
  'booklet-maker': 13,
  'jog-offset': 14,
  coat: 15,
  laminate: 16,
  'staple-top-left': 20,
  'staple-bottom-left': 21,
  'staple-top-right': 22,
  'staple-bottom-right': 23,
  'edge-stitch-left': 24,
  'edge-stitch-top': 25,
  'edge-stitch-right': 26,
  'edge-stitch-bottom': 27,
  'staple-dual-left': 28,
  'staple-dual-top': 29,
  'staple-dual-right': 30,
  'staple-dual-bottom': 31,
  'staple-triple-left': 32,
  'staple-triple-top': 33,
  'staple-triple-right': 34,
  'staple-triple-bottom': 35,
  'bind-left': 50,
  'bind-top': 51,
  'bind-right': 52,
  'bind-bottom': 53,
  'trim-after-pages': 60,
  'trim-after-documents': 61,
  'trim-after-copies': 62,
  'trim-after-job': 63,
  'punch-top-left': 70,
  'punch-bottom-left': 71,
  'punch-top-right': 72,
  'punch-bottom-right': 73,
  'punch-dual-left': 74,
  'punch-dual-top': 75,
  'punch-dual-right': 76,
  'punch-dual-bottom': 77,
  'punch-triple-left': 78,
  'punch-triple-top': 79,
  'punch-triple-right': 80,
  'punch-triple-bottom': 81,
  'punch-quad-left': 82,
  'punch-quad-top': 83,
  'punch-quad-right': 84,
  'punch-quad-bottom': 85,
  'punch-multiple-left': 86,
  'punch-multiple-top': 87,
  'punch-multiple-right': 88,
  'punch-multiple-bottom': 89,
  'fold-accordion': 90,
  'fold-double-gate': 91,
  'fold-gate': 92,
  'fold-half': 93,
  'fold-half-z': 94,
  'fold-left-gate': 95,
  'fold-letter': 96,
  'fold-parallel': 97,
  'fold-poster': 98,
  'fold-right-gate': 99,
  'fold-z': 100,
  'fold-engineering-z': 101,
};

const FINISHING_KEYWORDS = new Map(Object.entries(FINISHING_ENUMS).map(([keyword, value]) => [value, keyword]));

export const FINISHING_CATEGORIES = ['none', 'staple', 'punch', 'bind', 'saddle-stitch', 'fold', 'trim', 'cover', 'bale', 'booklet-maker', 'jog-offset', 'coat', 'laminate'] as const;

export type TFinishingCategory = (typeof FINISHING_CATEGORIES)[number];

/** The generic value a printer should accept for "any position" of each category. */
const GENERIC_FINISHING: Record<TFinishingCategory, number> = {
  none: 3,
  staple: 4,
  punch: 5,
  cover: 6,
  bind: 7,
  'saddle-stitch': 8,
  fold: 10,
  trim: 11,
  bale: 12,
  'booklet-maker': 13,
  'jog-offset': 14,
  coat: 15,
  laminate: 16,
};

/**
 * CUPS reports some punch and fold variants in the vendor range before PWG
 * registered them (IPP_FINISHINGS_CUPS_PUNCH_TOP_LEFT = 0x40000046 = 0x40000000 + 70).
 */
const CUPS_VENDOR_BASE = 0x40000000;

/** Normalises a finishings value as the `ipp` package returns it (enum number or keyword). */
export function finishingEnumValue(value: unknown): number | null {
  if (typeof value === 'number' && Number.isInteger(value)) {
    return value >= CUPS_VENDOR_BASE ? value - CUPS_VENDOR_BASE : value;
  }
  if (typeof value === 'string') return FINISHING_ENUMS[value] ?? null;
  return null;
}

export function finishingKeyword(value: number): string | null {
  return FINISHING_KEYWORDS.get(value) ?? null;
}

/**
 * The kind of finishing a value gives a customer. Edge-stitch (stapling along an edge)
 * counts as `staple`; saddle-stitch (staples through the fold of a booklet) does not.
 * Unregistered values give null.
 */
export function finishingCategory(value: unknown): TFinishingCategory | null {
  const n = finishingEnumValue(value);
  if (n === null) return null;
  if (n === 3) return 'none';
  if (n === 4 || n === 9 || (n >= 20 && n <= 35)) return 'staple';
  if (n === 5 || (n >= 70 && n <= 89)) return 'punch';
  if (n === 7 || (n >= 50 && n <= 53)) return 'bind';
  if (n === 8) return 'saddle-stitch';
  if (n === 10 || (n >= 90 && n <= 101)) return 'fold';
  if (n === 11 || (n >= 60 && n <= 63)) return 'trim';
  if (n === 6) return 'cover';
  if (n === 12) return 'bale';
  if (n === 13) return 'booklet-maker';
  if (n === 14) return 'jog-offset';
  if (n === 15) return 'coat';
  if (n === 16) return 'laminate';
  return null;
}

/**
 * The keyword to request for a category on a printer that supports `supported`
 * (finishings-supported keywords): the generic value when listed, else the printer's
 * first positional variant (a printer may list only `staple-top-left`), else the
 * generic value, which the printer will then reject or ignore.
 */
export function pickFinishingKeyword(category: TFinishingCategory, supported: readonly string[]): string {
  const generic = finishingKeyword(GENERIC_FINISHING[category]) ?? 'none';
  if (supported.includes(generic)) return generic;
  return supported.find((keyword) => finishingCategory(keyword) === category) ?? generic;
}
