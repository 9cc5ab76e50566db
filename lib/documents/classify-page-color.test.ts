import { describe, expect, it } from 'vitest';
import { classifyPageColor, COLOR_AREA_THRESHOLD } from './classify-page-color';

function page(width: number, height: number, fill: [number, number, number]) {
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0; i < rgb.length; i += 3) rgb.set(fill, i);
  return rgb;
}

function paint(rgb: Uint8Array, width: number, pixels: number, color: [number, number, number]) {
  for (let i = 0; i < pixels; i++) rgb.set(color, i * 3);
  return rgb;
}

describe('classifyPageColor', () => {
  const width = 300;
  const height = 400;

  it('treats white, grey and black as mono, with all ink in K', () => {
    for (const level of [255, 128, 0]) {
      const result = classifyPageColor(page(width, height, [level, level, level]), width, height);
      expect(result.isColor).toBe(false);
      expect(result.coverage.c).toBe(0);
      expect(result.coverage.k).toBeCloseTo(1 - level / 255);
    }
  });

  it('keeps a faint tint (a warm scan, +2% red) mono', () => {
    const result = classifyPageColor(page(width, height, [133, 128, 128]), width, height);
    expect(result.isColor).toBe(false);
    expect(result.coverage.m).toBeGreaterThan(0);
  });

  it('calls a small saturated mark colour once it covers the area threshold', () => {
    const pixels = width * height;
    const enough = Math.ceil(pixels * COLOR_AREA_THRESHOLD);
    const white = () => page(width, height, [255, 255, 255]);
    expect(classifyPageColor(paint(white(), width, enough, [220, 20, 30]), width, height).isColor).toBe(true);
    expect(classifyPageColor(paint(white(), width, enough - 1, [220, 20, 30]), width, height).isColor).toBe(false);
  });

  it('measures chroma as the CMY left after grey-component replacement', () => {
    const result = classifyPageColor(page(1, 1, [255, 0, 0]), 1, 1);
    expect(result.coverage).toEqual({ c: 0, m: 1, y: 1, k: 0 });
    expect(result.isColor).toBe(true);
  });
});
