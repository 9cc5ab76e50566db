import type { PDFPage } from 'pdf-lib';

export type TBox = { x: number; y: number; width: number; height: number };

export type TPageGeometry = {
  /** The visible area in the page's own coordinates: CropBox clipped to MediaBox. */
  box: TBox;
  /** /Rotate normalised to 0, 90, 180 or 270 (clockwise, as the spec defines it). */
  rotation: 0 | 90 | 180 | 270;
  /** Size as displayed and printed, in points: rotation applied, so a rotated portrait page reports landscape. */
  widthPt: number;
  heightPt: number;
};

/**
 * What a reader shows, which is not what `page.getSize()` says: pdf-lib returns the
 * MediaBox, but viewers and printers show the CropBox (defaulting to the MediaBox,
 * clipped to it) turned by /Rotate. Both are inheritable from the page tree; pdf-lib's
 * accessors follow the inheritance. A /Rotate that is not a multiple of 90 is invalid
 * and treated as 0, as Acrobat does.
 */
export function getPageGeometry(page: PDFPage): TPageGeometry {
  const media = normaliseBox(page.getMediaBox());
  const crop = page.node.CropBox() ? normaliseBox(page.getCropBox()) : media;
  const box = intersect(media, crop) ?? media;
  const rotation = normaliseRotation(page.getRotation().angle);
  const isSideways = rotation === 90 || rotation === 270;
  return {
    box,
    rotation,
    widthPt: isSideways ? box.height : box.width,
    heightPt: isSideways ? box.width : box.height,
  };
}

export function normaliseRotation(angle: number): 0 | 90 | 180 | 270 {
  if (!Number.isFinite(angle) || angle % 90 !== 0) return 0;
  return (((angle % 360) + 360) % 360) as 0 | 90 | 180 | 270;
}

/** Boxes may be written with any two opposite corners; make width and height positive. */
function normaliseBox(box: TBox): TBox {
  const x = Math.min(box.x, box.x + box.width);
  const y = Math.min(box.y, box.y + box.height);
  return { x, y, width: Math.abs(box.width), height: Math.abs(box.height) };
}

function intersect(a: TBox, b: TBox): TBox | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const top = Math.min(a.y + a.height, b.y + b.height);
  if (right - x <= 0 || top - y <= 0) return null;
  return { x, y, width: right - x, height: top - y };
}
