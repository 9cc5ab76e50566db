/**
 * Polyglot rule. A file we accept must be exactly one thing to every parser that
 * might read it: our inspection, the printer, and a browser that downloads it back.
 * A file is refused as a polyglot when any of these holds:
 *  1. A ZIP central directory can be reached from the end of the file (how every
 *     unzip tool opens a ZIP, even with data before it), unless the file is itself a
 *     ZIP-based office document. This catches the classic PDF+ZIP and JPEG+ZIP files.
 *  2. HTML/script/SVG markup or a `%PDF-` header appears in the first 1 KiB, the window
 *     that browsers and lenient PDF readers sniff. (Image signatures there are fine: a
 *     PDF's first image stream can start early, and image decoders only look at
 *     offset 0.)
 *  3. Data follows the format's end marker (PDF: the last `%%EOF`; PNG: `IEND`) and it
 *     is larger than 1 KiB or carries another format's signature (markup, PDF, ZIP,
 *     PNG, JPEG, ELF, RAR, 7z). Up to 1 KiB of plain
 *     padding is tolerated because real producers append whitespace or NULs.
 *     JPEGs are exempt from the size part: phones append a video (motion photos) or
 *     a gain map after the image; we embed only the image itself (see
 *     `jpegImageLength`), so the trailer never reaches a printer. Markup or a ZIP
 *     after a JPEG is still refused.
 */
export function findPolyglot(bytes: Uint8Array, type: 'pdf' | 'jpeg' | 'png' | 'office'): string | null {
  if (type !== 'office' && hasReachableZip(bytes)) return 'a ZIP archive is reachable from the end of the file';
  const headSignature = findSignature(bytes.subarray(0, SNIFF_WINDOW), type, HEAD_SIGNATURES);
  if (headSignature) return `${headSignature} signature in the first ${SNIFF_WINDOW} bytes`;
  if (type === 'office') return null;

  const end = type === 'pdf' ? pdfEnd(bytes) : type === 'png' ? pngEnd(bytes) : jpegEnd(bytes);
  if (end === null) return null;
  const trailer = bytes.subarray(end);
  const trailerSignature = findSignature(trailer, type === 'jpeg' ? 'jpeg-trailer' : type, SIGNATURES);
  if (trailerSignature) return `${trailerSignature} signature after the end of the ${type}`;
  if (type !== 'jpeg' && significantLength(trailer) > TRAILER_SLACK) {
    return `${trailer.length} bytes after the end of the ${type}`;
  }
  return null;
}

const SNIFF_WINDOW = 1024;
const TRAILER_SLACK = 1024;

type TSignature = { name: string; bytes: Uint8Array; caseInsensitive?: boolean; excludeFor: string[] };

const ascii = (s: string) => new Uint8Array(Array.from(s, (c) => c.charCodeAt(0)));

const SIGNATURES: TSignature[] = [
  { name: 'HTML', bytes: ascii('<html'), caseInsensitive: true, excludeFor: [] },
  { name: 'HTML', bytes: ascii('<!doctype'), caseInsensitive: true, excludeFor: [] },
  { name: 'script', bytes: ascii('<script'), caseInsensitive: true, excludeFor: [] },
  { name: 'SVG', bytes: ascii('<svg'), caseInsensitive: true, excludeFor: [] },
  { name: 'PDF', bytes: ascii('%PDF-'), excludeFor: ['pdf'] },
  { name: 'ZIP', bytes: ascii('PK\u0003\u0004'), excludeFor: ['office'] },
  { name: 'PNG', bytes: Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), excludeFor: ['png'] },
  // A JPEG's own trailer legitimately holds more JPEGs (gain maps, MPF previews).
  { name: 'JPEG', bytes: Uint8Array.of(0xff, 0xd8, 0xff), excludeFor: ['jpeg', 'jpeg-trailer'] },
  { name: 'ELF', bytes: ascii('\u007fELF'), excludeFor: [] },
  { name: 'RAR', bytes: ascii('Rar!\u001a\u0007'), excludeFor: [] },
  { name: '7z', bytes: Uint8Array.of(0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c), excludeFor: [] },
];

const HEAD_SIGNATURES = SIGNATURES.filter((s) => ['HTML', 'script', 'SVG', 'PDF'].includes(s.name));

