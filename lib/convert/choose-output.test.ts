import { describe, expect, it } from 'vitest';
import { chooseOutput } from './choose-output';

describe('chooseOutput', () => {
  it('sends PDF whenever the printer takes it', () => {
    expect(chooseOutput({ documentFormats: ['image/pwg-raster', 'application/pdf'], isColor: true }, { isMono: false })).toEqual({
      format: 'application/pdf',
      isMono: false,
    });
  });

  it('falls back to PWG raster at 300 dpi when offered', () => {
    expect(chooseOutput({ documentFormats: ['image/pwg-raster', 'image/jpeg'], resolutionsDpi: [150, 300, 600], isColor: true }, { isMono: false })).toEqual({
      format: 'image/pwg-raster',
      isMono: false,
      resolutionDpi: 300,
    });
  });

  it('picks the offered resolution closest to 300, the higher on a tie, and 300 when none is listed', () => {
    const raster = (resolutionsDpi: number[]) => chooseOutput({ documentFormats: ['image/pwg-raster'], resolutionsDpi, isColor: true }, { isMono: false });
    expect(raster([600, 1200])).toMatchObject({ resolutionDpi: 600 });
    expect(raster([200, 400])).toMatchObject({ resolutionDpi: 400 });
    expect(raster([])).toMatchObject({ resolutionDpi: 300 });
  });

  it('goes grey for a mono job or a mono printer', () => {
    expect(chooseOutput({ documentFormats: ['image/pwg-raster'], isColor: false }, { isMono: false }).isMono).toBe(true);
    expect(chooseOutput({ documentFormats: ['application/pdf'], isColor: true }, { isMono: true }).isMono).toBe(true);
  });

  it('refuses a printer that takes neither', () => {
    expect(() => chooseOutput({ documentFormats: ['image/jpeg'], isColor: true }, { isMono: false })).toThrow(expect.objectContaining({ code: 'printer_unsupported' }));
  });
});
