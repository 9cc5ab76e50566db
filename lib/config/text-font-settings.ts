import { z } from 'zod';
import { parseEnv, processEnv, type TEnvSource, emptyIsUnset } from './parse-env';

/**
 * The font plain-text uploads are set in. The default, WenQuanYi Micro Hei (Debian
 * `fonts-wqy-microhei`, Apache-2.0), covers Latin and CJK and is TrueType, which matters:
 * @pdf-lib/fontkit subsets TrueType correctly but breaks CFF fonts such as Noto Sans CJK.
 */
export const ZTextFontEnv = z.object({
  /** A TrueType font file or collection (.ttf/.ttc). */
  NEARPRINT_TEXT_FONT: emptyIsUnset(z.string().default('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc')),
  /** The face to use from a collection, by PostScript name (the monospaced face suits plain text). */
  NEARPRINT_TEXT_FONT_FACE: emptyIsUnset(z.string().default('WenQuanYiMicroHeiMono')),
});

export type TTextFontSettings = { path: string; postscriptName: string };

export function textFontSettings(source: TEnvSource = processEnv()): TTextFontSettings {
  const parsed = parseEnv(ZTextFontEnv, source);
  return { path: parsed.NEARPRINT_TEXT_FONT, postscriptName: parsed.NEARPRINT_TEXT_FONT_FACE };
}
