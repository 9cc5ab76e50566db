export type TPwgPageHeader = {
  hwResolution: [number, number];
  widthPx: number;
  heightPx: number;
  bitsPerColor: number;
  bitsPerPixel: number;
  bytesPerLine: number;
  /** 18 = sGray, 19 = sRGB, … (CUPS cups_cspace_t numbers) */
  colorSpace: number;
  isDuplex: boolean;
  isTumble: boolean;
  pageSizePt: [number, number];
};

const SYNC = 'RaS2';
const HEADER_BYTES = 1796;

/**
 * Reads the page headers of a PWG raster stream (PWG 5102.4), walking each page's
 * compressed rows to find the next header, so the page count is what a printer would
 * count. Row data: a line-repeat byte (repeat n+1 times), then runs until the line is
 * full, a run byte 0–127 repeating the next pixel n+1 times, 128–255 followed by 257−n
 * literal pixels. Throws on a malformed stream.
 */
export function readPwgRaster(data: Uint8Array): TPwgPageHeader[] {
  if (new TextDecoder().decode(data.subarray(0, 4)) !== SYNC) throw new Error('Not PWG raster: missing RaS2 sync word');
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const pages: TPwgPageHeader[] = [];
  let offset = 4;
  while (offset < data.length) {
    if (offset + HEADER_BYTES > data.length) throw new Error('Truncated PWG page header');
    const u32 = (at: number) => view.getUint32(offset + at);
    const header: TPwgPageHeader = {
      hwResolution: [u32(276), u32(280)],
      isDuplex: u32(272) !== 0,
      pageSizePt: [u32(352), u32(356)],
      isTumble: u32(368) !== 0,
      widthPx: u32(372),
      heightPx: u32(376),
      bitsPerColor: u32(384),
      bitsPerPixel: u32(388),
      bytesPerLine: u32(392),
      colorSpace: u32(400),
    };
    pages.push(header);
    offset = skipPageData(data, offset + HEADER_BYTES, header);
  }
  return pages;
}

function skipPageData(data: Uint8Array, start: number, header: TPwgPageHeader): number {
  const pixelBytes = Math.max(1, header.bitsPerPixel / 8);
  let offset = start;
  let rows = 0;
  while (rows < header.heightPx) {
    if (offset >= data.length) throw new Error('Truncated PWG page data');
    rows += data[offset++] + 1;
    let filled = 0;
    while (filled < header.bytesPerLine) {
      if (offset >= data.length) throw new Error('Truncated PWG row');
      const run = data[offset++];
      if (run < 128) {
        filled += (run + 1) * pixelBytes;
        offset += pixelBytes;
      } else {
        const literal = (257 - run) * pixelBytes;
        filled += literal;
        offset += literal;
      }
    }
    if (filled !== header.bytesPerLine) throw new Error('PWG row overruns its line');
  }
  return offset;
}
