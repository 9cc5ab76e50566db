import { degrees, PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { getPageGeometry, normaliseRotation } from './get-page-geometry';

describe('getPageGeometry', () => {
  it('reports the MediaBox when there is no CropBox', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([595.28, 841.89]);
    expect(getPageGeometry(page)).toMatchObject({ widthPt: 595.28, heightPt: 841.89, rotation: 0 });
  });

  it('reports a portrait page rotated by /Rotate 90 as landscape', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([595.28, 841.89]);
    page.setRotation(degrees(90));
    expect(getPageGeometry(page)).toMatchObject({ widthPt: 841.89, heightPt: 595.28, rotation: 90 });
    page.setRotation(degrees(-90));
    expect(getPageGeometry(page).rotation).toBe(270);
  });

  it('uses the CropBox clipped to the MediaBox', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([600, 800]);
    page.setCropBox(100, 100, 300, 400);
    expect(getPageGeometry(page)).toMatchObject({ box: { x: 100, y: 100, width: 300, height: 400 }, widthPt: 300 });
    page.setCropBox(500, 700, 300, 300);
    expect(getPageGeometry(page).box).toEqual({ x: 500, y: 700, width: 100, height: 100 });
  });

  it('accepts boxes written with any two corners', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([600, 800]);
    page.setMediaBox(600, 800, -600, -800);
    expect(getPageGeometry(page).box).toEqual({ x: 0, y: 0, width: 600, height: 800 });
  });

  it('treats an invalid /Rotate as 0', () => {
    expect(normaliseRotation(45)).toBe(0);
    expect(normaliseRotation(450)).toBe(90);
    expect(normaliseRotation(-180)).toBe(180);
  });
});
