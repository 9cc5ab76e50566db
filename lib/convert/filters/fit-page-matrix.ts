import type { TBox, TPageGeometry } from '@/lib/documents/get-page-geometry';

/** A PDF transformation matrix [a b c d e f]: x' = a·x + c·y + e, y' = b·x + d·y + f. */
export type TMatrix = [number, number, number, number, number, number];
export type TQuarterTurn = 0 | 90 | 180 | 270;

/** `first` then `second`. */
export function multiply(first: TMatrix, second: TMatrix): TMatrix {
  const [a1, b1, c1, d1, e1, f1] = first;
  const [a2, b2, c2, d2, e2, f2] = second;
  return [a1 * a2 + b1 * c2, a1 * b2 + b1 * d2, c1 * a2 + d1 * c2, c1 * b2 + d1 * d2, e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2];
}

/**
 * Turns a w×h box at the origin clockwise (the direction of /Rotate) and moves it back
 * into the positive quadrant.
 */
function clockwise(turn: TQuarterTurn, width: number, height: number): TMatrix {
  switch (turn) {
    case 90:
      return [0, -1, 1, 0, 0, width];
    case 180:
      return [-1, 0, 0, -1, width, height];
    case 270:
      return [0, 1, -1, 0, height, 0];
    default:
      return [1, 0, 0, 1, 0, 0];
  }
}

/**
 * Maps a page's own coordinates onto `target` so that its visible box, shown as its
 * /Rotate says and turned a further `turn` degrees clockwise, is scaled to fit
 * (keeping its aspect ratio) and centred. `turn: 270` is a quarter turn
 * counter-clockwise, the PWG/IPP convention for printing landscape on portrait paper.
 */
export function fitPageMatrix(geometry: TPageGeometry, target: TBox, turn: TQuarterTurn = 0): { matrix: TMatrix; scale: number } {
  const { box } = geometry;
  const total = ((geometry.rotation + turn) % 360) as TQuarterTurn;
  const isSideways = total === 90 || total === 270;
  const shownWidth = isSideways ? box.height : box.width;
  const shownHeight = isSideways ? box.width : box.height;
  const scale = Math.min(target.width / shownWidth, target.height / shownHeight);
  const offsetX = target.x + (target.width - shownWidth * scale) / 2;
  const offsetY = target.y + (target.height - shownHeight * scale) / 2;
  let matrix: TMatrix = [1, 0, 0, 1, -box.x, -box.y];
  matrix = multiply(matrix, clockwise(total, box.width, box.height));
  matrix = multiply(matrix, [scale, 0, 0, scale, offsetX, offsetY]);
  return { matrix, scale };
}