function findSignature(haystack: Uint8Array, context: string, signatures: TSignature[]): string | null {
  for (const signature of signatures) {
    if (signature.excludeFor.includes(context)) continue;
    if (indexOf(haystack, signature.bytes, signature.caseInsensitive) >= 0) return signature.name;
  }
  return null;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, caseInsensitive = false, from = 0): number {
  const first = needle[0];
  const lower = (b: number) => (caseInsensitive && b >= 0x41 && b <= 0x5a ? b + 0x20 : b);
  for (let i = from; i <= haystack.length - needle.length; i++) {
    if (lower(haystack[i]) !== first) continue;
    let j = 1;
    while (j < needle.length && lower(haystack[i + j]) === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

export function lastIndexOf(haystack: Uint8Array, needle: Uint8Array, from = haystack.length - needle.length, floor = 0): number {
  for (let i = Math.min(from, haystack.length - needle.length); i >= floor; i--) {
    let j = 0;
    while (j < needle.length && haystack[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

/** Trailing bytes that are not whitespace or NUL padding. */
function significantLength(trailer: Uint8Array): number {
  let end = trailer.length;
  while (end > 0 && [0x00, 0x09, 0x0a, 0x0d, 0x20].includes(trailer[end - 1])) end--;
  let start = 0;
  while (start < end && [0x00, 0x09, 0x0a, 0x0d, 0x20].includes(trailer[start])) start++;
  return end - start;
}

const EOCD = ascii('PK\u0005\u0006');
const CENTRAL_DIRECTORY = ascii('PK\u0001\u0002');
const MAX_EOCD_DISTANCE = 22 + 0xffff;

function hasReachableZip(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const floor = Math.max(0, bytes.length - MAX_EOCD_DISTANCE);
  for (let at = lastIndexOf(bytes, EOCD, undefined, floor); at >= 0; at = lastIndexOf(bytes, EOCD, at - 1, floor)) {
    if (at + 22 > bytes.length) continue;
    const cdSize = view.getUint32(at + 12, true);
    const cdOffset = view.getUint32(at + 16, true);
    const candidates = [cdOffset, at - cdSize];
    if (candidates.some((offset) => offset >= 0 && startsWithAt(bytes, CENTRAL_DIRECTORY, offset))) return true;
  }
  return false;
}

function startsWithAt(bytes: Uint8Array, prefix: Uint8Array, offset: number): boolean {
  if (offset + prefix.length > bytes.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[offset + i] !== prefix[i]) return false;
  return true;
}

const PDF_EOF = ascii('%%EOF');

function pdfEnd(bytes: Uint8Array): number | null {
  const at = lastIndexOf(bytes, PDF_EOF);
  return at < 0 ? null : at + PDF_EOF.length;
}

/** Walks the chunk list: the end of IEND, or null when the chunk structure is broken. */
function pngEnd(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  while (offset + 12 <= bytes.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    offset += 12 + length;
    if (type === 'IEND') return offset <= bytes.length ? offset : null;
  }
  return null;
}

function jpegEnd(bytes: Uint8Array): number | null {
  const length = jpegImageLength(bytes);
  return length === bytes.length ? null : length;
}

/**
 * Length of the first JPEG image in the file: markers are walked up to the scan,
 * then the entropy-coded data is scanned for EOI (in scan data 0xFF is always
 * followed by 0x00 or a restart marker, so the first other marker ends it).
 * Progressive JPEGs have several scans; the walk continues across them.
 * Returns the whole length when the structure cannot be followed.
 */
export function jpegImageLength(bytes: Uint8Array): number {
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return bytes.length;
    const marker = bytes[offset + 1];
    if (marker === 0xff) {
      offset++;
      continue;
    }
    if (marker === 0xd9) return offset + 2;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2;
      continue;
    }
    const segmentLength = (bytes[offset + 2] << 8) | bytes[offset + 3];
    offset += 2 + segmentLength;
    if (marker !== 0xda) continue;
    while (offset + 1 < bytes.length) {
      if (bytes[offset] === 0xff && bytes[offset + 1] !== 0x00 && !(bytes[offset + 1] >= 0xd0 && bytes[offset + 1] <= 0xd7)) break;
      offset++;
    }
  }
  return bytes.length;
}
