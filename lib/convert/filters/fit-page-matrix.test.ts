import { describe, expect, it } from 'vitest';
import type { TPageGeometry } from '@/lib/documents/get-page-geometry';
import { fitPageMatrix, type TMatrix } from './fit-page-matrix';

const apply = ([a, b, c, d, e, f]: TMatrix, x: number, y: number) => [a * x + c * y + e, b * x + d * y + f].map((v) => Math.round(v * 100) / 100);

function geometry(box: TPageGeometry['box'], rotation: TPageGeometry['rotation'] = 0): TPageGeometry {
  const isSideways = rotation === 90 || rotation === 270;
  return { box, rotation, widthPt: isSideways ? box.height : box.width, heightPt: isSideways ? box.width : box.height };
}

describe('fitPageMatrix', () => {
  const sheet = { x: 0, y: 0, width: 600, height: 800 };

  it('scales and centres keeping the aspect ratio', () => {
    const { matrix, scale } = fitPageMatrix(geometry({ x: 0, y: 0, width: 300, height: 300 }), sheet);
    expect(scale).toBe(2);
    expect(apply(matrix, 0, 0)).toEqual([0, 100]);
    expect(apply(matrix, 300, 300)).toEqual([600, 700]);
  });

  it('moves an offset visible box to the target', () => {
    const { matrix } = fitPageMatrix(geometry({ x: 100, y: 200, width: 600, height: 800 }), sheet);
    expect(apply(matrix, 100, 200)).toEqual([0, 0]);
    expect(apply(matrix, 700, 1000)).toEqual([600, 800]);
  });

  it('honours /Rotate 90: the top-left of the unrotated page shows at the top-right', () => {
    const { matrix } = fitPageMatrix(geometry({ x: 0, y: 0, width: 800, height: 600 }, 90), sheet);
    expect(apply(matrix, 0, 600)).toEqual([600, 800]);
    expect(apply(matrix, 0, 0)).toEqual([0, 800]);
  });

  it('turns landscape content a quarter counter-clockwise onto a portrait sheet', () => {
    const { matrix } = fitPageMatrix(geometry({ x: 0, y: 0, width: 800, height: 600 }), sheet, 270);
    // The landscape page's top-left corner goes to the sheet's bottom-left.
    expect(apply(matrix, 0, 600)).toEqual([0, 0]);
    expect(apply(matrix, 800, 600)).toEqual([0, 800]);
  });
});
