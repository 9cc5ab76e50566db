/** Average ink per channel over the page, 0..1, from a 100% grey-component-replacement separation. */
export type TInkCoverage = { c: number; m: number; y: number; k: number };

export type TPageColor = {
  isColor: boolean;
  coverage: TInkCoverage;
  /** Share of the page's pixels that carry visible colour (chroma above the threshold). */
  colorPixelFraction: number;
};

/** A pixel is coloured when max(R,G,B) − min(R,G,B) exceeds this (26/255 ≈ 10%). */
export const PIXEL_CHROMA_THRESHOLD = 26;
/** A page is colour when at least this share of its pixels is coloured (0.01%: about 6 mm² of A4). */
export const COLOR_AREA_THRESHOLD = 1e-4;

/**
 * The colour rule, applied to a page rendered to sRGB by Ghostscript.
 *
 * Each pixel is separated into CMYK with 100% grey-component replacement:
 * K = 1 − max(R,G,B) and C,M,Y = max(R,G,B) − R,G,B. Whatever is neutral (grey, black,
 * rich black, which Ghostscript renders as RGB black) goes entirely to K, so C/M/Y hold
 * only the part of the ink that is *not* the neutral component of black; their maximum
 * is the pixel's chroma. A pixel is coloured when its chroma exceeds 10%, and a page is
 * colour when coloured pixels cover at least 0.01% of it.
 *
 * Why per pixel and not Ghostscript's `inkcov`/`ink_cov` page averages: an average
 * cannot tell a faint tint spread over a whole page from a small saturated logo.
 * Measured on the test pages with gs 10.00 (`ink_cov`, per cent): a grey scan with a
 * +2% red tint gives C44.3 M43.3 Y41.4 (spread 3.0) and pure RGB grey C51 M43.5 Y43.5
 * (spread 7.5, the ICC separation of neutral grey is not C=M=Y), while a page with a
 * small red logo gives 4.47/4.36/4.31 (spread 0.16); with `-dUseFastColor` a full
 * colour photo averages out to a spread of 0.5. No threshold on averages orders
 * those correctly. Per pixel, the same pages give: tinted scan max chroma 11/255
 * (mono), rich black C60 M40 Y40 K100 and greys 0 (mono), logo 0.16% of pixels at
 * chroma 192 (colour), photo 95% (colour).
 *
 * The thresholds: 10% keeps scanner warmth, paper tint and JPEG chroma noise (which
 * stay within a few per cent) mono, while anything a reader calls coloured (red or
 * blue ink, highlighter, a logo) is far above it; very pale tints such as light-blue
 * table shading (~8%) count as mono, which is what they look like printed in grey.
 * 0.01% of the area ignores stray pixels and anti-aliasing fringes but still catches
 * a coloured word or a small logo.
 */
export function classifyPageColor(rgb: Uint8Array, width: number, height: number): TPageColor {
  const pixels = width * height;
  let c = 0;
  let m = 0;
  let y = 0;
  let k = 0;
  let colorPixels = 0;
  for (let i = 0; i < pixels * 3; i += 3) {
    const r = rgb[i];
    const g = rgb[i + 1];
    const b = rgb[i + 2];
    const max = r > g ? (r > b ? r : b) : g > b ? g : b;
    const min = r < g ? (r < b ? r : b) : g < b ? g : b;
    c += max - r;
    m += max - g;
    y += max - b;
    k += 255 - max;
    if (max - min > PIXEL_CHROMA_THRESHOLD) colorPixels++;
  }
  const scale = pixels > 0 ? 1 / (255 * pixels) : 0;
  const colorPixelFraction = pixels > 0 ? colorPixels / pixels : 0;
  return {
    isColor: colorPixels > 0 && colorPixelFraction >= COLOR_AREA_THRESHOLD,
    coverage: { c: c * scale, m: m * scale, y: y * scale, k: k * scale },
    colorPixelFraction,
  };
}
