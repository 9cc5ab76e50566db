import sharp from 'sharp';
import { renderPages, type TRenderedPage } from './render-pages';

export type TThumbnail = { pageNumber: number; png: Buffer; widthPx: number; heightPx: number };
export type TPageSize = { pageNumber: number; widthPt: number; heightPt: number };

export const DEFAULT_THUMBNAIL_WIDTH_PX = 200;
/** Pixel budget per rendered page, so a poster-sized page cannot exhaust memory. */
const MAX_PIXELS_PER_PAGE = 4_000_000;
const MAX_THUMBNAIL_DPI = 150;

/**
 * Thumbnails for the page map, generated on demand for the pages asked for (the
 * first few come with the inspection). `pages` are the sizes the inspection stored,
 * used to pick one resolution at which every requested page is at least `widthPx`
 * wide, within a per-page pixel budget. One Ghostscript process per call.
 */
export async function renderThumbnails(pdf: Uint8Array, pages: TPageSize[], options: { widthPx?: number; timeoutMs?: number } = {}): Promise<TThumbnail[]> {
  if (pages.length === 0) return [];
  const widthPx = options.widthPx ?? DEFAULT_THUMBNAIL_WIDTH_PX;
  const narrowest = Math.min(...pages.map((p) => p.widthPt));
  const dpi = Math.min(MAX_THUMBNAIL_DPI, Math.ceil((widthPx * 72) / narrowest), maxDpiFor(pages));
  const frames: TRenderedPage[] = [];
  await renderPages(pdf, {
    dpi,
    pageNumbers: pages.map((p) => p.pageNumber),
    maxOutputBytes: rasterBytes(pages, dpi),
    timeoutMs: options.timeoutMs,
    onPage: (frame) => frames.push(frame),
  });
  return Promise.all(frames.map((frame) => makeThumbnail(frame, widthPx)));
}

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
