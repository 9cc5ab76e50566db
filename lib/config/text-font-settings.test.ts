import { describe, expect, it } from 'vitest';
import { textFontSettings } from './text-font-settings';

describe('textFontSettings', () => {
  it('defaults to WenQuanYi Micro Hei Mono', () => {
    expect(textFontSettings({})).toEqual({ path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', postscriptName: 'WenQuanYiMicroHeiMono' });
    expect(textFontSettings({ NEARPRINT_TEXT_FONT: '', NEARPRINT_TEXT_FONT_FACE: '' }).postscriptName).toBe('WenQuanYiMicroHeiMono');
  });

  it('takes another font and face', () => {
    expect(textFontSettings({ NEARPRINT_TEXT_FONT: '/fonts/x.ttf', NEARPRINT_TEXT_FONT_FACE: 'XMono' })).toEqual({ path: '/fonts/x.ttf', postscriptName: 'XMono' });
  });
});
