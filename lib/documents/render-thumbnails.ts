import sharp from 'sharp';
import type { TRenderedPage } from './render-pages';

export type TThumbnail = { pageNumber: number; png: Buffer; widthPx: number; heightPx: number };

export const DEFAULT_THUMBNAIL_WIDTH_PX = 200;
/** Pixel budget per rendered page, so a poster-sized page cannot exhaust memory. */
const MAX_PIXELS_PER_PAGE = 4_000_000;

/** A page's thumbnail for the page map, from its rendered frame (see inspectDocument). */
export async function makeThumbnail(frame: TRenderedPage, widthPx: number): Promise<TThumbnail> {
  const { data, info } = await sharp(frame.rgb, { raw: { width: frame.width, height: frame.height, channels: 3 } })
    .resize({ width: widthPx })
    .png({ palette: true, effort: 1, compressionLevel: 9 })
    .toBuffer({ resolveWithObject: true });
  return { pageNumber: frame.pageNumber, png: data, widthPx: info.width, heightPx: info.height };
}

/** The highest resolution at which the largest of `pages` stays within the pixel budget. */
export function maxDpiFor(pages: { widthPt: number; heightPt: number }[]): number {
  const largestSquareInches = Math.max(...pages.map((p) => (p.widthPt / 72) * (p.heightPt / 72)));
  return Math.max(1, Math.floor(Math.sqrt(MAX_PIXELS_PER_PAGE / largestSquareInches)));
}

/** Upper bound of the raw RGB bytes Ghostscript writes for `pages` at `dpi`, headers included. */
export function rasterBytes(pages: { widthPt: number; heightPt: number }[], dpi: number): number {
  const pixels = pages.reduce((sum, p) => sum + (Math.ceil((p.widthPt * dpi) / 72) + 2) * (Math.ceil((p.heightPt * dpi) / 72) + 2), 0);
  return pixels * 3 + pages.length * 256 + 1024 * 1024;
}
