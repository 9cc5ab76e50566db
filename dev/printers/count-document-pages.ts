import { PDFDocument } from 'pdf-lib';

/** Size of a CUPS/PWG raster v2 page header (PWG 5102.4 §4.3). */
const PWG_HEADER_BYTES = 1796;

/**
 * Walks a PWG raster stream page by page. Each page is a header followed by
 * PackBits-like compressed lines (PWG 5102.4 §4.3.1.2): a line-repeat byte, then runs
 * of repeated (0-127) or literal (129-255) pixels, 128 meaning "blank to the end of the line".
 */
export function countPwgRasterPages(bytes: Buffer): number {
  if (bytes.toString('latin1', 0, 4) !== 'RaS2') throw new Error('Not a PWG raster stream');
  let position = 4;
  let pages = 0;
  const byteAt = (at: number) => {
    if (at >= bytes.length) throw new Error('PWG raster stream is truncated');
    return bytes[at];
  };
  while (position < bytes.length) {
    if (position + PWG_HEADER_BYTES > bytes.length) throw new Error('PWG raster page header is truncated');
    const height = bytes.readUInt32BE(position + 376);
    const bitsPerPixel = bytes.readUInt32BE(position + 388);
    const bytesPerLine = bytes.readUInt32BE(position + 392);
    const bytesPerPixel = Math.max(1, Math.floor((bitsPerPixel + 7) / 8));
    if (height === 0 || bytesPerLine === 0) throw new Error('PWG raster page has no size');
    position += PWG_HEADER_BYTES;
    for (let line = 0; line < height;) {
      line += byteAt(position) + 1;
      position += 1;
      for (let remaining = bytesPerLine; remaining > 0;) {
        const code = byteAt(position);
        position += 1;
        if (code === 128) {
          remaining = 0;
        } else if (code > 128) {
          const count = Math.min((257 - code) * bytesPerPixel, remaining);
          position += count;
          remaining -= count;
        } else {
          position += bytesPerPixel;
          remaining -= Math.min((code + 1) * bytesPerPixel, remaining);
        }
      }
    }
    if (position > bytes.length) throw new Error('PWG raster stream is truncated');
    pages += 1;
  }
  return pages;
}

/** Pages in a document as a printer would count them; throws for what a printer could not print. */
export async function countDocumentPages(bytes: Buffer): Promise<number> {
  const magic = bytes.toString('latin1', 0, 8);
  if (magic.startsWith('%PDF-')) {
    const pdf = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
    return pdf.getPageCount();
  }
  if (magic.startsWith('RaS2')) return countPwgRasterPages(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 1;
  if (magic === '\x89PNG\r\n\x1a\n') return 1;
  throw new Error('Unsupported document format');
}
