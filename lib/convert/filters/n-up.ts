import { concatTransformationMatrix, drawObject, PDFName, popGraphicsState, pushGraphicsState } from 'pdf-lib';
import { MEDIA, type TMedia } from '@/lib/job-options/media';
import { getPageGeometry, type TBox, type TPageGeometry } from '@/lib/documents/get-page-geometry';
import type { TFilter } from './compose-filters';
import { fitPageMatrix } from './fit-page-matrix';
import { replacePages } from './replace-pages';

/** Space kept around each page inside its cell, in points, so neighbours do not touch. */
const CELL_GUTTER_PT = 6;

/**
 * Puts 2 or 4 pages on each sheet of `media`, left to right then top to bottom as read
 * on the sheet (IPP number-up-layout lrtb). The sheet is laid out for the document's
 * prevailing page orientation so that pages stay as large as possible and upright:
 * 2-up portrait pages sit side by side on a landscape sheet, 2-up landscape pages one
 * above the other on a portrait sheet; 4-up uses a 2×2 grid on a sheet of the pages'
 * own orientation. A page of the other orientation is turned a quarter to fit its
 * cell. Landscape sheets are turned onto the paper afterwards by `fitToMedia`.
 * Each source page becomes one Form XObject (embedded once, drawn once): page content
 * and resources are referenced, never copied.
 */
export function nUp(pagesPerSheet: 1 | 2 | 4, media: TMedia): TFilter {
  return async (doc) => {
    if (pagesPerSheet === 1) return doc;
    const pages = doc.getPages();
    const geometries = pages.map(getPageGeometry);
    const landscapeCount = geometries.filter((g) => g.widthPt > g.heightPt).length;
    const isLandscapeContent = landscapeCount > pages.length / 2;
    const { widthPt, heightPt } = MEDIA[media];
    const isLandscapeSheet = pagesPerSheet === 2 ? !isLandscapeContent : isLandscapeContent;
    const sheetWidth = isLandscapeSheet ? heightPt : widthPt;
    const sheetHeight = isLandscapeSheet ? widthPt : heightPt;
    const cells = layoutCells(pagesPerSheet, sheetWidth, sheetHeight);

    for (const page of pages) {
      if (!page.node.get(PDFName.of('Contents'))) page.node.set(PDFName.of('Contents'), doc.context.obj([]));
    }
    const embedded = await doc.embedPages(
      pages,
      geometries.map(({ box }) => ({ left: box.x, bottom: box.y, right: box.x + box.width, top: box.y + box.height })),
      geometries.map(() => [1, 0, 0, 1, 0, 0]),
    );

    const sheets = [];
    for (let first = 0; first < pages.length; first += pagesPerSheet) {
      const sheet = doc.addPage([sheetWidth, sheetHeight]);
      for (let slot = 0; slot < pagesPerSheet && first + slot < pages.length; slot++) {
        const index = first + slot;
        const name = sheet.node.newXObject('Page', embedded[index].ref);
        sheet.pushOperators(pushGraphicsState(), concatTransformationMatrix(...cellMatrix(geometries[index], cells[slot])), drawObject(name), popGraphicsState());
      }
      sheets.push(sheet);
    }
    replacePages(doc, sheets);
    return doc;
  };
}

/** Cells in reading order; PDF's y axis points up, so the top row comes first. */
function layoutCells(pagesPerSheet: 2 | 4, sheetWidth: number, sheetHeight: number): TBox[] {
  const isWide = sheetWidth > sheetHeight;
  const columns = pagesPerSheet === 4 ? 2 : isWide ? 2 : 1;
  const rows = pagesPerSheet / columns;
  const width = sheetWidth / columns;
  const height = sheetHeight / rows;
  const cells: TBox[] = [];
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      cells.push({
        x: column * width + CELL_GUTTER_PT,
        y: sheetHeight - (row + 1) * height + CELL_GUTTER_PT,
        width: width - 2 * CELL_GUTTER_PT,
        height: height - 2 * CELL_GUTTER_PT,
      });
    }
  }
  return cells;
}

function cellMatrix(geometry: TPageGeometry, cell: TBox) {
  const isPageLandscape = geometry.widthPt > geometry.heightPt;
  const isCellLandscape = cell.width > cell.height;
  return fitPageMatrix(geometry, cell, isPageLandscape === isCellLandscape ? 0 : 270).matrix;
}
