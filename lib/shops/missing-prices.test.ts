import { describe, expect, it } from 'vitest';
import { findMissingPrices } from './missing-prices';

const colourA4A3 = { media: ['iso_a4_210x297mm', 'iso_a3_297x420mm', 'om_small-photo_100x150mm'], isColor: true };
const monoA4A5 = { media: ['iso_a4_210x297mm', 'iso_a5_148x210mm'], isColor: false };

describe('findMissingPrices', () => {
  it('asks for every size and colour the fleet can do, black & white on colour printers too, sizes Nearprint sells only', () => {
    expect(findMissingPrices([colourA4A3, monoA4A5], []).map((m) => m.label)).toEqual(['A4 black & white', 'A4 colour', 'A3 black & white', 'A3 colour', 'A5 black & white']);
  });

  it('counts a size and colour as priced when either side is', () => {
    const prices = [
      { media: 'iso_a4_210x297mm', colorMode: 'monochrome' },
      { media: 'iso_a4_210x297mm', colorMode: 'color' },
      { media: 'iso_a3_297x420mm', colorMode: 'color' },
      { media: 'iso_a5_148x210mm', colorMode: 'monochrome' },
    ];
    expect(findMissingPrices([colourA4A3, monoA4A5], prices)).toEqual([{ media: 'iso_a3_297x420mm', colorMode: 'monochrome', label: 'A3 black & white' }]);
  });

  it('asks for nothing without printers, and ignores prices for sizes no printer does', () => {
    expect(findMissingPrices([], [])).toEqual([]);
    expect(
      findMissingPrices(
        [monoA4A5],
        [
          { media: 'iso_a4_210x297mm', colorMode: 'monochrome' },
          { media: 'iso_a5_148x210mm', colorMode: 'monochrome' },
          { media: 'na_ledger_11x17in', colorMode: 'color' },
        ],
      ),
    ).toEqual([]);
  });
});
