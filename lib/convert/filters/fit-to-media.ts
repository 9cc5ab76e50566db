import { clip, concatTransformationMatrix, endPath, PDFArray, type PDFDocument, PDFName, PDFNumber, type PDFPage, type PDFRef, popGraphicsState, pushGraphicsState, rectangle } from 'pdf-lib';
import { MEDIA, type TMedia } from '@/lib/job-options/media';
import { getPageGeometry } from '@/lib/documents/get-page-geometry';
import type { TFilter } from './compose-filters';
import { fitPageMatrix } from './fit-page-matrix';

/** Within this many points a page already is the media size and is left untouched. */
const SAME_SIZE_TOLERANCE_PT = 1;

/**
 * Puts every page on a portrait sheet of `media`, the way a printer feeds paper (and
 * the way PWG raster must describe it): the visible area (CropBox, /Rotate applied)
 * is scaled to fit keeping its aspect ratio and centred; a landscape page is turned a
 * quarter counter-clockwise onto the portrait sheet (IPP orientation "landscape").
 * Works in place, without copying content: the page's own content streams are wrapped
 * in `q <matrix> cm <clip to the old visible box> … Q`, and its boxes and /Rotate reset.
 * Pages that already are portrait media size with no rotation are left as they are.
 */
export function fitToMedia(media: TMedia): TFilter {
  const { widthPt, heightPt } = MEDIA[media];
  return async (doc) => {
    for (const page of doc.getPages()) fitPage(doc, page, widthPt, heightPt);
    return doc;
  };
}

function fitPage(doc: PDFDocument, page: PDFPage, widthPt: number, heightPt: number): void {
  const geometry = getPageGeometry(page);
  const { box } = geometry;
  const isAlreadyMedia = geometry.rotation === 0 && box.x === 0 && box.y === 0 && Math.abs(box.width - widthPt) <= SAME_SIZE_TOLERANCE_PT && Math.abs(box.height - heightPt) <= SAME_SIZE_TOLERANCE_PT;
  if (isAlreadyMedia) return;

  const turn = geometry.widthPt > geometry.heightPt ? 270 : 0;
  const { matrix } = fitPageMatrix(geometry, { x: 0, y: 0, width: widthPt, height: heightPt }, turn);
  const before = doc.context.register(doc.context.contentStream([pushGraphicsState(), concatTransformationMatrix(...matrix), rectangle(box.x, box.y, box.width, box.height), clip(), endPath()]));
  const after = doc.context.register(doc.context.contentStream([popGraphicsState()]));
  page.node.set(PDFName.of('Contents'), doc.context.obj([before, ...contentRefs(page), after]));

  const sheet = doc.context.obj([0, 0, widthPt, heightPt]);
  page.node.set(PDFName.of('MediaBox'), sheet);
  page.node.set(PDFName.of('CropBox'), sheet);
  page.node.set(PDFName.of('Rotate'), PDFNumber.of(0));
  for (const name of ['BleedBox', 'TrimBox', 'ArtBox']) page.node.delete(PDFName.of(name));
}

/** The page's content streams as references (a page may have one stream, an array, or none). */
export function contentRefs(page: PDFPage): PDFRef[] {
  const contents = page.node.get(PDFName.of('Contents'));
  if (!contents) return [];
  if (contents instanceof PDFArray) return contents.asArray() as PDFRef[];
  return [contents as PDFRef];
}
